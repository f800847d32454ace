import io
import json

import pytest
from pypdf import PdfReader

from senmediation.accounts.tests.helpers import verified_client
from senmediation.audit.models import AuditEntry
from senmediation.cases.tests.factories import case_make
from senmediation.records.subject_access import subject_access_export

pytestmark = pytest.mark.django_db


def test_export_finds_a_parent_by_email_and_a_child_by_name(coordinator, manager) -> None:
    case = case_make(by=coordinator)
    case_make(by=coordinator, child_first_name="Lily", child_last_name="Shah", parties=[])
    as_json, as_pdf = subject_access_export(query="ravi@example.com", by=manager)
    data = json.loads(as_json)
    assert [c["reference"] for c in data["cases"]] == [case.reference]
    assert data["cases"][0]["parties_matching"][0]["phone"] == "07700 900123"
    reader = PdfReader(io.BytesIO(as_pdf))
    assert "Ravi Patel" in reader.pages[0].extract_text()
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    by_child = json.loads(subject_access_export(query="Lily Shah", by=manager)[0])
    assert len(by_child["cases"]) == 1 and by_child["cases"][0]["child_first_name"] == "Lily"


def test_only_managers_can_export_and_exports_are_recorded(coordinator, manager, settings) -> None:
    settings.OTP_REQUIRED = True
    case_make(by=coordinator)
    assert verified_client(coordinator).get("/staff/audit/subject-access/").status_code == 403
    client = verified_client(manager)
    assert client.get("/staff/audit/subject-access/").status_code == 200
    short = client.post("/staff/audit/subject-access/", {"query": "ra", "file_format": "pdf"})
    assert short.status_code == 400 and "at least 3 characters" in short.content.decode()
    response = client.post("/staff/audit/subject-access/", {"query": "Ravi Patel", "file_format": "json"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="export", username="boss", view_name="audit:subject_access",
                                     case_reference="").count() == 1  # the request; then one per case


def test_an_export_is_recorded_against_each_case_it_contains(coordinator, manager, settings) -> None:
    settings.OTP_REQUIRED = True
    first = case_make(by=coordinator)
    second = case_make(by=coordinator)
    case_make(by=coordinator, child_first_name="Lily", child_last_name="Shah", parties=[])
    response = verified_client(manager).post("/staff/audit/subject-access/", {"query": "Ravi Patel", "file_format": "json"})
    assert response.status_code == 200
    per_case = list(AuditEntry.objects.filter(detail="subject-access export").order_by("case_reference")
                    .values_list("case_reference", "username", "action"))
    assert per_case == sorted([(first.reference, "boss", "export"), (second.reference, "boss", "export")])


def test_the_pdf_shows_labels_not_stored_codes(coordinator, manager) -> None:
    from senmediation.cases.models import Party
    from senmediation.cases.services.opening import PartyInput

    case_make(by=coordinator, parties=[PartyInput(
        role=Party.Role.PARENT, name="Ravi Patel", email="ravi@example.com", preferred_contact=["text"],
        is_main_contact=True, adjustments=["breaks", "large_print"])])
    _, as_pdf = subject_access_export(query="ravi@example.com", by=manager)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(as_pdf)).pages).split())
    assert "Extra breaks, Large print" in text
    assert "Text message" in text and "Parent or carer" in text and "SEN mediation" in text
    for code in ("large_print", "'breaks'", "sen_mediation", "['text']"):
        assert code not in text
