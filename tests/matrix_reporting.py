"""The access matrix's rows for the reports (tests/test_access_matrix.py): the report, its CSVs and PDF, the late
cases, the scorecard, SEN2, Tribunal appeals, the activity statement, rate cards and issued statements.
Managers read any LA's reports or all together; a commissioner only their own LA (another LA, or all: 404, revealing nothing)."""

from __future__ import annotations

from typing import Any

from .matrix_roles import allowed_as, by_role

REPORTS = by_role(302, 403, 403, 403, 200, 200, 200, 403)
OWN_LA = {"la": "E08000009"}
OWN_LA_ONLY = by_role(302, 403, 403, 403, 200, 200, 404, 403)
MANAGERS_ALL = by_role(302, 403, 403, 403, 200, 404, 404, 403)


def reporting_rows(get: Any, post: Any, managers: dict[str, int], get_only_posted: dict[str, int]) -> dict[str, list[Any]]:
    return {
        "reporting:index": [get(REPORTS)],
        "reporting:report": [get(allowed_as(OWN_LA_ONLY, 302), **OWN_LA), get(allowed_as(MANAGERS_ALL, 302), la="all")],
        "reporting:csv": [get(OWN_LA_ONLY, table="enquiries-by-source", **OWN_LA),
                          get(MANAGERS_ALL, la="all", table="timeliness")],
        "reporting:pdf": [get(OWN_LA_ONLY, **OWN_LA), get(MANAGERS_ALL, la="all")],
        # The cases whose steps were late name cases: managers only.
        "reporting:late": [get(managers, **OWN_LA), get(managers, la="all")],
        # The scorecard (12 months beside the 12 before and every LA): the report's scope; a bad month is 400.
        "reporting:scorecard": [get(OWN_LA_ONLY, **OWN_LA), get(MANAGERS_ALL, la="all")],
        "reporting:scorecard_csv": [get(OWN_LA_ONLY, **OWN_LA), get(MANAGERS_ALL, la="all")],
        "reporting:scorecard_pdf": [get(OWN_LA_ONLY, **OWN_LA)],
        # SEN2 is one LA's return: "all" is 404 for everyone.
        "reporting:sen2": [get(OWN_LA_ONLY, year=2026, **OWN_LA), get(allowed_as(MANAGERS_ALL, 404), la="all", year=2026)],
        "reporting:sen2_csv": [get(OWN_LA_ONLY, year=2026, **OWN_LA)],
        # Appeals to the Tribunal the LA tells us of: one LA's, like SEN2 ("all" is 404 for everyone).
        "reporting:tribunal_appeals": [get(OWN_LA_ONLY, **OWN_LA), get(allowed_as(MANAGERS_ALL, 404), la="all")],
        "reporting:tribunal_appeal_new": [
            get(OWN_LA_ONLY, **OWN_LA), get(allowed_as(MANAGERS_ALL, 404), la="all"),
            post(allowed_as(OWN_LA_ONLY, 302), {"reference": "{case}", "registered_on_0": "1", "registered_on_1": "12",
                                                "registered_on_2": "2026", "decision": "plan_provision"}, **OWN_LA),
            post(allowed_as(OWN_LA_ONLY, 400), {"reference": "MED-2026-99999", "registered_on_0": "1",
                                                "registered_on_1": "12", "registered_on_2": "2026",
                                                "decision": "plan_provision"}, **OWN_LA)],
        # The activity statement and its rate card: managers only (the provider sends the statement).
        "reporting:activity": [get(managers, **OWN_LA)],
        "reporting:activity_csv": [get(managers, **OWN_LA)],
        "reporting:activity_pdf": [get(managers, **OWN_LA)],
        "reporting:rate_card": [get(managers, **OWN_LA), get(allowed_as(managers, 404), la="all"),
                                post(allowed_as(managers, 302), {"month": "1", "year": "2027", "enquiry": "1",
                                                                 "certificate": "1", "mediation": "1",
                                                                 "disagreement_resolution": "1"}, **OWN_LA),
                                post(allowed_as(managers, 400), {"month": "1", "year": "2027"}, **OWN_LA)],
        # Issued statements: read and downloaded by managers (any LA, or all) and the LA's own commissioners;
        # issued and corrected by managers only.
        "reporting:statements": [get(OWN_LA_ONLY, **OWN_LA), get(MANAGERS_ALL, la="all")],
        "reporting:statement": [get(OWN_LA_ONLY, number="{statement}", **OWN_LA),
                                get(allowed_as(OWN_LA_ONLY, 404), number="ACT-2026-99999", **OWN_LA),
                                get(MANAGERS_ALL, la="all", number="{statement}")],
        "reporting:statement_pdf": [get(OWN_LA_ONLY, number="{statement}", **OWN_LA)],
        "reporting:statement_csv": [get(OWN_LA_ONLY, number="{statement}", **OWN_LA)],
        "reporting:statement_issue": [get(get_only_posted, **OWN_LA),
                                      post(allowed_as(managers, 302), {"period": "quarter", "year": "2026",
                                                                       "quarter": "2"}, **OWN_LA),
                                      post(allowed_as(managers, 400), {"period": "month", "year": "2026", "month": "2"},
                                           **OWN_LA)],  # inside the quarter already issued
        "reporting:statement_correct": [get(managers, number="{statement}", **OWN_LA),
                                        post(allowed_as(managers, 302), {"reason": "Recounted."}, number="{statement}",
                                             **OWN_LA),
                                        post(allowed_as(managers, 400), {"reason": ""}, number="{statement}", **OWN_LA),
                                        get(allowed_as(managers, 404), number="ACT-2026-99999", **OWN_LA)],
    }
