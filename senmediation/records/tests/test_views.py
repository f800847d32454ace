import pytest

from senmediation.accounts.tests.helpers import verified_client
from senmediation.cases.tests.factories import case_make

pytestmark = pytest.mark.django_db


def test_managers_see_who_looked_at_a_case(coordinator, manager, mediator, settings) -> None:
    settings.OTP_REQUIRED = True
    case = case_make(by=coordinator)
    verified_client(coordinator).get(f"/staff/cases/{case.reference}/")
    page = verified_client(manager).get(f"/staff/audit/cases/{case.reference}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "coord" in html and f"/staff/cases/{case.reference}/" in html
    assert verified_client(coordinator).get(f"/staff/audit/cases/{case.reference}/").status_code == 403
    assert verified_client(manager).get("/staff/audit/cases/MED-1999-99999/").status_code == 404
