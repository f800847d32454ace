"""The API's request and response shapes (these are what the OpenAPI schema publishes)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class Error(Schema):
    code: str = Field(description="A stable, machine-readable reason, e.g. 'not_found'.")
    message: str = Field(description="What went wrong, in plain English.")


class FieldError(Schema):
    field: str
    message: str


class ValidationErrorOut(Error):
    errors: list[FieldError]


class ReferrerIn(Schema):
    name: str = Field("", max_length=1000)
    organisation: str = Field("", max_length=1000)
    email: str = Field("", max_length=1000)
    phone: str = Field("", max_length=1000)


class ConsentIn(Schema):
    given_by: str = Field("", max_length=1000)
    given_on: dt.date | None = None
    method: str = Field("", max_length=100, description="in_person, phone, email, letter, text or other")


class ChildIn(Schema):
    first_name: str = Field("", max_length=1000)
    last_name: str = Field("", max_length=1000)
    date_of_birth: dt.date | None = None


class ContactIn(Schema):
    name: str = Field("", max_length=1000)
    email: str = Field("", max_length=1000)
    phone: str = Field("", max_length=1000)
    address: str = Field("", max_length=5000)


class ReferralIn(Schema):
    """The public referral journey's questions in one body; each is checked by the same rules."""

    who: str = Field(max_length=40, description="parent, young_person, la_officer, iass, school or other")
    referrer: ReferrerIn | None = Field(None, description="Required when a professional refers.")
    permission: str = Field("", max_length=40, description="Third parties: parent, young_person or no")
    consent: ConsentIn | None = Field(None, description="Third parties: who agreed to the referral, when, how.")
    local_authority_id: int | None = Field(None, description="The LA that made the decision.")
    topics: list[str] = Field(default_factory=list, max_length=20)
    summary: str = Field("", max_length=10000)
    decision_date: dt.date | None = None
    wants: str = Field("", max_length=40, description="mediation, certificate or talk")
    child: ChildIn | None = None
    contact_methods: list[str] = Field(default_factory=list, max_length=10)
    call_times: str = Field("", max_length=1000)
    contact: ContactIn | None = None
    language: str = Field("English", max_length=1000)
    adjustments: list[str] = Field(default_factory=list, max_length=20)
    adjustments_notes: str = Field("", max_length=5000)
    child_views: str = Field("", max_length=10000)
    child_views_help_wanted: bool = False


class ReferralOut(Schema):
    reference: str
    created: bool = Field(description="False when this Idempotency-Key was used before: the first case.")


class NextStep(Schema):
    action: str
    label: str


class DeadlineOut(Schema):
    clock: str
    label: str
    due_date: dt.date
    status: str = Field(description="on_track, due_soon, overdue, met, met_late, or stopped")
    met_on: dt.date | None


class CaseOut(Schema):
    reference: str
    case_type: str
    case_type_label: str
    state: str
    state_label: str
    opened_on: dt.date
    closed_on: dt.date | None
    next_steps: list[NextStep]
    deadlines: list[DeadlineOut]


class CertificateOut(Schema):
    id: int
    number: str
    version: int
    kind: str
    kind_label: str
    issued_on: dt.date
    current: bool
    download_url: str


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
