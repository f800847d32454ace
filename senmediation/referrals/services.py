"""The referral journey's business logic: from answers to one case, the key dates a family should
know, when we will call back, the e-mails that follow, and protection against repeats and abuse.

Views pass `now`/`today` in; nothing here asks the clock itself except through arguments' defaults.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from senmediation.accounts.models import User
from senmediation.accounts.roles import Role, user_roles
from senmediation.cases.models import Case, Party
from senmediation.cases.services.opening import PartyInput, case_open
from senmediation.core import clock
from senmediation.core.ratelimit import key_hash, rate_limit_hit
from senmediation.directory.models import ClosureDay, LocalAuthority, Provider
from senmediation.rules.calendar import add_working_days, is_working_day, next_working_day_on_or_after
from senmediation.rules.eligibility import Route
from senmediation.rules.workflow import CaseType

from . import answers as read
from .answers import Answers
from .confirmation import answers_copy, dates_for
from .models import Submission

logger = logging.getLogger(__name__)

RATE_LIMIT_PER_HOUR_DEFAULT = 5
KEEP_SUBMISSIONS = dt.timedelta(days=1)
DEFAULT_OPENS = dt.time(9, 0)
DEFAULT_CLOSES = dt.time(18, 0)

# --- Local authorities ----------------------------------------------------------------------------


def local_authority_chosen(answers: Answers) -> LocalAuthority | None:
    raw = str(read.value(answers, "local-authority", "local_authority", "") or "")
    if not raw.isdigit() or len(raw) > 18:
        return None
    return LocalAuthority.objects.filter(pk=int(raw)).select_related("drs_provider").first()


def local_authority_served(la: LocalAuthority | None) -> bool:
    return la is not None and la.commissions_us


def referral_route(answers: Answers) -> Route:
    """The route for these answers, given whether the chosen LA commissions our disagreement resolution."""
    la = local_authority_chosen(answers)
    return read.route(answers, drs_commissioned=bool(la and la.commissions_us and la.commissions_drs))


# --- When we will call back ---------------------------------------------------------------------


def _time_words(moment: dt.time) -> str:
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def _day_words(day: dt.date, today: dt.date) -> str:
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def callback_message(
    *, now: dt.datetime, opens_at: dt.time = DEFAULT_OPENS, closes_at: dt.time = DEFAULT_CLOSES,
    closures: frozenset[dt.date] = frozenset(), by_phone: bool = True, whom: str = "you",
) -> str:
    """What the confirmation page says about the first call back (a 1 working day service standard).

    Open now (a working day, between opening and closing time in England): within one working day.
    Closed: the day we open next. Bank holidays and provider closure days are not working days.
    """
    local = clock.local(now)
    today = local.date()
    verb = f"call {whom}" if by_phone else f"contact {whom}"
    if is_working_day(today, extra_closures=closures) and opens_at <= local.time() < closes_at:
        by = add_working_days(today, 1, extra_closures=closures)
        return (f"We are open now. We aim to {verb} within one working day, "
                f"by the end of {_day_words(by, today)} at the latest.")
    if is_working_day(today, extra_closures=closures) and local.time() < opens_at:
        return f"We are closed now. We open at {_time_words(opens_at)} today and will {verb} today."
    reopens = next_working_day_on_or_after(today + dt.timedelta(days=1), extra_closures=closures)
    return f"We are closed now. We will {verb} on {_day_words(reopens, today)}."


def callback_message_now(
    *, provider: Provider | None, by_phone: bool, whom: str = "you", now: dt.datetime | None = None
) -> str:
    now = now or clock.now()
    today = clock.local(now).date()
    closures = frozenset(
        ClosureDay.objects.filter(day__gte=today, day__lte=today + dt.timedelta(days=62)).values_list("day", flat=True)
    )
    return callback_message(
        now=now, opens_at=provider.opens_at if provider else DEFAULT_OPENS,
        closes_at=provider.closes_at if provider else DEFAULT_CLOSES, closures=closures, by_phone=by_phone,
        whom=whom,
    )


# --- From answers to case_open's arguments -----------------------------------------------------


CONSENT_METHOD_LABELS = {
    "in_person": "Face to face", "phone": "By phone", "email": "By email", "letter": "In writing",
    "text": "By text message", "other": "Another way",
}


def _text(answers: Answers, slug: str, name: str) -> str:
    return str(read.value(answers, slug, name, "") or "").strip()


def _list(answers: Answers, slug: str, name: str) -> list[str]:
    chosen = read.value(answers, slug, name, [])
    return [str(item) for item in chosen] if isinstance(chosen, list) else []


def case_arguments(answers: Answers, *, channel: str, today: dt.date) -> dict[str, Any]:
    """Keyword arguments for `case_open` (everything but `by` and `idempotency_key`) from the answers
    on the journey's path. Raises ValueError if the local authority has gone."""
    la = local_authority_chosen(answers)
    if la is None:
        raise ValueError("The referral has no local authority")
    route = referral_route(answers)
    if route is Route.signpost_drs:
        raise ValueError("A disagreement signposted to the LA's own service does not open a case")
    young_person = read.acting_young_person(answers)
    first, last = _text(answers, "child", "first_name"), _text(answers, "child", "last_name")
    adjustments = _list(answers, "adjustments", "adjustments")
    summary = _text(answers, "summary", "summary")
    main_contact = PartyInput(
        role=Party.Role.YOUNG_PERSON if young_person else Party.Role.PARENT,
        name=f"{first} {last}".strip() if young_person else _text(answers, "contact", "name"),
        email=_text(answers, "contact", "email"),
        phone=_text(answers, "contact", "phone"),
        address=_text(answers, "contact", "address"),
        preferred_contact=_list(answers, "contact-methods", "methods"),
        call_times=_text(answers, "contact-methods", "call_times"),
        language=_text(answers, "language", "language") or "English",
        interpreter_needed="interpreter" in adjustments,
        adjustments=adjustments,
        adjustments_notes=_text(answers, "adjustments", "notes"),
        is_main_contact=True,
        issues=(summary,) if summary else (),
    )
    parties = [main_contact]
    if read.has_representative(answers):
        # Someone acts for them because they lack capacity (SEND Regs 2014 regs 63-64): they hear from us.
        parties.append(PartyInput(
            role=Party.Role.REPRESENTATIVE, name=_text(answers, "representative", "name"),
            email=_text(answers, "representative-contact", "email"),
            phone=_text(answers, "representative-contact", "phone"),
            address=_text(answers, "representative-contact", "address"),
            preferred_contact=_list(answers, "representative-contact-methods", "methods"),
            language=main_contact.language, acts_for_role=main_contact.role,
            representative_basis=_text(answers, "representative-role", "basis"),
        ))
    arguments: dict[str, Any] = {
        "case_type": CaseType.disagreement_resolution if route is Route.disagreement_resolution
        else CaseType.sen_mediation,
        "local_authority": la,
        "child_first_name": first,
        "child_last_name": last,
        "child_date_of_birth": read.date_value(answers, "child", "date_of_birth"),
        "young_person_acts": young_person,
        "decisions": [decision.value for decision in read.decisions(answers)],
        "elements": [element.value for element in read.elements(answers)],
        "decision_notice_date": read.date_value(answers, "decision-date", "decision_date"),
        "route": route,
        "summary": summary,
        "wants": _text(answers, "wants", "wants"),
        "source": read.who(answers) or Case.Source.PARENT,
        "channel": channel,
        "child_views": _text(answers, "child-views", "views"),
        "child_views_help_wanted": bool(read.value(answers, "child-views", "help_wanted")),
        "parties": parties,
        "today": today,
    }
    if read.is_third_party(answers):
        arguments["referrer"] = {
            "name": _text(answers, "referrer", "name"),
            "organisation": _text(answers, "referrer", "organisation"),
            "email": _text(answers, "referrer", "email"),
            "phone": _text(answers, "referrer", "phone"),
        }
        arguments["consent"] = {
            "given_by": _text(answers, "permission-details", "given_by"),
            "given_on": read.date_value(answers, "permission-details", "given_on"),
            "method": CONSENT_METHOD_LABELS.get(_text(answers, "permission-details", "method"), ""),
        }
    return arguments


