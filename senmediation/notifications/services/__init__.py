"""The notifications service: every letter, e-mail, text and call the service makes goes through here."""

from .delivery import message_deliver_now, messages_retry_due
from .sending import Attachment, messages_release_for_party, notification_send
from .staff import call_task_done, message_mark_posted, message_mark_printed, message_retry
from .templates import notification_templates_ensure, template_preview, template_update

__all__ = [
    "Attachment", "call_task_done", "message_deliver_now", "message_mark_posted", "message_mark_printed",
    "message_retry", "messages_release_for_party", "messages_retry_due", "notification_send", "notification_templates_ensure",
    "template_preview", "template_update",
]
