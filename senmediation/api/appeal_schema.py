"""The shapes of `POST /cases/{reference}/tribunal-appeal`: a local authority telling us a family appealed."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from senmediation.appeals.models import DECISION_CHOICES

from .referral_schema import RecentDate

APPEALABLE_DECISIONS = Literal[tuple(value for value, _ in DECISION_CHOICES)]  # type: ignore[valid-type]


class TribunalAppealIn(Schema):
    model_config = ConfigDict(extra="forbid")

    registered_on: RecentDate = Field(
        description="The day the Tribunal registered the appeal: not in the future, and not before the case opened "
                    "(409 case_conflict).")
    decision: APPEALABLE_DECISIONS = Field(  # type: ignore[valid-type]
        description="The local authority's decision the appeal is about (CFA 2014 s.51(2)). An appeal about more "
                    "than one decision is sent once for each.")


class TribunalAppealOut(Schema):
    reference: str = Field(description="The case's reference.")
    registered_on: dt.date
    decision: APPEALABLE_DECISIONS  # type: ignore[valid-type]
    decision_label: str
    withdrawn_on: dt.date | None = Field(description="Recorded on the staff page only; null until then.")
    recorded_via: Literal["form", "api"]
    recorded_at: dt.datetime


EXAMPLE_IN = {"registered_on": "2026-12-01", "decision": "plan_provision"}
EXAMPLE_OUT = {"reference": "MED-2026-00042", "registered_on": "2026-12-01", "decision": "plan_provision",
               "decision_label": "The support set out in the plan (section F: special educational provision)",
               "withdrawn_on": None, "recorded_via": "api", "recorded_at": "2026-12-02T09:15:00Z"}
EXAMPLE_409 = {"code": "case_conflict", "message": "The date the appeal was registered must be on or after 23 "
                                                   "November 2026, the day case MED-2026-00042 opened",
               "errors": [{"field": "registered_on", "message": "The date the appeal was registered must be on or "
                                                                "after 23 November 2026, the day case MED-2026-00042 "
                                                                "opened"}]}