def family_email(answers: Answers) -> str:
    """Where the confirmation goes: only when the family chose e-mail and gave an address. Someone who lacks
    capacity hears from us through the person acting for them (SEND Regs 2014 regs 63-64)."""
    if read.has_representative(answers):
        if Party.Contact.EMAIL not in _list(answers, "representative-contact-methods", "methods"):
            return ""
        return _text(answers, "representative-contact", "email")
    if Party.Contact.EMAIL not in _list(answers, "contact-methods", "methods"):
        return ""
    return _text(answers, "contact", "email")


def contact_by_phone(answers: Answers) -> bool:
    return Party.Contact.PHONE in _list(answers, "contact-methods", "methods")


# --- Repeats and abuse ----------------------------------------------------------------------------


def address_hash(address: str) -> str:
    """A keyed hash of an internet address: enough to count submissions, useless to anyone else."""
    return key_hash(address)


def rate_limit_per_hour() -> int:
    return int(getattr(settings, "REFERRAL_RATE_LIMIT_PER_HOUR", RATE_LIMIT_PER_HOUR_DEFAULT))


@dataclass(frozen=True)
class SubmitOutcome:
    status: str  # "created", "duplicate", "rate_limited" or "trapped"
    reference: str = ""
    trapped: bool = False


def referral_submit(
    *, answers: Answers, channel: str, by: Any, idempotency_key: str, address: str = "",
    trapped: bool = False, now: dt.datetime, callback: str = "", site_root: str = "",
    notify_coordinators: bool = True,
) -> SubmitOutcome:
    """Opens one case from the answers, once per idempotency key, and e-mails after commit.

    A repeat of the same key (double click, back and send again, two requests racing) returns the
    first outcome and sends nothing. With `address` (public submissions) at most
    REFERRAL_RATE_LIMIT_PER_HOUR submissions an hour are accepted. When the spam trap was filled in,
    nothing is opened but the outcome looks like success to the sender.
    """
    existing = Submission.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return SubmitOutcome("duplicate", existing.case_reference, existing.trapped)
    if address and not rate_limit_hit(scope="referral", key=address, limit=rate_limit_per_hour(),
                                      window=dt.timedelta(hours=1), now=now).allowed:
        return SubmitOutcome("rate_limited")
    today = clock.local(now).date()
    # Rows matter for an hour (the limit) and minutes (repeats); the session lasts hours at most.
    Submission.objects.filter(at__lt=now - KEEP_SUBMISSIONS).delete()
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                idempotency_key=idempotency_key, address_hash=address, at=now, trapped=trapped
            )
            if trapped:
                logger.info("Referral spam trap filled in: nothing opened")
                return SubmitOutcome("trapped", trapped=True)
            # A coordinator recording a referral looks after the case they open.
            coordinator = by if by is not None and Role.COORDINATOR in user_roles(by) else None
            case = case_open(by=by, idempotency_key=idempotency_key, coordinator=coordinator,
                             **case_arguments(answers, channel=channel, today=today))
            submission.case_reference = case.reference
            submission.save(update_fields=["case_reference"])
            transaction.on_commit(partial(
                referral_emails_send, case=case, family_to=family_email(answers), callback=callback,
                site_root=site_root, notify_coordinators=notify_coordinators,
                answers_copy=answers_copy(answers, local_authority=case.local_authority.name),
            ))
    except IntegrityError:
        existing = Submission.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return SubmitOutcome("duplicate", existing.case_reference, existing.trapped)
    return SubmitOutcome("created", case.reference)


