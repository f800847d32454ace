"""Stored choice codes and the words people read for them: every code shown on a page, a PDF or the
portal is shown as its label ("Extra breaks", never "breaks")."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


class Adjustment(models.TextChoices):
    """Reasonable adjustments a party needs (Equality Act 2010 s.20)."""

    INTERPRETER = "interpreter", "An interpreter"
    BSL = "bsl", "British Sign Language"
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy read"
    ACCESSIBLE_VENUE = "accessible_venue", "An accessible venue"
    BREAKS = "breaks", "Extra breaks"
    PHONE_NOT_EMAIL = "phone_not_email", "Phone calls instead of e-mail"
    ADVOCATE = "advocate", "An advocate"


def label_of(code: object, choices: Iterable[tuple[str, str]]) -> str:
    """The label of one stored code; a code no longer offered reads as words ("old_code" -> "Old code")."""
    return dict(choices).get(str(code), str(code).replace("_", " ").capitalize())


def labels_of(codes: Iterable[object], choices: Iterable[tuple[str, str]]) -> list[str]:
    labels = dict(choices)
    return [label_of(code, labels.items()) for code in codes]
