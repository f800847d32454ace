"""The end-of-case survey: an invitation to each party by their preferred way of contact, one
reminder if unanswered, and the answers (from a party link or the public site)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from senmediation.cases.models import Case, Party
from senmediation.cases.services.events import case_event_record
from senmediation.core import clock
from senmediation.core.errors import ServiceError
from senmediation.portal.models import PartyLink, Purpose
from senmediation.portal.services.links import party_link_create, party_link_send
from senmediation.rules.workflow import State

from ..models import SurveyInvitation, SurveyResponse

# Who is asked: the family and the professionals who took part, not observers.
SURVEYED_ROLES = (Party.Role.PARENT, Party.Role.YOUNG_PERSON, Party.Role.LA_OFFICER)
REMIND_AFTER = dt.timedelta(days=10)
ANSWER_FIELDS = ("satisfaction", "felt_heard", "treated_fairly", "mediator_impartial", "process_explained",
                 "would_recommend", "comments", "consent_to_quote")


def _answers(answers: dict[str, Any]) -> dict[str, Any]:
    if answers.get("satisfaction") not in range(1, 6):
        raise ServiceError("Select how satisfied you were with the service", field="satisfaction")
    picked = {name: answers.get(name) for name in ANSWER_FIELDS}
    picked["comments"] = str(picked["comments"] or "").strip()
    picked["consent_to_quote"] = bool(picked["consent_to_quote"]) and bool(picked["comments"])
    return picked


def survey_public_submit(*, answers: dict[str, Any]) -> SurveyResponse:
    return SurveyResponse.objects.create(source=SurveyResponse.Source.PUBLIC, submitted_at=clock.now(),
                                         **_answers(answers))


def survey_link_submit(*, link: PartyLink, answers: dict[str, Any]) -> SurveyResponse:
    """A party's answers through their feedback link; one answer per link (sending again replaces it)."""
    if link.purpose != Purpose.FEEDBACK or link.revoked_at or link.expires_at <= clock.now():
        raise ServiceError("This link cannot be used for that.")
    party = link.party
    case = party.case
    now = clock.now()
    with transaction.atomic():
        invitation = SurveyInvitation.objects.select_for_update().filter(case=case, party=party).first()
        earlier = invitation is not None and invitation.answered_at is not None
        response, _ = SurveyResponse.objects.update_or_create(
            party=party, case=case, source=SurveyResponse.Source.LINK,
            defaults={"mediator_id": case.mediator_id, "local_authority_id": case.local_authority_id,
                      "submitted_at": now, **_answers(answers)},
        )
        if invitation is not None:
            invitation.answered_at = now
            invitation.save(update_fields=["answered_at"])
        PartyLink.objects.filter(pk=link.pk).update(last_used_at=now)
        if not earlier:
            case_event_record(case=case, by=None, kind="updated",
                              summary=f"{party.get_role_display()} ({party.name}) used their link to give feedback")
    return response


def _ended(case: Case) -> bool:
    return case.state == State.closed.value


def _had_the_service(case: Case) -> bool:
    # Surveyed once the family had what they came for: a meeting (SEN or DRS) or a certificate. An
    # enquiry closed with a signpost is not asked about a service it never received.
    return bool(case.meeting_outcome) or case.certificate_issued_on is not None


def survey_invite(*, case: Case, by: Any, base_url: str) -> list[SurveyInvitation]:
    """Invites each surveyed party of a closed case who has not been invited yet."""
    if not _ended(case):
        raise ServiceError("Feedback is asked for once the case has closed.")
    if not _had_the_service(case):
        raise ServiceError("Feedback is asked for after a meeting or a certificate; this case had neither.")
    made = []
    for party in case.parties.filter(role__in=SURVEYED_ROLES).order_by("id"):
        with transaction.atomic():
            if SurveyInvitation.objects.filter(case=case, party=party).exists():
                continue
            link, _ = party_link_create(party=party, purpose=Purpose.FEEDBACK, by=by)
            invitation = SurveyInvitation.objects.create(case=case, party=party, link=link, sent_at=clock.now())
            party_link_send(link=link, template_key="feedback_invitation", base_url=base_url, by=by,
                            idempotency_key=f"survey:{invitation.pk}:invite")
            made.append(invitation)
    return made


def survey_remind(*, invitation: SurveyInvitation, base_url: str) -> bool:
    """The one reminder, with a fresh link (only a hash of the first is kept). False if not due."""
    with transaction.atomic():
        invitation = SurveyInvitation.objects.select_for_update().select_related("party", "case").get(pk=invitation.pk)
        if invitation.answered_at or invitation.reminded_at:
            return False
        link, _ = party_link_create(party=invitation.party, purpose=Purpose.FEEDBACK, by=None)
        invitation.reminded_at = clock.now()
        invitation.save(update_fields=["reminded_at"])
        party_link_send(link=link, template_key="feedback_reminder", base_url=base_url, by=None,
                        idempotency_key=f"survey:{invitation.pk}:reminder")
    return True


def surveys_send_due(*, base_url: str, now: dt.datetime, since: dt.date) -> tuple[int, int]:
    """Invites the parties of cases closed on or after `since`, and reminds those invited more than
    10 days ago who have not answered. Returns (invited, reminded)."""
    invited = 0
    closed = Case.objects.filter(state=State.closed.value, closed_on__gte=since).filter(
        Q(meeting_outcome__gt="") | Q(certificate_issued_on__isnull=False)
    ).exclude(pk__in=SurveyInvitation.objects.values("case_id"))
    for case in closed.order_by("id")[:500]:
        invited += len(survey_invite(case=case, by=None, base_url=base_url))
    reminded = 0
    due = SurveyInvitation.objects.filter(answered_at__isnull=True, reminded_at__isnull=True,
                                          sent_at__lte=now - REMIND_AFTER)
    for invitation in due.order_by("id")[:500]:
        reminded += int(survey_remind(invitation=invitation, base_url=base_url))
    return invited, reminded
