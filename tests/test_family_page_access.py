"""The family's case page for every kind of party (cases.Party.Role), through their own secure link.

A parent's, young person's or representative's link (regs 63-64) opens their own case's page and downloads
only their own case's documents; every other party's link (the LA officer, the ICB, the school, a supporter, an
interpreter) opens only its task, never the family's page, documents, calendar file or letters, and staff
cannot make them a case-page link at all.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from senmediation.cases.models import Party
from senmediation.core.errors import ServiceError
from senmediation.documents.services.certificates import certificate_issue
from senmediation.portal.models import Purpose
from senmediation.portal.services.links import party_link_create
from senmediation.rules.links import FAMILY_PAGE_ROLES
from senmediation.yourcase.tests.helpers import declined_case

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
OTHER_SIDES = [role for role in Party.Role.values if role not in FAMILY_PAGE_ROLES]


def _certified_case(coordinator):  # type: ignore[no-untyped-def]
    case = declined_case(by=coordinator)
    certificate = certificate_issue(case=case, kind="no_mediation", by=coordinator)
    return case, certificate


def _party(case, role: str) -> Party:  # type: ignore[no-untyped-def]
    existing = case.parties.filter(role=role).first()
    return existing or Party.objects.create(case=case, role=role, name=f"Someone ({role})", organisation="Somewhere",
                                            email=f"{role}@example.org")


@pytest.fixture
def two_cases(coordinator):  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        mine, my_certificate = _certified_case(coordinator)
        theirs, their_certificate = _certified_case(coordinator)
        yield mine, my_certificate, theirs, their_certificate


def test_every_party_kind_is_covered() -> None:
    assert set(FAMILY_PAGE_ROLES) | set(OTHER_SIDES) == set(Party.Role.values)
    assert sorted(FAMILY_PAGE_ROLES) == ["parent", "representative", "young_person"]


@pytest.mark.parametrize("role", sorted(FAMILY_PAGE_ROLES))
def test_a_familys_link_opens_their_own_case_and_never_another(role, client, coordinator, two_cases) -> None:
    mine, my_certificate, theirs, their_certificate = two_cases
    with time_machine.travel(NOW, tick=False):
        _, path = party_link_create(party=_party(mine, role), purpose=Purpose.CASE, by=coordinator)
        html = client.get(path).content.decode()
        assert '<h1 class="govuk-heading-l">Your case</h1>' in html
        assert mine.reference in html and theirs.reference not in html
        assert client.get(f"{path}documents/certificates/{my_certificate.pk}/").status_code == 200
        assert client.get(f"{path}documents/certificates/{their_certificate.pk}/").status_code == 404


@pytest.mark.parametrize("role", OTHER_SIDES)
def test_another_sides_link_opens_only_its_task(role, client, coordinator, two_cases) -> None:
    mine, my_certificate, _, _ = two_cases
    with time_machine.travel(NOW, tick=False):
        party = _party(mine, role)
        for purpose in (Purpose.CASE, Purpose.DOCUMENTS):
            with pytest.raises(ServiceError):
                party_link_create(party=party, purpose=purpose, by=coordinator)
        _, path = party_link_create(party=party, purpose=Purpose.AVAILABILITY, by=coordinator)
        page = client.get(path)
        html = page.content.decode()
        assert page.status_code == 200 and '<h1 class="govuk-heading-l">When you can come</h1>' in html
        assert "Your case" not in html and "Mediation certificate" not in html and "Back to your case" not in html
        for download in (f"documents/certificates/{my_certificate.pk}/", "documents/agreement/", "meeting.ics"):
            assert client.get(f"{path}{download}").status_code == 404, download
