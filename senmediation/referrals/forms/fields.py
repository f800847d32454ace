"""The referral journey's fields: text answers with GOV.UK-style error messages, radios and checkboxes
that say what to select, and UK phone numbers and e-mail addresses checked with a message on how to
put them right. The API refuses control characters by its own published pattern (api/formats.py TEXT)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

# --- Fields ----------------------------------------------------------------------------------------

# Invisible characters no answer needs (tab, new line and carriage return are kept). The web journey drops
# them quietly; the API refuses them (api/formats.py), as a client sending them has a bug to know about.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class TextField(forms.CharField):
    """A text answer with GOV.UK-style messages. Invisible control characters are dropped quietly."""

    def __init__(self, *, what: str, max_length: int, required: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false"}))
        super().__init__(
            max_length=max_length, required=required,
            error_messages={
                "required": f"Enter {what}",
                "max_length": f"{_cap(what)} must be {max_length} characters or fewer",
            },
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return CONTROL_CHARACTERS.sub("", text).strip()


def radios(choices: list[tuple[str, str]], *, select: str, **kwargs: Any) -> forms.ChoiceField:
    message = f"Select {select}"
    return forms.ChoiceField(
        choices=choices, widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message}, **kwargs,
    )


def checkboxes(choices: list[tuple[str, str]], *, select: str, required: bool = True, **kwargs: Any) -> forms.Field:
    message = f"Select {select}"
    return forms.MultipleChoiceField(
        choices=choices, widget=forms.CheckboxSelectMultiple, required=required,
        error_messages={"required": message, "invalid_choice": message, "invalid_list": message}, **kwargs,
    )


def textarea(*, what: str, max_length: int, label: str, **kwargs: Any) -> TextField:
    return TextField(what=what, max_length=max_length, required=False, label=label,
                     widget=forms.Textarea(attrs={"rows": 5}), **kwargs)


# --- Phone numbers and e-mail addresses ------------------------------------------------------------

PHONE_EXAMPLE = "for example 07700 900123 or 0161 123 4567"
_PHONE_CHARACTERS = re.compile(r"\+?[0-9 ()\-.]+", flags=re.ASCII)


def uk_phone_digits(value: str) -> str:
    """The number as UK national digits ('07700900123'), or ValidationError with how to fix it.

    Accepts spaces, brackets, dashes and dots, a leading +44 or 0044, and '+44 (0)...'. UK numbers
    have 10 or 11 digits starting with 0.
    """
    text = value.strip()
    if not _PHONE_CHARACTERS.fullmatch(text):
        raise ValidationError(
            f"Enter a phone number using only numbers, spaces and +, {PHONE_EXAMPLE}", code="phone_characters"
        )
    digits = re.sub(r"\D", "", text)
    if text.startswith("+") or digits.startswith("00"):
        international = digits[2:] if digits.startswith("00") else digits
        if not international.startswith("44"):
            raise ValidationError(f"Enter a UK phone number, starting with 0 or +44, {PHONE_EXAMPLE}",
                                  code="phone_not_uk")
        national = international[2:]
        digits = national if national.startswith("0") else f"0{national}"
    # Mobile (07), London and other 02 numbers, and 03 numbers always have 11 digits.
    wanted = "11" if digits[:2] in ("07", "02", "03") else "10 or 11"
    shortest = 11 if wanted == "11" else 10
    if len(digits) < shortest:
        raise ValidationError(f"The phone number is too short: it should have {wanted} digits, {PHONE_EXAMPLE}",
                              code="phone_short")
    if len(digits) > 11:
        raise ValidationError(f"The phone number is too long: it should have {wanted} digits, {PHONE_EXAMPLE}",
                              code="phone_long")
    if not digits.startswith("0") or digits.startswith("00"):
        raise ValidationError(f"Enter a UK phone number starting with 0 or +44, {PHONE_EXAMPLE}", code="phone_not_uk")
    return digits


def is_mobile(digits: str) -> bool:
    return digits.startswith("07")


class PhoneField(TextField):
    def __init__(self, *, what: str = "a phone number", **kwargs: Any) -> None:
        widget = forms.TextInput(attrs={"autocomplete": "tel", "data-govuk-class": "govuk-input--width-20"})
        widget.input_type = "tel"
        super().__init__(what=what, max_length=40, widget=widget, **kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if text:
            uk_phone_digits(text)
        return re.sub(r"\s+", " ", text)


class EmailField(forms.EmailField):
    def __init__(self, *, what: str = "an email address", **kwargs: Any) -> None:
        super().__init__(
            max_length=254,
            error_messages={
                "required": f"Enter {what}",
                "invalid": "Enter an email address with an @ and the rest of the address after it, "
                           "for example name@example.com",
                "max_length": "The email address must be 254 characters or fewer",
            },
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        return CONTROL_CHARACTERS.sub("", super().to_python(value) or "")
