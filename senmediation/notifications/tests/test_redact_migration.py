"""The migration that takes live party links out of messages logged before they were put in at sending."""

from __future__ import annotations

import importlib

import pytest

migration = importlib.import_module("senmediation.notifications.migrations.0003_redact_stored_party_links")


def test_live_links_are_replaced_and_everything_else_is_kept() -> None:
    body = ("Please use this secure link:\n\nhttps://mediation.example.org/p/AbC_12-x.Sig-9_z/\n\n"
            "Or go to https://mediation.example.org/p/code/ with your code. See /p/ for help.")
    assert migration.redact(body) == (
        "Please use this secure link:\n\n[secure link — sent to the recipient only]\n\n"
        "Or go to https://mediation.example.org/p/code/ with your code. See /p/ for help.")


moving = importlib.import_module("senmediation.notifications.migrations.0005_complaint_messages_off_their_case")


@pytest.mark.django_db
def test_complaint_messages_logged_on_their_case_move_to_the_complaint(manager) -> None:
    from django.apps import apps

    from senmediation.cases.tests.factories import case_make
    from senmediation.feedback.services.complaints import complaint_acknowledge
    from senmediation.feedback.tests.factories import complaint_make
    from senmediation.notifications.models import Message
    from senmediation.notifications.services import notification_send

    case = case_make()
    complaint = complaint_make(case_reference=case.reference, preferred_contact="phone", phone="07700 900123")
    complaint_acknowledge(complaint=complaint, by=manager, today=complaint.received_on)
    ack = Message.objects.get(template_key="complaint_acknowledgement")
    # As the services logged it before: on the case, with no complaint.
    Message.objects.filter(pk=ack.pk).update(case=case, complaint=None)
    other = notification_send(template_key="referral_received", context={}, party=case.parties.first(),
                              idempotency_key="complaint:99999:stage1:ack")  # not a complaint's template
    moving.forwards(apps, None)
    ack.refresh_from_db()
    other.refresh_from_db()
    assert (ack.case_id, ack.complaint_id) == (None, complaint.pk)
    assert (other.case_id, other.complaint_id) == (case.pk, None)
    moving.backwards(apps, None)
    ack.refresh_from_db()
    assert (ack.case_id, ack.complaint_id) == (case.pk, None)
