"""The capacity steps' titles, branches and check-your-answers rows (SEND Regulations 2014 regs 63-64)."""

from __future__ import annotations

from . import answers as read
from .answers import Answers
from .forms.choices import CONTACT_CHOICES
from .forms_capacity import YES_NO

Rows = list[tuple[str, str]]


def _v(answers: Answers, slug: str, name: str) -> str:
    return str(read.value(answers, slug, name, "") or "")


def _whom(answers: Answers) -> str:
    if not read.is_third_party(answers):
        return "you"
    return "the young person" if read.acting_young_person(answers) else "the parent or carer"


def capacity_title(answers: Answers) -> str:
    whom = _whom(answers)
    if whom == "you":
        return "Does someone act for you because you lack capacity to make these decisions?"
    return f"Does someone act for {whom} because they lack capacity to make these decisions?"


def after_capacity(answers: Answers) -> str:
    return "representative" if read.has_representative(answers) else "language"


def representative_title(answers: Answers) -> str:
    return f"What is the name of the person who acts for {_whom(answers)}?"


def role_title(answers: Answers) -> str:
    name = _v(answers, "representative", "name") or "the person acting"
    return f"Why can {name} act for {_whom(answers)}?"


def methods_title(answers: Answers) -> str:
    return f"How would {_v(answers, 'representative', 'name') or 'they'} like us to contact them?"


def contact_title(answers: Answers) -> str:
    name = _v(answers, "representative", "name")
    return f"{name}'s contact details" if name else "Their contact details"


def rows_capacity(answers: Answers) -> Rows:
    return [("Someone acts for them", dict(YES_NO).get(_v(answers, "capacity", "acts_for"), ""))]


def rows_name(answers: Answers) -> Rows:
    return [("Name of the person acting", _v(answers, "representative", "name"))]


def rows_role(answers: Answers) -> Rows:
    from senmediation.rules.capacity import BASIS_LABELS, Basis

    basis = _v(answers, "representative-role", "basis")
    return [("Why they can act", BASIS_LABELS[Basis(basis)] if basis in Basis.__members__ else "")]


def rows_methods(answers: Answers) -> Rows:
    chosen = read.value(answers, "representative-contact-methods", "methods", [])
    labels = dict(CONTACT_CHOICES)
    text = "\n".join(labels.get(str(c), str(c)) for c in (chosen if isinstance(chosen, list) else []))
    return [("Ways to contact them", text)]


def rows_contact(answers: Answers) -> Rows:
    return [
        ("Their email address", _v(answers, "representative-contact", "email") or "Not given"),
        ("Their phone number", _v(answers, "representative-contact", "phone") or "Not given"),
        ("Their postal address", _v(answers, "representative-contact", "address") or "Not given"),
    ]
