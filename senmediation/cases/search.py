"""Finding a case by anyone in it: the text a case is found by, and how a search box's words are read.

Each case keeps one lower-case line (`Case.search_text`) with its reference, the child's name and every
party's name, e-mail address and phone number (digits only, a UK number in its national form, so
"+44 7700 900123" and "07700 900123" are both stored as "07700900123"). A search matches a case when each
of its words is somewhere in that line (every word, in any order, and part of a word is enough), which on
PostgreSQL a trigram index answers (`cases/0008`); SQLite reads the table with LIKE.

Pure functions: the services that change names or contacts call `search_text_for` and store the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_WORD = 3  # a trigram index can only look up words of three characters or more
# A phone number as people write one: from + or 0, or in groups ("7700 900123"); not "2026-00042".
_PHONE_QUERY = re.compile(r"^(?:[+0(][\d\s().-]*|[\d().-]+\s[\d\s().-]+)$")
_NOT_DIGIT = re.compile(r"\D")


@dataclass(frozen=True)
class Person:
    """What a case is found by for one party."""

    name: str = ""
    email: str = ""
    phone: str = ""


def phone_normalised(phone: str) -> str:
    """Digits only, with a UK international prefix (+44, 0044, 44 before 10 digits) turned into the 0 it
    stands for: "+44 (0)7700 900123", "+447700900123" and "07700 900123" all give "07700900123"."""
    digits = _NOT_DIGIT.sub("", phone)
    for prefix in ("0044", "44"):
        if digits.startswith(prefix) and len(digits) >= len(prefix) + 9:
            rest = digits[len(prefix):]
            return rest if rest.startswith("0") else "0" + rest
    return digits


def search_text_for(*, reference: str, child_first_name: str, child_last_name: str,
                    people: Iterable[Person]) -> str:
    """The line a case is found by: reference, child's name, and each person's name, e-mail and phone."""
    parts = [reference, f"{child_first_name} {child_last_name}"]
    for person in people:
        parts.append(" ".join(p for p in (person.name, person.email, phone_normalised(person.phone)) if p))
    return " | ".join(" ".join(p.split()) for p in parts if p.strip()).lower()


def search_words(query: str) -> list[str]:
    """The words a case must contain. A query that is a phone number however written is one word, in the
    stored form; any other word that looks like an international number is normalised the same way."""
    query = " ".join(query.split())
    if _PHONE_QUERY.match(query) and len(_NOT_DIGIT.sub("", query)) >= 6:
        return [phone_normalised(query)]
    words = []
    for word in query.lower().split(" "):
        if word.startswith("+") and _NOT_DIGIT.sub("", word).isdigit():
            word = phone_normalised(word)
        if word and word not in words:
            words.append(word)
    return words


def word_looked_up(word: str) -> str:
    """The part of a word the trigram index is asked for. An e-mail address's domain ("@example.com") is shared
    by a great many cases, and asking the index for its trigrams reads their long lists for nothing (104 ms at
    1,000,000 demo cases), so only the part up to and including the "@" is looked up; the whole address is then
    checked on the few cases found (cases.selectors)."""
    local, at, _domain = word.partition("@")
    return local + at if at and len(local) >= MIN_WORD else word


def search_usable(words: list[str]) -> bool:
    """At least one word long enough to look up; shorter words then narrow what it finds."""
    return any(len(word) >= MIN_WORD for word in words)
