from __future__ import annotations

import datetime as dt
from typing import Any

from senmediation.feedback.models import Complaint
from senmediation.feedback.services.complaints import complaint_record


def complaint_make(**overrides: Any) -> Complaint:
    arguments: dict[str, Any] = {
        "by": None, "channel": "online", "name": "Ravi Patel", "email": "ravi@example.com",
        "details": "Nobody called me back.", "received_on": dt.date(2026, 11, 2), "preferred_contact": "email",
    }
    arguments.update(overrides)
    return complaint_record(**arguments)
