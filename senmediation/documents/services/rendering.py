"""HTML templates to tagged PDF/UA (screen readers can read them), and storing files by a random name."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile

from senmediation.cases.models import Case, Party
from senmediation.core.pdf import template_to_pdf

FAMILY_ROLES = (Party.Role.PARENT, Party.Role.YOUNG_PERSON)


def pdf_render(*, template: str, context: dict[str, Any]) -> bytes:
    """A tagged PDF/UA-1 document; the template sets <html lang="en-GB"> and a <title>."""
    return template_to_pdf(template, context)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_attach(field_file: FieldFile, *, data: bytes, extension: str) -> None:
    """Stores `data` through the field's storage (local disk or S3-compatible, per settings) under a
    random name, so a file's name never reveals the family or the case."""
    field_file.save(f"{uuid.uuid4().hex}{extension}", ContentFile(data), save=False)


def family_party(case: Case) -> Party | None:
    """The parent or young person the case is about: the main contact first."""
    parties = [p for p in case.parties.all() if p.role in FAMILY_ROLES]
    parties.sort(key=lambda p: (not p.is_main_contact, p.role != Party.Role.YOUNG_PERSON if case.young_person_acts
                                else p.role != Party.Role.PARENT, p.pk))
    return parties[0] if parties else None


def adjustments_of(party: Party | None) -> set[str]:
    return {str(a) for a in (party.adjustments if party else []) or []}
