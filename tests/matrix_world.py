"""The objects the access matrix asks for, each in the state that makes its page usable (test-only code).

Built once per test module through the project's own factories and services, so that a role the matrix
says is allowed gets the page itself (200, or the redirect after a valid POST), never a 404 because the
object was missing or a redirect because the case was in the wrong state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from senmediation.accounts.roles import Role
from senmediation.accounts.tests.helpers import verified_client
from senmediation.agreements import services as agreements
from senmediation.agreements.tests.helpers import MEETING_AT, meeting_under_way
from senmediation.api.keys import api_key_issue
from senmediation.api.models import Organisation, WebhookEndpoint
from senmediation.cases.models import Case, Party
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make
from senmediation.demodata.reference import demo_reference_data_load
from senmediation.directory.models import LocalAuthority
from senmediation.documents.services.certificates import certificate_issue
from senmediation.documents.services.uploads import document_upload
from senmediation.expenses.services import expense_claim_draft_save, expense_claim_submit
from senmediation.feedback.services.complaints import complaint_respond
from senmediation.feedback.tests.factories import complaint_make
from senmediation.meetings import record
from senmediation.meetings.models import Attendance
from senmediation.meetings.services import meeting_schedule
from senmediation.notifications.models import MessageAttachment
from senmediation.notifications.services import Attachment, message_deliver_now, notification_send
from senmediation.portal.models import Purpose
from senmediation.portal.services.links import party_link_create, party_link_issue
from senmediation.portal.services.submissions import child_views_submit
from senmediation.referrals.tests.journeys import parent_answers, walk
from senmediation.reporting.periods import period_quarter
from senmediation.reporting.statements import statement_issue
from senmediation.rules.expenses import ClaimAnswers
from testsupport.fixtures import mediator_make, pdf_make, user_make

from .matrix_diaries import diaries_world

# The whole matrix runs at one moment: the morning of the meeting, so every clock reads the same each run.
NOW = dt.datetime(2026, 12, 15, 10, 30, tzinfo=dt.UTC)
OPENED = dt.date(2026, 11, 23)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def users_make() -> dict[str, Any]:
    trafford = LocalAuthority.objects.get(gss_code="E08000009")
    elsewhere = LocalAuthority.objects.exclude(pk=trafford.pk).order_by("pk").first()
    return {
        "coordinator": user_make("m-coord", Role.COORDINATOR),
        "mediator": mediator_make("m-med"),
        "other_mediator": mediator_make("m-med2"),
        "manager": user_make("m-boss", Role.MANAGER),
        "commissioner": user_make("m-comm", Role.COMMISSIONER, local_authority=trafford),
        "other_commissioner": user_make("m-comm2", Role.COMMISSIONER, local_authority=elsewhere),
        # A plain administrator: the role's group and admin-site staff, nothing more.
        "administrator": user_make("m-admin", Role.ADMINISTRATOR, is_staff=True),
        # What testing.fixtures.administrator makes: the same role, and a superuser too.
        "superuser": user_make("m-root", Role.ADMINISTRATOR, is_staff=True, is_superuser=True),
    }


def _mediated(coordinator: Any, mediator: Any) -> Case:
    """Asked for mediation, the LA told, `mediator` assigned, preparation started: a meeting may be arranged."""
    case = case_make(by=coordinator, today=OPENED)
    case_transition(case=case, action="give_information", by=coordinator, today=dt.date(2026, 11, 24))
    case_transition(case=case, action="request_mediation", by=coordinator, today=dt.date(2026, 11, 25))
    case_transition(case=case, action="notify_la", by=coordinator, today=dt.date(2026, 11, 26))
    from senmediation.cases.services.details import case_mediator_assign

    case_mediator_assign(case=case, mediator=mediator, by=coordinator)
    case_transition(case=case, action="start_preparation", by=coordinator, today=dt.date(2026, 11, 27))
    return case


def _at_meeting(coordinator: Any, mediator: Any) -> Case:
    """Meeting under way: scheduled, the school and LA invited, ground rules agreed, a session running."""
    from senmediation.meetings.models import Meeting

    case = _mediated(coordinator, mediator)
    Meeting.objects.create(case=case, starts_at=MEETING_AT, notice_sent_on=dt.date(2026, 12, 1))
    case_transition(case=case, action="schedule_meeting", by=coordinator, today=dt.date(2026, 12, 1))
    Party.objects.create(case=case, role=Party.Role.SCHOOL, name="Priya Shah", organisation="Oak Primary School",
                         email="senco@example.sch.uk", preferred_contact=["email"])
    return meeting_under_way(case, mediator=mediator)


def _agreement(case: Case, mediator: Any) -> Any:
    agreement = agreements.agreement_start(case=case, by=mediator)
    parent = case.parties.get(role=Party.Role.PARENT)
    agreements.agreement_item_add(agreement=agreement, by=mediator, owner=parent,
                                  action="Send the OT report to the school", due=dt.date(2027, 1, 8),
                                  measure="The school confirms it has the report")
    return agreement


def _late_la_action(coordinator: Any, mediator: Any) -> dict[str, Any]:
    """A final agreement whose LA action is late (written as if made on 30 November, the action due on
    14 December), with the parent's and the LA officer's links: the family's ready-made letter."""
    from senmediation.agreements.models import Agreement, AgreementItem

    case = _at_meeting(coordinator, mediator)
    officer = Party.objects.create(case=case, role=Party.Role.LA_OFFICER, name="Jo Bloggs",
                                   organisation="Trafford Council", email="jo.bloggs@example.gov.uk")
    agreement = agreements.agreement_start(case=case, by=mediator)
    item, _ = agreements.agreement_item_add(agreement=agreement, by=mediator, owner=officer, due=None,
                                            action="Arrange a visit to Oak Primary School",
                                            measure="The visit date is sent to the parents")
    agreements.agreement_finalise(agreement=agreement, by=mediator, today=MEETING_AT.date())
    Agreement.objects.filter(pk=agreement.pk).update(agreed_on=dt.date(2026, 11, 30))
    AgreementItem.objects.filter(pk=item.pk).update(due=dt.date(2026, 12, 14))

    def token(party: Party, purpose: str) -> str:
        return party_link_create(party=party, purpose=purpose, by=coordinator)[1].strip("/").rsplit("/", 1)[-1]

    # The LA officer's link is for the agreement: only the family's links are for the case page.
    return {"late_item": item.pk, "family_token": token(case.parties.get(role=Party.Role.PARENT), Purpose.CASE),
            "la_token": token(officer, Purpose.AGREEMENT)}


