"""Password rules after NCSC guidance: long passwords, no known-breached or guessable ones, no
forced complexity. Django's length and common-password validators do the rest."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

BREACHED_LIST = Path(__file__).resolve().parent / "data" / "breached-passwords.txt"
SERVICE_WORDS = ("mediation", "senmediation", "kids", "trafford", "send", "password", "welcome", "letmein")
KEYBOARD_RUNS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=1)
def breached_passwords() -> frozenset[str]:
    lines = BREACHED_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _squashed(password: str) -> str:
    """Lower case, common letter-for-digit swaps undone, and digits/symbols at the ends dropped."""
    swapped = password.lower().translate(str.maketrans("@4310$5!7", "aaeiossit"))
    return re.sub(r"^[^a-z]+|[^a-z]+$", "", swapped)


def _mostly_one_run(password: str) -> bool:
    lowered = password.lower()
    for run in KEYBOARD_RUNS:
        for size in range(len(run), 5, -1):
            for start in range(len(run) - size + 1):
                if run[start:start + size] in lowered and size * 2 >= len(lowered):
                    return True
    return len(set(lowered)) <= 3


class BreachedPasswordValidator:
    """Refuses passwords found in breaches, built from the username or the service's name, or made
    of a keyboard run or one repeated character."""

    def validate(self, password: str, user: Any = None) -> None:
        lowered = password.lower()
        squashed = _squashed(password)
        words = breached_passwords()
        if lowered in words or squashed in words or re.sub(r"\s+", "", lowered) in words:
            raise ValidationError(
                "This password has appeared in data breaches, so others may guess it. Choose a different one.",
                code="password_breached",
            )
        username = (getattr(user, "username", "") or "").lower()
        if len(username) >= 3 and username in lowered:
            raise ValidationError("Your password must not contain your username.", code="password_has_username")
        if any(word in squashed and len(squashed) < len(word) + 6 for word in SERVICE_WORDS):
            raise ValidationError(
                "Your password is too close to the name of this service or a common word. Use three or more "
                "random words instead.", code="password_service_word",
            )
        if _mostly_one_run(password):
            raise ValidationError(
                "Your password is a keyboard pattern or repeats the same characters. Choose something harder to guess.",
                code="password_pattern",
            )

    def get_help_text(self) -> str:
        return "Your password must not be a known breached password, your username, or a keyboard pattern."