# --- E-mails --------------------------------------------------------------------------------------


def coordinator_addresses() -> list[str]:
    """settings.COORDINATOR_NOTIFY_EMAIL (comma-separated) if set, else every active coordinator's."""
    configured = [part.strip() for part in str(getattr(settings, "COORDINATOR_NOTIFY_EMAIL", "")).split(",")]
    if any(configured):
        return [address for address in configured if address]
    emails = (
        User.objects.filter(is_active=True, groups__name=Role.COORDINATOR.value)
        .exclude(email="").values_list("email", flat=True).distinct().order_by("email")
    )
    return list(emails)


def _send(message: EmailMessage) -> None:
    try:
        message.send()
    except Exception:  # the case exists whatever happens to the e-mail; staff see it on the dashboard
        logger.exception("Could not send the e-mail %r", message.subject)


def referral_emails_send(
    *, case: Case, family_to: str, callback: str, site_root: str, notify_coordinators: bool = True,
    answers_copy: list[tuple[str, str]] | None = None,
) -> None:
    """The family's confirmation (only to an address they asked us to use) and the coordinators' notice.

    The coordinators' notice names no one: it gives the reference and a link to the case.
    """
    from senmediation.directory.selectors import provider_current

    provider = provider_current()
    main = case.parties.filter(is_main_contact=True).first()
    context = {"case": case, "provider": provider, "callback": callback, "main": main,
               "answers_copy": answers_copy or [], "dates": dates_for(case),
               "case_url": f"{site_root.rstrip('/')}/staff/cases/{case.reference}/"}
    short_name = provider.short_name if provider else "SEN Mediation"
    if family_to:
        _send(EmailMessage(
            subject=f"Your request to {short_name}: reference {case.reference}",
            body=render_to_string("referrals/email/family_confirmation.txt", context),
            to=[family_to],
        ))
    recipients = coordinator_addresses() if notify_coordinators else []
    if recipients:
        _send(EmailMessage(
            subject=f"New referral {case.reference} ({case.get_channel_display().lower()})",
            body=render_to_string("referrals/email/coordinator_notice.txt", context),
            to=recipients,
        ))
