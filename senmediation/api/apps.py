from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "senmediation.api"
    label = "api"
    verbose_name = "API and webhooks"

    def ready(self) -> None:
        # The API listens to the case domain, which never calls it: each step of a case, once saved,
        # goes out to the partners' webhooks. Imported here because models are ready only now.
        from senmediation.cases.signals import case_transitioned

        from .events import case_transitioned_publish

        case_transitioned.connect(case_transitioned_publish, dispatch_uid="api.case_transitioned_publish")