def _declined(coordinator: Any, mediator: Any) -> Case:
    """The family heard about mediation and do not want it: owed a certificate (reg 34). `mediator` had been
    put on the case when it opened, as on the first case."""
    case = case_make(by=coordinator, today=OPENED)
    Case.objects.filter(pk=case.pk).update(mediator=mediator)
    case_transition(case=case, action="give_information", by=coordinator, today=OPENED)
    case_transition(case=case, action="request_certificate", by=coordinator, today=dt.date(2026, 11, 24))
    return case


def _messages(case: Case) -> dict[str, int]:
    """An e-mail that failed, one with an attachment, a letter ready to print, a call to make and a call that
    carries a secure link (its code is read out)."""
    parent = case.parties.get(role=Party.Role.PARENT)
    failed = notification_send(template_key="referral_received", context={}, party=parent, idempotency_key="m-fail")
    failed.status, failed.last_error, failed.attempts = "failed", "Connection refused", 5
    failed.save(update_fields=["status", "last_error", "attempts"])
    attached = notification_send(template_key="referral_received", context={}, party=parent,
                                 idempotency_key="m-attach",
                                 attachments=[Attachment("plan.pdf", b"%PDF-1.7 plan", "application/pdf")])
    by_post = Party.objects.create(case=case, role=Party.Role.SUPPORTER, name="Ann Post", address="1 Road\nSale",
                                   preferred_contact=["letter"])
    letter = notification_send(template_key="referral_received", context={}, party=by_post, idempotency_key="m-post")
    message_deliver_now(letter.pk)
    by_phone = Party.objects.create(case=case, role=Party.Role.SUPPORTER, name="Cal Phone", phone="07700 900456",
                                    preferred_contact=["phone"])
    call = notification_send(template_key="referral_received", context={}, party=by_phone, idempotency_key="m-call")
    message_deliver_now(call.pk)
    call.refresh_from_db()
    _, link_call = party_link_issue(party=by_phone, purpose=Purpose.AVAILABILITY, by=None,
                                    base_url="https://mediation.example.org/")
    message_deliver_now(link_call.pk)
    link_call.refresh_from_db()
    return {"failed_message": failed.pk, "attached_message": attached.pk,
            "attachment": attached.attachments.get().pk, "letter": letter.pk,
            "call_task": call.call_task.pk, "link_call_task": link_call.call_task.pk}


