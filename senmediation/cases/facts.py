"""What the workflow needs to know about a case that only the features above `cases` know: the case's
current meeting (meetings) and its agreed actions still open (agreements).

`cases` imports none of its features (docs/architecture.md). Each feature registers what it knows here
from its AppConfig.ready, and `case_facts` (services/transitions.py) asks through this registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .models import Case


class CaseFactsProvider(Protocol):
    """Gives some of rules.workflow.CaseFacts' fields, by name, for a case and its current meeting
    (None when it has none)."""

    def __call__(self, case: Case, *, meeting: Any) -> Mapping[str, Any]: ...


MeetingFinder = Callable[["Case"], Any]

_providers: list[CaseFactsProvider] = []
_meeting_finders: list[MeetingFinder] = []


def register_case_facts(provider: CaseFactsProvider) -> None:
    """A feature adds the facts it knows about a case (once, however often its ready() runs)."""
    if provider not in _providers:
        _providers.append(provider)


def register_case_meeting_current(finder: MeetingFinder) -> None:
    """The meetings feature says how to find a case's current scheduled meeting; there is only one."""
    if _meeting_finders and _meeting_finders[0] is not finder:
        raise RuntimeError("A finder of the case's current meeting is already registered.")
    _meeting_finders[:] = [finder]


def case_meeting_current(case: Case) -> Any:
    """The case's current scheduled meeting, or None (also None when no feature finds meetings)."""
    return _meeting_finders[0](case) if _meeting_finders else None


def case_facts_registered(case: Case, *, meeting: Any) -> dict[str, Any]:
    """Every registered feature's facts about the case, merged by field name."""
    facts: dict[str, Any] = {}
    for provider in _providers:
        facts.update(provider(case, meeting=meeting))
    return facts
