"""The case search above every staff page is offered to exactly those who may use the case list it submits to."""

import pytest

from senmediation.accounts.roles import Role
from senmediation.cases.selectors import can_work_cases
from testsupport.fixtures import client_for, user_make

pytestmark = pytest.mark.django_db

BOX = ('<input class="govuk-input moj-search__input" id="header-search" name="q" type="search" maxlength="100" '
       'spellcheck="false" autocomplete="off">')
FORM = '<form class="moj-search" role="search" aria-label="Cases" method="get" action="/staff/cases/" novalidate>'


@pytest.mark.parametrize("role", list(Role))
def test_the_header_search_goes_with_the_case_list(reference_data, role: Role) -> None:
    user = user_make(f"user-{role.value}", role)
    client = client_for(user)
    may_search = can_work_cases(user)
    assert client.get("/staff/cases/?q=Ravi+Patel").status_code == (200 if may_search else 403)
    page = client.get("/staff/").content.decode()
    assert (FORM in page, BOX in page) == (may_search, may_search)
    assert may_search == (role in {Role.COORDINATOR, Role.MANAGER, Role.MEDIATOR})


def test_every_case_worker_page_carries_it_once(reference_data, coordinator_client) -> None:
    for path in ("/staff/", "/staff/cases/", "/staff/notifications/print-queue/", "/refer/staff/"):
        response = coordinator_client.get(path, follow=True)
        assert response.status_code == 200, path
        assert response.content.decode().count('id="header-search"') == 1, path


def test_the_dashboard_has_no_second_search_box(reference_data, coordinator_client) -> None:
    page = coordinator_client.get("/staff/").content.decode()
    assert page.count('role="search"') == 1
    assert page.count('name="q"') == 1