def _token(party: Party, purpose: str, coordinator: Any) -> str:
    return party_link_create(party=party, purpose=purpose, by=coordinator)[1].strip("/").rsplit("/", 1)[-1]


def _family_pages(case: Case, scheduled: Case, certified: Case, coordinator: Any) -> dict[str, Any]:
    """For the family's case page (yourcase/): a parent's link where a meeting is arranged, and one where a
    certificate was issued; an LA officer's link on that case; a letter we sent the first case's parent."""
    from django.core.files.base import ContentFile

    from senmediation.notifications.models import Message

    parent = case.parties.get(role=Party.Role.PARENT)
    letter = Message.objects.create(case=case, party=parent, template_key="referral_received", to="1 Road\nSale",
                                    channel=Message.Channel.LETTER, subject="About your case", body="Dear Ravi",
                                    idempotency_key="m-family-letter", status=Message.Status.SENT)
    letter.letter_file.save("family-letter.pdf", ContentFile(pdf_make()), save=True)
    officer = Party.objects.create(case=certified, role=Party.Role.LA_OFFICER, name="Lee Officer",
                                   organisation="Trafford Council", email="lee@trafford.example")
    return {
        "scheduled_token": _token(scheduled.parties.get(role=Party.Role.PARENT), Purpose.CASE, coordinator),
        "certified_token": _token(certified.parties.get(role=Party.Role.PARENT), Purpose.CASE, coordinator),
        "la_token": _token(officer, Purpose.AVAILABILITY, coordinator),
        "family_letter": letter.pk,
    }


def _staff_accounts(world: dict[str, Any], users: dict[str, Any]) -> None:
    """For the staff pages (tests/matrix_people.py): an e-mail address on every account (links go there),
    another manager (not a client), and the LA a commissioner is posted back with."""
    for user in users.values():
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    world["user_ids"]["other_manager"] = user_make("m-boss2", Role.MANAGER, email="m-boss2@example.org").pk
    world["la_id"] = LocalAuthority.objects.get(gss_code="E08000009").pk


def _expenses(parent: Party, coordinator: Any) -> dict[str, Any]:
    """A sent expenses claim with a receipt (to decide and download), and a link whose claim is still a draft
    (its check-your-answers page)."""
    sent_link, _ = party_link_create(party=parent, purpose=Purpose.EXPENSES, by=coordinator)
    expense_claim_draft_save(link=sent_link, answers=ClaimAnswers(taxi_pence=1800),
                             receipts={"receipt_1": SimpleUploadedFile("taxi.png", PNG, content_type="image/png")})
    claim = expense_claim_submit(link=sent_link)
    draft_link, draft_path = party_link_create(party=parent, purpose=Purpose.EXPENSES, by=coordinator)
    expense_claim_draft_save(link=draft_link, answers=ClaimAnswers(miles=12), receipts={})
    return {"expense_claim": claim.pk, "expense_receipt": claim.receipts.get().pk,
            "expenses_token": draft_path.strip("/").rsplit("/", 1)[-1]}


