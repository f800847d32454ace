from __future__ import annotations

import datetime as dt
from typing import Any

from senmediation.cases.models import Case, Party
from senmediation.cases.services.opening import PartyInput, case_open
from senmediation.directory.models import LocalAuthority
from senmediation.rules.eligibility import Decision, Element


def case_make(*, by: Any = None, today: dt.date | None = None, **overrides: Any) -> Case:
    """A realistic SEN mediation case opened through the real service."""
    arguments: dict[str, Any] = {
        "by": by,
        "case_type": "sen_mediation",
        "local_authority": LocalAuthority.objects.get(gss_code="E08000009"),
        "child_first_name": "Sam",
        "child_last_name": "Patel",
        "child_date_of_birth": dt.date(2015, 5, 4),
        "decisions": [Decision.plan_provision],
        "elements": [Element.education],
        "decision_notice_date": dt.date(2026, 11, 2),
        "parties": [PartyInput(role=Party.Role.PARENT, name="Ravi Patel", email="ravi@example.com",
                               phone="07700 900123", preferred_contact=["email"], is_main_contact=True,
                               issues=["Speech and language therapy hours"])],
        "today": today or dt.date(2026, 11, 23),
    }
    arguments.update(overrides)
    return case_open(**arguments)
