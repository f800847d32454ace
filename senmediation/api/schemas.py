"""The API's request and response shapes (these are what the OpenAPI schema publishes)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from senmediation.documents.models import Certificate
from senmediation.rules.deadlines import Clock, ClockStatus
from senmediation.rules.workflow import Action, CaseType, State

from .models import EVENTS

# The closed lists an answer can hold, from the enums the code keeps them in.
CASE_TYPES = Literal[tuple(value.value for value in CaseType)]  # type: ignore[valid-type]
STATES = Literal[tuple(value.value for value in State)]  # type: ignore[valid-type]
ACTIONS = Literal[tuple(value.value for value in Action)]  # type: ignore[valid-type]
CLOCKS = Literal[tuple(value.value for value in Clock)]  # type: ignore[valid-type]
CLOCK_STATUSES = Literal[(*(value.value for value in ClockStatus), "stopped")]  # type: ignore[valid-type]
CERTIFICATE_KINDS = Literal[tuple(Certificate.Kind.values)]  # type: ignore[valid-type]
EVENT_TYPES = Literal[EVENTS]  # type: ignore[valid-type]


class Error(Schema):
    code: str = Field(description="A stable, machine-readable reason, e.g. 'not_found'.")
    message: str = Field(description="What went wrong, in plain English.")


class FieldError(Schema):
    field: str = Field(description="The field by its place in the body or its parameter name, e.g. child.first_name.")
    message: str


class ValidationErrorOut(Error):
    """Every 422: `code` is `invalid` (see errors), or where the journey ends without a case
    `permission_needed`, `local_authority_not_served` or `signposted` (errors is then empty)."""

    errors: list[FieldError] = Field(default_factory=list)


class ReferralOut(Schema):
    reference: str
    created: bool = Field(description="False when this Idempotency-Key was used before: the first case.")


class NextStep(Schema):
    action: ACTIONS  # type: ignore[valid-type]
    label: str


class DeadlineOut(Schema):
    clock: CLOCKS  # type: ignore[valid-type]
    label: str
    due_date: dt.date
    status: CLOCK_STATUSES = Field(description="on_track, due_soon, overdue, met, met_late, or stopped")  # type: ignore[valid-type]
    met_on: dt.date | None


class LocalAuthorityOut(Schema):
    gss_code: str = Field(description="The local authority's GSS code, as reports are addressed.")
    name: str


class CaseFacts(Schema):
    """What a case read and a row of the changes list both say about a case."""

    reference: str
    case_type: CASE_TYPES  # type: ignore[valid-type]
    case_type_label: str
    state: STATES  # type: ignore[valid-type]
    state_label: str
    opened_on: dt.date
    closed_on: dt.date | None


class CaseOut(CaseFacts):
    local_authority: LocalAuthorityOut
    next_steps: list[NextStep]
    deadlines: list[DeadlineOut]


class CaseChangeOut(CaseFacts):
    changed_at: dt.datetime = Field(description="When the case last changed (its state, type or details).")
    local_authority: str = Field(description="The GSS code of the case's local authority.")


class CasePageOut(Schema):
    cases: list[CaseChangeOut] = Field(description="Oldest change first.")
    next_cursor: str = Field(description="Send it back as `cursor` for the next page, now or later: it carries "
                                         "on after the last case of this page.")
    has_more: bool = Field(description="True when another page is ready now.")
    complete_until: dt.datetime = Field(description="Every change up to this moment is on this page or an "
                                                    "earlier one (a few seconds before the call).")


class CertificateOut(Schema):
    id: int
    number: str
    version: int
    kind: CERTIFICATE_KINDS  # type: ignore[valid-type]
    kind_label: str
    issued_on: dt.date
    current: bool
    download_url: str = Field(description="Where to download the PDF with the same key.")


class EventData(Schema):
    reference: str
    action: ACTIONS = Field(description="The workflow step that was taken, e.g. give_information.")  # type: ignore[valid-type]
    from_state: STATES  # type: ignore[valid-type]
    state: STATES  # type: ignore[valid-type]


class EventOut(Schema):
    """The JSON body of every webhook call."""

    id: str = Field(description="The event's id: the same if it is sent again, so ignore one you already have.")
    type: EVENT_TYPES
    created_at: dt.datetime
    data: EventData


class ReportRowOut(Schema):
    label: str
    cells: list[str] = Field(description='Counts as text, by the rule in `disclosure_rule`: "0"; a multiple of 5 '
                                         '(the count rounded to the nearest 5); or "not shown" (a count from 1 to 4, '
                                         'or one held back so that no count can be worked out exactly).')


class ReportTableOut(Schema):
    slug: str
    caption: str
    columns: list[str]
    rows: list[ReportRowOut]
    notes: list[str]


class ReportOut(Schema):
    local_authority: str
    gss_code: str
    period_start: dt.date
    period_end: dt.date
    period: str
    disclosure_rule: str = Field(description="The one rule every count in these tables follows, in plain words.")
    tables: list[ReportTableOut]
