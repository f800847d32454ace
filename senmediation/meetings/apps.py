from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "senmediation.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        # The workflow's facts about meetings reach cases from here: cases imports no feature.
        from senmediation.cases.facts import register_case_facts, register_case_meeting_current

        from .facts import meeting_case_facts, meeting_current_for_case

        register_case_meeting_current(meeting_current_for_case)
        register_case_facts(meeting_case_facts)
