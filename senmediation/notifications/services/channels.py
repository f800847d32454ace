"""The four ways a message leaves: e-mail, text (GOV.UK Notify), a printed letter, or a call for staff to make.
Each raises TemporaryFailure (try again later) or PermanentFailure (no point retrying)."""

from __future__ import annotations

import hashlib
import smtplib
import uuid
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage

from senmediation.core import clock

from ..models import CallTask, Message
from .routing import notify_api_key, notify_email_ready
from .secure_links import LinkNotSendable, message_body_to_send

# 5xx SMTP replies say "never"; 4xx and dropped connections say "not now".
PERMANENT_SMTP = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPNotSupportedError)


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


def message_id_for(message: Message) -> str:
    """The same Message-ID every time for the same idempotency key, so a copy sent twice can be recognised
    as one by mail servers and mail programs."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "senmediation.invalid"
    digest = hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:40]
    return f"<{digest}@{domain}>"


def _hand_over(message: Message) -> None:
    """Written (and committed) before the backend is called: if the worker dies after this, we cannot know
    whether the message left, and the sweep will not send it again (see delivery.py)."""
    moment = clock.now()
    Message.objects.filter(pk=message.pk).update(handed_to_backend_at=moment)
    message.handed_to_backend_at = moment


def _handed_back(message: Message) -> None:
    # The backend said it failed, so nothing left: a later attempt is safe.
    Message.objects.filter(pk=message.pk).update(handed_to_backend_at=None)
    message.handed_to_backend_at = None


def _notify_client() -> Any:
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(notify_api_key())  # type: ignore[no-untyped-call]


def _notify_call(message: Message, send: Any) -> None:
    from notifications_python_client.errors import HTTPError

    _hand_over(message)
    try:
        send()
    except HTTPError as error:
        _handed_back(message)
        if error.status_code >= 500 or error.status_code == 429:
            raise TemporaryFailure(f"GOV.UK Notify: {error}") from error
        raise PermanentFailure(f"GOV.UK Notify refused the message: {error}") from error
    except OSError as error:  # requests' connection errors are OSErrors
        _handed_back(message)
        raise TemporaryFailure(f"GOV.UK Notify could not be reached: {error}") from error


def _body(message: Message) -> str:
    try:
        return message_body_to_send(message)
    except LinkNotSendable as problem:
        raise PermanentFailure(str(problem)) from problem


def deliver_email(message: Message) -> None:
    attachments = list(message.attachments.all())
    body = _body(message)
    if notify_email_ready() and not attachments:
        _notify_call(message, lambda: _notify_client().send_email_notification(
            email_address=message.to, template_id=getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", ""),
            personalisation={"subject": message.subject, "body": body}, reference=message.idempotency_key,
        ))
        return
    email = EmailMessage(
        subject=message.subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[message.to],
        headers={"Message-ID": message_id_for(message)},
    )
    for attachment in attachments:
        with attachment.file.open("rb") as handle:
            email.attach(attachment.filename, handle.read(), attachment.mimetype)
    _hand_over(message)
    try:
        email.send(fail_silently=False)
    except PERMANENT_SMTP as error:
        _handed_back(message)
        raise PermanentFailure(f"The mail server refused the message: {error}") from error
    except smtplib.SMTPResponseException as error:
        _handed_back(message)
        if 500 <= error.smtp_code < 600:
            raise PermanentFailure(f"The mail server refused the message: {error}") from error
        raise TemporaryFailure(f"The mail server said try later: {error}") from error
    except OSError as error:  # SMTPServerDisconnected, refused connections, time-outs
        _handed_back(message)
        raise TemporaryFailure(f"The mail server could not be reached: {error.__class__.__name__}: {error}") from error


def deliver_sms(message: Message) -> None:
    template_id = getattr(settings, "NOTIFY_SMS_TEMPLATE_ID", "")
    if not (notify_api_key() and template_id):
        raise PermanentFailure("Text messages are not set up (GOV.UK Notify).")
    body = _body(message)
    _notify_call(message, lambda: _notify_client().send_sms_notification(
        phone_number=message.to, template_id=template_id,
        personalisation={"subject": message.subject, "body": body}, reference=message.idempotency_key,
    ))


def deliver_letter(message: Message) -> None:
    """Makes the letter's PDF (the case copy) and leaves the letter in the print queue. Safe to repeat: an
    existing PDF is kept. A secure link's code is masked in it; the code is minted only when staff download
    the print copy (letters.letter_print_copy_render), which is never stored."""
    if message.letter_file:
        return
    from .letters import letter_pdf_render

    body = _body(message)
    try:
        pdf = letter_pdf_render(message, body=body)
    except OSError as error:
        raise TemporaryFailure(f"The letter could not be made: {error}") from error
    message.letter_file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
    Message.objects.filter(pk=message.pk).update(letter_file=message.letter_file.name)


def deliver_call_task(message: Message) -> None:
    """A call for a coordinator to make; one per message however often this runs."""
    reason = f"Phone {message.party.name if message.party else message.to} on {message.to}: {message.subject}"
    if message.note:
        reason = f"{reason} ({message.note})"
    CallTask.objects.get_or_create(
        message=message, defaults={"case": message.case, "party": message.party, "reason": reason[:300],
                                   "due": clock.today()},
    )


CHANNELS = {
    Message.Channel.EMAIL: deliver_email,
    Message.Channel.SMS: deliver_sms,
    Message.Channel.LETTER: deliver_letter,
    Message.Channel.CALL_TASK: deliver_call_task,
}
