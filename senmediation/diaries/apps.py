from django.apps import AppConfig


class DiariesConfig(AppConfig):
    """The staff diaries: a week or month of meetings by mediator, room or interpreter, with each mediator's
    availability and leave; what a mediator records of their own time; their private calendar feed. It joins
    meetings, their bookings and the directory, so it sits in the composition layer."""

    name = "senmediation.diaries"
    label = "diaries"
    verbose_name = "Diaries"
