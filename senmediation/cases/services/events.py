from __future__ import annotations

from typing import Any

from senmediation.core import clock

from ..models import Case, CaseEvent


def case_event_record(
    *, case: Case, by: Any, kind: str, summary: str, action: str = "", from_state: str = "", to_state: str = "",
    detail: str = "", before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
) -> CaseEvent:
    """Appends one entry to the case timeline."""
    return CaseEvent.objects.create(
        case=case, at=clock.now(), by=by if getattr(by, "pk", None) else None, kind=kind, summary=summary[:300],
        action=action, from_state=from_state, to_state=to_state, detail=detail,
        before=before or {}, after=after or {},
    )
