"""Schemathesis against the live test server, with a key of every scope: no 5xx, and every response
fits the published OpenAPI schema (quality.md: reliability).

The operations are walked by hand: schemathesis's lazy pytest fixture loader reads a pytest internal
(`_nodeid`) that pytest 9 no longer has. Schema-valid bodies may still be refused (422): the
journey's rules span several fields (a phone number or an e-mail, an age that fits the route), which
a JSON schema cannot say, so the "positive data accepted" check is left out."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from senmediation.cases.tests.factories import case_make

from .helpers import key_for, la_organisation

EXAMPLES_PER_OPERATION = int(os.environ.get("API_FUZZ_EXAMPLES", "40"))


@pytest.mark.django_db(transaction=True)
def test_the_api_keeps_to_its_schema(live_server: Any, reference_data: None, settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_MINUTE = 100_000
    case_make()  # a real case, so reads can find something
    _, token = key_for(la_organisation())
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert sorted(f"{op.method.upper()} {op.path}" for op in operations) == [
        "GET /api/v1/cases/{reference}",
        "GET /api/v1/cases/{reference}/certificates",
        "GET /api/v1/cases/{reference}/certificates/{certificate_id}/pdf",
        "GET /api/v1/reports/{gss_code}",
        "POST /api/v1/referrals",
    ]
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.call_and_validate(base_url=live_server.url, headers={"Authorization": f"Bearer {token}"},
                                   excluded_checks=[positive_data_acceptance])

        call()
