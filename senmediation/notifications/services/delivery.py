"""Delivering a logged message, in the worker, with retries.

Delivery guarantee: at-least-once up to the moment a message is handed to the mail server or Notify,
at-most-once after it. Claiming is one UPDATE that only one worker can win, so two workers never send
the same message. A worker that dies after claiming but before handing over has sent nothing, so the
sweep puts the message back in the queue and it goes once. A worker that dies after handing over
(`handed_to_backend_at` is set) but before marking it sent leaves us unable to know whether it left:
we choose not to send it again and mark it failed with a message asking staff to check, because two
copies of a statutory letter confuse families more than one call to check. The Message-ID header is
derived from the idempotency key, so even a copy resent by hand is recognisable as the same e-mail.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import F, Q

from senmediation.core import clock

from ..models import Message
from .channels import CHANNELS, PermanentFailure, TemporaryFailure
from .worker import message_deliver_later

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_FIRST = dt.timedelta(minutes=1)  # then 2, 4, 8 minutes
STALE_AFTER = dt.timedelta(minutes=10)
# Only electronic channels hand a message to someone else; letters and call tasks are safe to redo.
HANDED_OVER_CHANNELS = (Message.Channel.EMAIL, Message.Channel.SMS)
UNKNOWN_OUTCOME = (
    "The worker stopped after handing this message to be sent, so it may have gone. It was not sent "
    "again. Check with the person, then choose 'Try again' if it did not arrive."
)


def _due(now: dt.datetime) -> Q:
    return Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)


def message_claim(message_id: int, *, now: dt.datetime) -> bool:
    """True for exactly one caller: the one whose UPDATE moved the message from queued to sending."""
    claimed = Message.objects.filter(_due(now), pk=message_id, status=Message.Status.QUEUED).update(
        status=Message.Status.SENDING, attempts=F("attempts") + 1, claimed_at=now, handed_to_backend_at=None,
    )
    return claimed == 1


def _defer(message: Message, run_after: dt.datetime) -> None:
    try:
        message_deliver_later(message.pk, run_after=run_after)
    except Exception:  # the due-message sweep is the safety net
        logger.exception("Could not schedule a retry of message %s", message.pk)


def _temporary_failure(message: Message, error: str, now: dt.datetime) -> str:
    attempts = Message.objects.values_list("attempts", flat=True).get(pk=message.pk)
    if attempts >= MAX_ATTEMPTS:
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.FAILED, last_error=f"Gave up after {attempts} attempts. {error}",
            next_attempt_at=None,
        )
        return Message.Status.FAILED
    run_after = now + BACKOFF_FIRST * (2 ** (attempts - 1))
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=Message.Status.QUEUED, last_error=error, next_attempt_at=run_after,
    )
    _defer(message, run_after)
    return Message.Status.QUEUED


def message_deliver_now(message_id: int, *, now: dt.datetime | None = None) -> str:
    """Claims and sends one message; returns its status afterwards, or 'skipped' when another worker has it,
    it is already sent, or it is not yet due."""
    now = now or clock.now()
    if not message_claim(message_id, now=now):
        return "skipped"
    message = Message.objects.select_related("case", "party").get(pk=message_id)
    try:
        CHANNELS[Message.Channel(message.channel)](message)
    except TemporaryFailure as error:
        return _temporary_failure(message, str(error), clock.now())
    except PermanentFailure as error:
        Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED, last_error=str(error))
        return Message.Status.FAILED
    except Exception as error:  # a bug must not leave the message stuck in 'sending'
        logger.exception("Delivering message %s failed", message_id)
        return _temporary_failure(message, f"Unexpected error: {error.__class__.__name__}: {error}", clock.now())
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=Message.Status.SENT, sent_at=clock.now(), last_error="", next_attempt_at=None,
    )
    return Message.Status.SENT


def messages_reclaim_stale(*, now: dt.datetime) -> int:
    """Messages left in 'sending' by a worker that died: back to the queue if nothing was handed over,
    otherwise failed with an explanation (see the module docstring)."""
    stale = Message.objects.filter(status=Message.Status.SENDING, claimed_at__lt=now - STALE_AFTER)
    changed = 0
    for message in stale.only("pk", "channel", "claimed_at", "handed_to_backend_at", "attempts"):
        still = Message.objects.filter(pk=message.pk, status=Message.Status.SENDING, claimed_at=message.claimed_at)
        if message.handed_to_backend_at and message.channel in HANDED_OVER_CHANNELS:
            changed += still.update(status=Message.Status.FAILED, last_error=UNKNOWN_OUTCOME)
        elif message.attempts >= MAX_ATTEMPTS:
            changed += still.update(status=Message.Status.FAILED,
                                    last_error=f"Gave up after {message.attempts} attempts: the worker kept stopping.")
        else:
            changed += still.update(status=Message.Status.QUEUED, next_attempt_at=None,
                                    last_error="The worker stopped before sending; sending again.")
    return changed


def messages_retry_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """The safety net, run every few minutes: reclaims stale messages, then delivers every queued message
    that is due. Returns how many it tried."""
    now = now or clock.now()
    messages_reclaim_stale(now=now)
    due = list(Message.objects.filter(_due(now), status=Message.Status.QUEUED)
               .order_by("created_at").values_list("pk", flat=True)[:limit])
    for message_id in due:
        message_deliver_now(message_id, now=now)
    return len(due)
