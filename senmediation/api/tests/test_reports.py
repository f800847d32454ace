"""The LA's report figures through the API: the same tables as its commissioners see, its own LA only."""

from __future__ import annotations

import pytest

from senmediation.cases.tests.factories import case_make
from senmediation.core import clock
from senmediation.reporting.suppression import RULE_TEXT

from .helpers import client_with, key_for, la_organisation

pytestmark = pytest.mark.django_db


def test_an_la_key_reads_its_own_figures_with_small_numbers_suppressed(reference_data: None) -> None:
    _, token = key_for(la_organisation("E08000009"))
    for _ in range(3):
        case_make(today=clock.today())
    year = clock.today().year
    response = client_with(token).get(f"/api/v1/reports/E08000009?year={year}")
    assert response.status_code == 200
    body = response.json()
    assert (body["local_authority"], body["gss_code"], body["period"]) == (
        "Trafford", "E08000009", f"{year} (January to December)")
    types = next(t for t in body["tables"] if t["slug"] == "case-types")
    # Three SEN mediation cases: a number from 1 to 4 is never given to an LA.
    assert types["rows"][0] == {"label": "SEN mediation", "cells": ["not shown"]}
    assert body["disclosure_rule"] == RULE_TEXT


def test_another_las_figures_are_404_and_the_scope_is_needed(reference_data: None) -> None:
    _, token = key_for(la_organisation("E08000009"))
    response = client_with(token).get(f"/api/v1/reports/E08000003?year={clock.today().year}")
    assert response.status_code == 404
    _, no_scope = key_for(la_organisation("E08000009"), scopes=("cases:read",))
    refused = client_with(no_scope).get(f"/api/v1/reports/E08000009?year={clock.today().year}")
    assert refused.status_code == 403
    assert refused.json() == {"code": "scope_missing", "message": "This key does not have the reports:read scope."}


@pytest.mark.parametrize("query", ["year=9999", "year=9999&quarter=4", "year=1"])
def test_a_year_out_of_range_is_422_naming_it(reference_data: None, query: str) -> None:
    _, token = key_for(la_organisation("E08000009"))
    response = client_with(token).get(f"/api/v1/reports/E08000009?{query}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert [error["field"] for error in response.json()["errors"]] == ["year"]


@pytest.mark.parametrize(("query", "label"), [
    ("year=2026&period=month&month=2", "February 2026"),
    ("year=2026&quarter=1", "January to March 2026 (quarter 1)"),
    ("year=2026&period=quarter&quarter=4", "October to December 2026 (quarter 4)"),
    ("year=2026", "2026 (January to December)"),
    ("year=2026&period=rolling&month=3", "the 12 months to the end of March 2026"),
    # Every combination the schema allows is answered: without its month or quarter, the year's last.
    ("year=2026&period=month", "December 2026"),
    ("year=2026&period=quarter", "October to December 2026 (quarter 4)"),
])
def test_each_fixed_period(reference_data: None, query: str, label: str) -> None:
    _, token = key_for(la_organisation("E08000009"))
    response = client_with(token).get(f"/api/v1/reports/E08000009?{query}")
    assert response.status_code == 200
    assert response.json()["period"] == label


@pytest.mark.parametrize(("query", "fields"), [
    ("year=2026&start=2026-09-14&end=2026-09-15", ["start", "end"]),
    ("year=2026&period=week", ["period"]),
])
def test_dates_and_unknown_periods_are_422_naming_the_field(reference_data: None, query: str,
                                                               fields: list[str]) -> None:
    _, token = key_for(la_organisation("E08000009"))
    response = client_with(token).get(f"/api/v1/reports/E08000009?{query}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert [error["field"] for error in response.json()["errors"]] == fields
