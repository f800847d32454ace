"""The API's text and date formats, each written once as a JSON-schema pattern that the server checks too.

A referral the published schema allows must pass the referral journey's own forms, and one it refuses
must be refused: so each format here is at most as wide as what the journey's fields accept (phone
numbers, e-mail addresses, names that are not blank, dates the journey's rules allow today), and the
request body is checked against exactly these patterns before the journey sees it.

Patterns are ECMA-262 as JSON Schema reads them, and Python's `re.fullmatch` reads them the same way:
no `\\d`, `\\s` or `\\w` (whose meaning differs), only spelled-out character classes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from senmediation.rules.calendar import add_months
from senmediation.rules.eligibility import is_young_person, too_old_for_send

# Characters no answer needs: C0 and C1 controls other than tab, new line and carriage return, the
# byte-order mark. The web journey drops some of them quietly; the API refuses them.
_BARRED = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufeff"


def _whitespace_class() -> str:
    """Every character the journey's fields strip from an answer (Python's str.strip), that the API allows."""
    barred = re.compile(f"[{_BARRED}]")
    found = [chr(code) for code in range(0x3001)
             if chr(code).isspace() and not barred.match(chr(code))]
    return "".join(f"\\u{ord(char):04x}" for char in found)


_SPACE = _whitespace_class()
TEXT = f"^[^{_BARRED}]*$"
# Not blank: at least one character that is not white space.
NOT_BLANK = f"^[^{_BARRED}]*[^{_BARRED}{_SPACE}][^{_BARRED}]*$"

# UK numbers as the journey's phone field accepts them (referrals/forms/fields.py uk_phone_digits), in
# one plain spelling: 0 or +44, then 10 or 11 digits in all (mobiles, 02 and 03 numbers 11), single spaces
# allowed between digits.
_NATIONAL = "(?:[237](?: ?[0-9]){9}|[145689](?: ?[0-9]){8,9})"
PHONE = f"^(?:0|\\+44 ?){_NATIONAL}$"
MOBILE = "^(?:0|\\+44 ?)7(?: ?[0-9]){9}$"
PHONE_OR_EMPTY = f"^(?:|(?:0|\\+44 ?){_NATIONAL})$"
# An e-mail address in a plain form that Django's EmailValidator always accepts.
_LOCAL = "[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*"
_DOMAIN = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}"
EMAIL_OR_EMPTY = f"^(?:|{_LOCAL}@{_DOMAIN})$"
# A local authority's GSS code (England E06-E10, Wales W06 and so on): a letter and eight digits.
GSS_CODE = "^[EWSN][0-9]{8}$"
IDEMPOTENCY_KEY = "^[!-~]{8,200}$"


def matches(pattern: str, value: str) -> bool:
    return re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value) is not None


# --- Dates the journey allows today, as ranges and as patterns ----------------------------------------

def _first_true(first: dt.date, last: dt.date, test: Callable[[dt.date], bool]) -> dt.date:
    """The first day from `first` to `last` on which `test` holds, where it holds from some day on."""
    low, high = first.toordinal(), last.toordinal()
    while low < high:
        middle = (low + high) // 2
        if test(dt.date.fromordinal(middle)):
            high = middle
        else:
            low = middle + 1
    return dt.date.fromordinal(low)


def recent_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """A date on a decision letter, or when permission was given: within the last 2 years, not in the future
    (the journey's DecisionDateForm and ConsentForm)."""
    return add_months(today, -24), today


def child_birth_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """Born on one of these days: under 25 today (CFA 2014 s.83(2)) and not in the future (ChildForm)."""
    first = _first_true(today.replace(year=today.year - 27, day=1), today,
                        lambda born: not too_old_for_send(born=born, day=today))
    return first, today


def young_person_birth_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """Born on one of these days: a young person today, over compulsory school age and under 25 (ChildForm
    for someone acting for themselves)."""
    first, _ = child_birth_range(today)
    after = _first_true(first, today, lambda born: not is_young_person(born=born, day=today))
    return first, after - dt.timedelta(days=1)


def _two_digits(numbers: range) -> str:
    return "(?:" + "|".join(f"{number:02d}" for number in numbers) + ")"


def _days_in(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _whole_year(leap: bool) -> str:
    return ("(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
            f"|02-(?:0[1-9]|1[0-9]|2[0-{'9' if leap else '8'}]))")


def _part_of_year(year: int, first: dt.date, last: dt.date) -> str:
    months = []
    for month in range(1, 13):
        start = max(first, dt.date(year, month, 1))
        end = min(last, dt.date(year, month, _days_in(year, month)))
        if start <= end:
            months.append(f"{month:02d}-{_two_digits(range(start.day, end.day + 1))}")
    return "(?:" + "|".join(months) + ")"


def date_pattern(first: dt.date, last: dt.date) -> str:
    """A pattern matching exactly the ISO dates (YYYY-MM-DD) from `first` to `last`."""
    whole = {True: [], False: []}  # type: dict[bool, list[int]]
    parts = []
    for year in range(first.year, last.year + 1):
        if dt.date(year, 1, 1) >= first and dt.date(year, 12, 31) <= last:
            whole[year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)].append(year)
        else:
            parts.append(f"{year}-{_part_of_year(year, first, last)}")
    for leap, years in whole.items():
        if years:
            parts.append("(?:" + "|".join(str(year) for year in years) + f")-{_whole_year(leap)}")
    return "^(?:" + "|".join(parts) + ")$"


def date_in(value: str, first: dt.date, last: dt.date) -> bool:
    """Whether `value` is an ISO date (YYYY-MM-DD, nothing else) from `first` to `last`."""
    if not re.fullmatch("[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return first <= day <= last