def world_build() -> dict[str, Any]:
    """Every object a row names, by key; `users` and `clients` hold one of each per role."""
    demo_reference_data_load()
    users = users_make()
    coordinator, mediator, manager = users["coordinator"], users["mediator"], users["manager"]
    world: dict[str, Any] = {"users": users, "user_ids": {role: user.pk for role, user in users.items()},
                             "manager_id": manager.pk, "mediator_id": mediator.pk, "coordinator_id": coordinator.pk}
    _staff_accounts(world, users)

    case = case_make(by=coordinator, today=OPENED)
    Case.objects.filter(pk=case.pk).update(mediator=mediator)
    parent = case.parties.get(role=Party.Role.PARENT)
    world.update(case=case.reference, party=parent.pk)
    world["document"] = document_upload(
        case=case, file=SimpleUploadedFile("plan.pdf", pdf_make(), content_type="application/pdf"),
        kind="upload", by=coordinator, title="EHC plan").pk
    link, world["token"] = party_link_create(party=parent, purpose=Purpose.AVAILABILITY, by=coordinator)
    world["link"] = link.pk
    world["token"] = world["token"].strip("/").rsplit("/", 1)[-1]
    views_link, _ = party_link_create(party=parent, purpose=Purpose.CHILD_VIEWS, by=coordinator)
    child_views_submit(link=views_link, text="I like art.",
                       drawing=SimpleUploadedFile("sam.png", PNG, content_type="image/png"))
    world["child_views"] = case.child_views_records.exclude(attachment="").get().pk
    world.update(_messages(case))
    world.update(_expenses(parent, coordinator))

    world["preparing"] = _mediated(coordinator, mediator).reference
    scheduled = _mediated(coordinator, mediator)
    meeting_schedule(case=scheduled, starts_at=dt.datetime(2027, 1, 12, 10, 0, tzinfo=dt.UTC), venue=None,
                     by=coordinator)
    world["scheduled"] = scheduled.reference

    meeting_case = _at_meeting(coordinator, mediator)
    world["meeting_case"] = meeting_case.reference
    item_agreement = _agreement(meeting_case, mediator)
    world["item"] = item_agreement.items.get().pk
    meeting = record.meeting_for_record(meeting_case)
    assert meeting is not None
    parent_at_meeting = meeting_case.parties.get(role=Party.Role.PARENT)
    record.attendance_add(meeting=meeting, by=mediator, name=parent_at_meeting.name, role=Attendance.Role.PARENT,
                          party=parent_at_meeting)
    world["attendance"] = meeting.attendances.get().pk

    final_case = _at_meeting(coordinator, mediator)
    final = agreements.agreement_finalise(agreement=_agreement(final_case, mediator), by=mediator,
                                          today=MEETING_AT.date())
    world["final_case"] = final_case.reference
    world["final_item"] = final.items.get().pk
    final_parent = final_case.parties.get(role=Party.Role.PARENT)
    _, agreement_token = party_link_create(party=final_parent, purpose=Purpose.AGREEMENT, by=coordinator)
    world["agreement_token"] = agreement_token.strip("/").rsplit("/", 1)[-1]

    world.update(_late_la_action(coordinator, mediator))

    world["owed"] = _declined(coordinator, mediator).reference
    certified = _declined(coordinator, mediator)
    world["certified"] = certified.reference
    world["certificate"] = certificate_issue(case=certified, kind="no_mediation", by=coordinator).pk
    world.update(_family_pages(case, scheduled, certified, coordinator))

    world["complaint"] = complaint_make().pk
    answered = complaint_make(name="Dee Answered", email="dee@example.com")
    complaint_respond(complaint=answered, by=manager, outcome="not_upheld", response="We called you back.",
                      lessons_learned="", today=NOW.date())
    world["answered_complaint"] = answered.pk
    response_letter = MessageAttachment.objects.get(message__complaint=answered)
    world.update(complaint_message=response_letter.message_id, complaint_attachment=response_letter.pk)
    world.update(_api_access(manager))
    world.update(diaries_world(mediator, NOW.date(), world["scheduled"]))
    # An activity statement issued to Trafford (free for its residents, so no rate card is needed).
    world["statement"] = statement_issue(local_authority=LocalAuthority.objects.get(gss_code="E08000009"),
                                         period=period_quarter(2026, 1), by=manager, ip=None).number
    return world


def _api_access(manager: Any) -> dict[str, int]:
    """An organisation with a live key and an endpoint. A partner, not an LA: it has referred nothing, so
    the matrix's case transitions send it no events (and nothing tries the network)."""
    organisation = Organisation.objects.create(name="Trafford SENDIASS", kind=Organisation.Kind.IASS)
    key, _ = api_key_issue(organisation=organisation, name="case system", scopes=["cases:read"], by=manager)
    endpoint = WebhookEndpoint.objects.create(organisation=organisation, url="https://hooks.example.org/sen",
                                              secret="whsec_matrix")
    return {"organisation": organisation.pk, "api_key": key.pk, "webhook": endpoint.pk}


def clients_make(users: dict[str, Any]) -> dict[str, Client]:
    """One client per role, signed in with both factors done; 'anonymous' is signed out, and is a family
    who have just sent a referral through the public journey in that browser session."""
    family = Client()
    walk(family, parent_answers())
    return {"anonymous": family, **{role: verified_client(user) for role, user in users.items()}}
