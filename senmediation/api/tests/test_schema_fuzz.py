"""Schemathesis against the live test server with a real key and every check (quality.md: reliability):
positive and negative data, the coverage phase's boundary values, and the stateful phase, which follows
the OpenAPI links from a new referral (or the changes list) to a case, its certificates, a certificate's
PDF and its local authority's report figures.

Schemathesis runs as its command-line tool (`st run`) in a subprocess, against pytest-django's live server:
its pytest plugin reads a pytest internal that pytest 9 no longer has. The seed is fixed, so a run is
repeatable; API_FUZZ_EXAMPLES raises the examples per operation for a longer hunt."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from senmediation.cases.models import Case
from senmediation.core import clock
from senmediation.documents.services.certificates import certificate_issue
from senmediation.documents.tests.helpers import ISSUED, declined_case

from .helpers import key_for, la_organisation

EXAMPLES_PER_OPERATION = os.environ.get("API_FUZZ_EXAMPLES", "12")
SEED = os.environ.get("API_FUZZ_SEED", "2026")
ST = Path(sys.executable).with_name("st")


def _run(live_server: Any, token: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ST), "run", f"{live_server.url}/api/v1/openapi.json", "-H", f"Authorization: Bearer {token}",
         "--checks", "all", "--mode", "all", "--seed", SEED, "--max-examples", EXAMPLES_PER_OPERATION,
         "--workers", "1", "--no-color", "--output-truncate", "false", *options],
        capture_output=True, text=True, timeout=600, check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_the_api_keeps_to_its_schema_and_every_link_leads_somewhere(
    live_server: Any, reference_data: None, coordinator: Any, settings: Any, tmp_path: Path,
) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    # Only the case below is old enough for the changes list: the first case there has a certificate.
    settings.API_CHANGES_SETTLE_SECONDS = 3600
    # A Trafford case with a certificate, changed long enough ago to be in the changes list, so the stateful
    # phase can go from the list to the case, its certificates and the PDF.
    case = declined_case(by=coordinator)
    certificate_issue(case=case, kind="no_mediation", by=coordinator, today=ISSUED)
    Case.objects.filter(pk=case.pk).update(updated_at=clock.now() - dt.timedelta(days=1))
    _, token = key_for(la_organisation("E08000009"))

    # The coverage phase's boundary values for every operation but the referral, whose many conditional
    # rules make schemathesis spend a minute on them; the referral gets examples and fuzzing, positive and
    # negative, like every operation (API_FUZZ_COVER_REFERRALS=1 runs its coverage phase too).
    covered = () if os.environ.get("API_FUZZ_COVER_REFERRALS") else ("--exclude-path", "/api/v1/referrals")
    coverage = _run(live_server, token, "--phases", "coverage", *covered)
    assert coverage.returncode == 0, coverage.stdout[-20000:]
    stateless = _run(live_server, token, "--phases", "examples,fuzzing")
    assert stateless.returncode == 0, stateless.stdout[-20000:]

    har = tmp_path / "stateful.har"
    # The stateful phase walks the links from a referral to a certificate's PDF; recording an appeal is no step on
    # that walk (it has no link), and as a step inferred from a case's reference it spent the walk's fixed budget
    # before the PDF was reached. Every other phase above covers it.
    stateful = _run(live_server, token, "--phases", "stateful", "--exclude-operation-id", "tribunal_appeal_record",
                    "--report", "har", "--report-har-path", str(har))
    assert stateful.returncode == 0, stateful.stdout[-20000:]
    reached = {
        (entry["request"]["method"], _operation(entry["request"]["url"]), entry["response"]["status"])
        for entry in json.loads(har.read_text())["log"]["entries"]
    }
    for operation in ("POST referrals", "GET cases", "GET case", "GET certificates", "GET certificate pdf",
                      "GET report"):
        method, name = operation.split(" ", 1)
        assert {status for m, n, status in reached if (m, n) == (method, name)} & {200, 201}, (operation, reached)


def _operation(url: str) -> str:
    """The operation a request URL calls, by a short name."""
    path = url.split("/api/v1/", 1)[1].split("?", 1)[0].rstrip("/").split("/")
    if path[0] == "referrals":
        return "referrals"
    if path[0] == "reports":
        return "report"
    if path[0] == "cases":
        return {1: "cases", 2: "case", 3: "certificates"}.get(len(path), "certificate pdf")
    return "/".join(path)
