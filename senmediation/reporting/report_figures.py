"""The report's figures for one scope and stretch of months, as plain counts and tables of counts that add up
month by month (`ReportFigures.add`) and travel as JSON into the monthly buckets (buckets.py). figures.py counts
them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class ReportFigures:
    """Counts for one scope and stretch of months. Every field is a count or a table of counts, so the
    figures of two months add up to the figures of both (`add`): a report is the sum of its months."""

    enquiries: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_case_type: dict[str, int] = field(default_factory=dict)
    advice_only: int = 0
    certificates: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)  # cases reaching each state, once per case per month
    certificate_on_time: int = 0
    certificate_late: int = 0
    held_on_time: int = 0
    held_late: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # outcome -> meetings held
    outcomes_by_decision: dict[str, dict[str, int]] = field(default_factory=dict)
    outcomes_by_element: dict[str, dict[str, int]] = field(default_factory=dict)
    actions_on_time: int = 0
    actions_late: int = 0
    actions_open: int = 0
    step_days: dict[str, Counter[int]] = field(default_factory=dict)  # clock -> days taken -> how many
    steps_met: dict[str, int] = field(default_factory=dict)  # clock -> how many met (step_days' totals)
    opened_by_month: dict[dt.date, int] = field(default_factory=dict)
    held_by_month: dict[dt.date, int] = field(default_factory=dict)
    # SEND Regs 2014 reg 37(1): held meetings (attendance recorded) with or without an LA attendee who had
    # authority to resolve the issues.
    la_decision_maker_present: int = 0
    la_decision_maker_absent: int = 0
    cancelled_by: dict[str, int] = field(default_factory=dict)  # who cancelled -> meetings cancelled
    complaints: int = 0
    complaints_upheld: int = 0  # upheld or partly upheld
    surveys: int = 0
    satisfaction_by_score: dict[str, int] = field(default_factory=dict)  # "1" to "5" -> survey answers
    # Late steps by the reason staff gave (rules/late_reasons.py; "" = not given): sums to certificate_late and
    # held_late.
    certificate_late_by_reason: dict[str, int] = field(default_factory=dict)
    held_late_by_reason: dict[str, int] = field(default_factory=dict)
    complaints_by_theme: dict[str, int] = field(default_factory=dict)  # Complaint.Theme ("" = not recorded)
    surveys_sent: int = 0  # survey invitations sent in the period
    surveys_sent_answered: int = 0  # of which answered (at any time up to now): the response rate
    # For the SEN2 figures and the activity statement, from the same status changes as `events`:
    sen_events: dict[str, int] = field(default_factory=dict)  # SEN mediation cases reaching each state
    sen_held_by_element: dict[str, int] = field(default_factory=dict)  # SEN mediations held, by part of the plan
    held_by_case_type: dict[str, int] = field(default_factory=dict)  # meetings held, by the case's type
    certificates_corrected: int = 0  # corrected certificates issued (not in `certificates`)

    @property
    def satisfaction(self) -> float | None:
        """The average of 1 to 5 over the survey answers, to one decimal place."""
        answers = sum(self.satisfaction_by_score.values())
        if not answers:
            return None
        return round(sum(int(score) * n for score, n in self.satisfaction_by_score.items()) / answers, 1)

    def add(self, other: ReportFigures, *, skip: tuple[str, ...] = ()) -> ReportFigures:
        """Adds `other` into these figures, in place (`other` is left as it was); the tables named in `skip`
        are left out (a page that shows no medians need not add up the days histograms)."""
        for name in _FIELD_NAMES:
            if name in skip:
                continue
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, dict):
                _add_into(mine, theirs)
            else:
                setattr(self, name, mine + theirs)
        return self

    def to_json(self) -> dict[str, Any]:
        return {"shape": FIGURES_SHAPE} | {name: _json_keys(getattr(self, name)) for name in _FIELD_NAMES}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportFigures:
        f = cls()
        for name, value in data.items():
            if name not in _FIELD_NAMES:
                continue  # the shape, or a figure no longer counted
            if name in _DATE_KEYED:
                value = {dt.date.fromisoformat(k): v for k, v in value.items()}
            elif name == "step_days":
                value = {clock: Counter({int(k): v for k, v in days.items()}) for clock, days in value.items()}
            setattr(f, name, value)
        return f


_FIELD_NAMES = tuple(f.name for f in fields(ReportFigures))
_DATE_KEYED = ("opened_by_month", "held_by_month")
# Which figures a bucket holds: a bucket written before a figure was added lacks it, so a bucket of another
# shape is counted live until `report_buckets --build` (buckets.figures_by_month).
FIGURES_SHAPE = hashlib.sha256(" ".join(_FIELD_NAMES).encode()).hexdigest()[:12]


def _add_into(mine: dict[Any, Any], theirs: dict[Any, Any]) -> None:
    """mine += theirs for a (nested) table of counts; a table taken over from `theirs` is copied, never shared."""
    get = mine.get
    for key, value in theirs.items():
        if value.__class__ is int:  # most entries: a count
            mine[key] = get(key, 0) + value
            continue
        inner = get(key)
        if inner is None:
            mine[key] = inner = value.__class__()  # a Counter stays a Counter
        _add_into(inner, value)


def _json_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k.isoformat() if isinstance(k, dt.date) else str(k): _json_keys(v) for k, v in value.items()}
    return value
