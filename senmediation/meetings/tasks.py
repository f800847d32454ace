from django_tasks import task

from senmediation.core import clock

from .services import meeting_reminders_send


@task()
def meeting_reminders_task() -> int:
    """Daily: reminders for meetings on the next working day."""
    return meeting_reminders_send(today=clock.today())
