"""The guide page, the published OpenAPI document (enums from the journey's own choices, links, webhooks,
one error schema) and the patterns the referral schema and the server share."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from senmediation.api import formats
from senmediation.referrals.forms.choices import ADJUSTMENT_CHOICES, CONTACT_CHOICES, TOPIC_CHOICES
from senmediation.referrals.forms.fields import uk_phone_digits

pytestmark = pytest.mark.django_db


def test_the_guide_is_a_public_page_in_plain_english(reference_data: None) -> None:
    response = Client().get("/api/v1/guide/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Using the SEN mediation service API</h1>' in page
    for heading in ("Getting a key", "Sending the key", "Keeping up with changes",
                    "Checking that a call came from us", "When something goes wrong",
                    "How many requests you can make"):
        assert f">{heading}</h" in page


def test_the_staff_page_links_to_the_guide_not_a_file(manager: Any) -> None:
    from testsupport.fixtures import client_for

    page = client_for(manager).get("/staff/access/api/").content.decode()
    assert '<a class="govuk-link" href="/api/v1/guide/">API guide</a>' in page
    assert "docs/api.md" not in page


def _document(reference_data: None) -> dict[str, Any]:
    return Client().get("/api/v1/openapi.json").json()


def test_closed_lists_come_from_the_journeys_choices_and_las_are_gss_codes(reference_data: None) -> None:
    document = _document(reference_data)
    schemas = document["components"]["schemas"]
    body = schemas["ReferralIn"]["properties"]
    assert body["topics"]["items"]["enum"] == [value for value, _ in TOPIC_CHOICES]
    assert body["adjustments"]["items"]["enum"] == [value for value, _ in ADJUSTMENT_CHOICES]
    assert schemas["ContactIn"]["properties"]["methods"]["items"]["enum"] == [value for value, _ in CONTACT_CHOICES]
    assert body["local_authority"]["enum"] == ["E08000003", "E08000007", "E08000009"]  # the LAs we serve
    assert body["who"]["enum"] == ["parent", "young_person", "la_officer", "iass", "school", "other"]
    report = document["paths"]["/api/v1/reports/{gss_code}"]["get"]
    assert [p["schema"]["pattern"] for p in report["parameters"] if p["name"] == "gss_code"] == [formats.GSS_CODE]


def test_every_operation_is_described_with_examples_and_one_error_schema(reference_data: None) -> None:
    document = _document(reference_data)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation["summary"] and operation["description"], (method, path)
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    schema = answer["content"]["application/json"]["schema"]["$ref"]
                    assert schema in ("#/components/schemas/Error", "#/components/schemas/ValidationErrorOut")
                    assert "example" in answer["content"]["application/json"], (path, status)
    referral = document["paths"]["/api/v1/referrals"]["post"]
    assert sorted(referral["responses"]) == ["200", "201", "400", "401", "403", "409", "422", "429"]
    assert referral["requestBody"]["content"]["application/json"]["example"]["local_authority"] == "E08000009"


def test_links_lead_from_a_referral_to_its_case_certificates_and_report(reference_data: None) -> None:
    paths = _document(reference_data)["paths"]
    created = paths["/api/v1/referrals"]["post"]["responses"]["201"]["links"]
    assert created["GetCase"]["operationId"] == "case_detail"
    case = paths["/api/v1/cases/{reference}"]["get"]["responses"]["200"]["links"]
    assert (case["GetCertificates"]["operationId"], case["GetReportFigures"]["parameters"]) == (
        "certificate_list", {"gss_code": "$response.body#/local_authority/gss_code"})
    listed = paths["/api/v1/cases/{reference}/certificates"]["get"]["responses"]["200"]["links"]
    assert listed["DownloadFirstCertificate"]["operationId"] == "certificate_download"


def test_webhooks_are_described_with_their_payload_and_signature(reference_data: None) -> None:
    document = _document(reference_data)
    assert sorted(document["webhooks"]) == ["agreement.made", "case.state_changed", "certificate.issued"]
    sent = document["webhooks"]["certificate.issued"]["post"]
    assert [p["name"] for p in sent["parameters"]] == ["X-SEN-Event", "X-SEN-Timestamp", "X-SEN-Signature"]
    assert sent["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/EventOut"}
    assert set(document["components"]["schemas"]["EventOut"]["properties"]) == {"id", "type", "created_at", "data"}


def test_a_date_pattern_matches_exactly_the_days_of_its_range() -> None:
    first, last = dt.date(2023, 2, 27), dt.date(2025, 3, 2)  # across a leap day and whole and part years
    pattern = formats.date_pattern(first, last)
    day = dt.date(2022, 12, 1)
    while day < dt.date(2025, 4, 1):
        assert formats.matches(pattern, day.isoformat()) == (first <= day <= last), day
        day += dt.timedelta(days=1)
    for not_a_day in ("2023-02-29", "2024-02-30", "2024-13-01", "2024-1-01", "2024-01-01\n"):
        assert not formats.matches(pattern, not_a_day)


def test_the_young_persons_birth_range_ends_with_the_last_school_year_over() -> None:
    # Over compulsory school age from the day after the last Friday in June of the school year they turn 16.
    assert formats.young_person_birth_range(dt.date(2026, 12, 3)) == (dt.date(2001, 12, 4), dt.date(2010, 8, 31))


@pytest.mark.parametrize("phone", ["07700900123", "07700 900 123", "+44 7700 900123", "+447700900123",
                                   "0161 123 4567", "01632 96000", "020 7946 0000"])
def test_every_phone_number_the_pattern_allows_the_journey_accepts(phone: str) -> None:
    assert formats.matches(formats.PHONE, phone)
    assert uk_phone_digits(phone).startswith("0")


@pytest.mark.parametrize("phone", ["0770090012", "077009001234", "00447700900123", " 07700900123", "07700  900123",
                                   "+4407700900123"])
def test_the_pattern_refuses_what_is_not_one_plain_uk_number(phone: str) -> None:
    assert not formats.matches(formats.PHONE, phone)
