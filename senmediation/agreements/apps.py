from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "senmediation.agreements"
    label = "agreements"

    def ready(self) -> None:
        # The workflow's fact about agreed actions reaches cases from here: cases imports no feature.
        from senmediation.cases.facts import register_case_facts

        from .selectors import agreement_case_facts

        register_case_facts(agreement_case_facts)
