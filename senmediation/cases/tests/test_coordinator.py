"""The coordinator who looks after a case: set through one service (coordinators only, on the timeline), shown
and changed on the case page."""

from __future__ import annotations

import pytest

from senmediation.accounts.roles import Role
from senmediation.cases.models import CaseEvent
from senmediation.cases.services.details import case_coordinator_set
from senmediation.cases.tests.factories import case_make
from senmediation.core.errors import ServiceError
from testsupport.fixtures import user_make

pytestmark = pytest.mark.django_db


def test_the_coordinator_is_set_on_the_timeline_once(coordinator, manager) -> None:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    other = user_make("coord2", Role.COORDINATOR, first_name="Olu", last_name="Other")
    case_coordinator_set(case=case, coordinator=coordinator, by=coordinator)
    case_coordinator_set(case=case, coordinator=coordinator, by=coordinator)  # the same again: nothing new
    case_coordinator_set(case=case, coordinator=other, by=manager)
    case.refresh_from_db()
    assert case.coordinator == other
    events = list(case.events.filter(summary__startswith="Coordinator").order_by("id")
                  .values_list("summary", "by__username", "before", "after"))
    assert events == [
        ("Coordinator assigned: Cora Ordinator", "coord", {"coordinator": ""}, {"coordinator": "Cora Ordinator"}),
        ("Coordinator assigned: Olu Other", "boss", {"coordinator": "Cora Ordinator"}, {"coordinator": "Olu Other"}),
    ]


def test_only_an_active_coordinator_can_look_after_a_case(coordinator, mediator, manager) -> None:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    with pytest.raises(ServiceError, match="Amara Okafor is not a coordinator. Choose someone with the coordinator role."):
        case_coordinator_set(case=case, coordinator=mediator, by=coordinator)
    with pytest.raises(ServiceError, match="Mina Manager is not a coordinator"):
        case_coordinator_set(case=case, coordinator=manager, by=manager)
    gone = user_make("coord-gone", Role.COORDINATOR, first_name="Gail", last_name="Gone", is_active=False)
    with pytest.raises(ServiceError, match="Gail Gone's account is not active. Choose another coordinator."):
        case_coordinator_set(case=case, coordinator=gone, by=coordinator)
    case.refresh_from_db()
    assert case.coordinator is None
    assert not case.events.filter(kind=CaseEvent.Kind.UPDATED, summary__startswith="Coordinator").exists()


def test_a_coordinator_takes_a_case_on_from_its_page(coordinator, coordinator_client) -> None:  # type: ignore[no-untyped-def]
    case = case_make(by=coordinator)
    url = f"/staff/cases/{case.reference}/"
    page = coordinator_client.get(url).content.decode()
    assert ('<dt class="govuk-summary-list__key">Coordinator</dt><dd class="govuk-summary-list__value">Not assigned'
            in page)
    assert "No coordinator looks after this case yet." in page and "Assign to me</button>" in page
    assert f'<option value="{coordinator.pk}">Cora Ordinator</option>' in page
    response = coordinator_client.post(f"{url}coordinator/", {"coordinator": coordinator.pk}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "You are now the coordinator." in page
    assert '<dd class="govuk-summary-list__value">Cora Ordinator</dd>' in page
    assert "Cora Ordinator looks after this case." in page and "Assign to me</button>" not in page
    case.refresh_from_db()
    assert case.coordinator == coordinator


def test_the_form_offers_only_coordinators_and_says_why_it_refuses(coordinator, mediator, manager,  # type: ignore[no-untyped-def]
                                                                   manager_client, mediator_client) -> None:
    case = case_make(by=coordinator)
    case.mediator = mediator
    case.save(update_fields=["mediator"])
    url = f"/staff/cases/{case.reference}/"
    page = manager_client.get(url).content.decode()
    assert "Change coordinator</button>" in page and "Assign to me</button>" not in page  # not a coordinator
    assert f'<option value="{mediator.pk}">' not in page.split('name="coordinator"')[1].split("</select>")[0]
    refused = manager_client.post(f"{url}coordinator/", {"coordinator": mediator.pk}, follow=True).content.decode()
    assert '<p class="govuk-notification-banner__heading">Choose a coordinator from the list</p>' in refused
    empty = manager_client.post(f"{url}coordinator/", {"coordinator": ""}, follow=True).content.decode()
    assert '<p class="govuk-notification-banner__heading">Choose a coordinator</p>' in empty
    assert manager_client.post(f"{url}coordinator/", {"coordinator": coordinator.pk}).status_code == 302
    case.refresh_from_db()
    assert case.coordinator == coordinator
    # A mediator sees who it is, but cannot change it.
    page = mediator_client.get(url).content.decode()
    assert '<dd class="govuk-summary-list__value">Cora Ordinator</dd>' in page and "Change coordinator" not in page
    assert mediator_client.post(f"{url}coordinator/", {"coordinator": coordinator.pk}).status_code == 403
