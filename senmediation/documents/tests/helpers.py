"""Test helpers for documents: cases brought to the point where a certificate is owed."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from pypdf import PdfReader

from senmediation.cases.models import Case
from senmediation.cases.services.transitions import case_transition
from senmediation.cases.tests.factories import case_make

OPENED = dt.date(2026, 11, 23)  # a Monday
DECLINED = dt.date(2026, 11, 24)
ISSUED = dt.date(2026, 11, 26)


def declined_case(*, by: Any, **overrides: Any) -> Case:
    """A family who heard about mediation and said they do not want it: owed a certificate (reg 34)."""
    case = case_make(by=by, today=OPENED, **overrides)
    case_transition(case=case, action="give_information", by=by, today=OPENED)
    case_transition(case=case, action="request_certificate", by=by, today=DECLINED)
    return case


def mediation_case(*, by: Any, **overrides: Any) -> Case:
    case = case_make(by=by, today=OPENED, **overrides)
    case_transition(case=case, action="give_information", by=by, today=OPENED)
    case_transition(case=case, action="request_mediation", by=by, today=OPENED)
    return case


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())
