from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "senmediation.meetings"
    label = "meetings"
    verbose_name = "Meetings"
