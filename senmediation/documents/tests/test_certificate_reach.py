"""A certificate the family cannot be sent (they prefer letters and have no postal address) is not reported
as sent: the case page warns in red, with the reason and a link to add the address."""

import pytest

from senmediation.cases.models import Party
from senmediation.documents.services.certificates import certificate_issue
from senmediation.notifications.models import Message
from senmediation.notifications.selectors import print_queue

from .helpers import ISSUED, declined_case

pytestmark = pytest.mark.django_db


def test_a_certificate_with_no_postal_address_waits_and_the_case_page_says_so(
        coordinator, coordinator_client, django_capture_on_commit_callbacks) -> None:
    case = declined_case(by=coordinator)
    parent = case.parties.get(role=Party.Role.PARENT)
    parent.preferred_contact = ["letter"]
    parent.address = ""
    parent.save()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    message = Message.objects.get(case=case, template_key="certificate_issued")
    assert (message.channel, message.status) == ("letter", "cannot_send")
    assert list(print_queue(user=coordinator)) == []

    page = coordinator_client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert ('<h2 class="govuk-error-summary__title">A message a time limit depends on has not been sent</h2>'
            in page)
    assert (f'<li><a href="/staff/cases/{case.reference}/people/{parent.pk}/">No postal address for Ravi Patel: '
            f'add one to send this letter</a> (Your mediation certificate ({case.reference}))</li>') in page

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/staff/cases/{case.reference}/people/{parent.pk}/", _party_form(parent))
    message.refresh_from_db()
    assert (message.status, message.status_label) == ("sent", "Ready to print")
    assert list(print_queue(user=coordinator)) == [message]
    page = coordinator_client.get(f"/staff/cases/{case.reference}/").content.decode()
    assert "govuk-error-summary" not in page


def _party_form(parent: Party) -> dict[str, object]:
    return {"role": parent.role, "name": parent.name, "email": parent.email, "phone": parent.phone,
            "address": "1 Example Street\nSale\nM33 1AA", "preferred_contact": ["letter"]}
