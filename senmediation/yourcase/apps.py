from django.apps import AppConfig


class YourCaseConfig(AppConfig):
    """The family's own case page ("Your case"): a composition of the case, its meeting, documents and
    dates, read through a parent's, young person's or representative's secure link."""

    name = "senmediation.yourcase"
    label = "yourcase"
