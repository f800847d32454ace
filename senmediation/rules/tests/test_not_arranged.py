"""The LA that cannot arrange mediation in time (SEND Regs 2014 reg 39(2)-(3)), worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from senmediation.rules.deadlines import CLOCK_RULES, MEETING_NOTICE_CITATION, Clock
from senmediation.rules.eligibility import Route
from senmediation.rules.not_arranged import (
    LA_ASKED_ON_DAY,
    certificate_not_arranged_due,
    la_asked_on,
    la_must_tell_adviser,
)

D = date


def test_the_clocks_cite_the_regulations_read() -> None:
    assert CLOCK_RULES[Clock.certificate_not_arranged].citation == "SEND Regulations 2014 (SI 2014/1530) reg 39(2)-(3)"
    assert CLOCK_RULES[Clock.mediation_held].citation == "SEND Regulations 2014 (SI 2014/1530) regs 35(3)-(4), 36(2)"
    assert CLOCK_RULES[Clock.health_issues_to_icb].citation == "SEND Regulations 2014 (SI 2014/1530) reg 35(2)"
    assert CLOCK_RULES[Clock.certificate_after_mediation].citation == "SEND Regulations 2014 (SI 2014/1530) reg 39(1)"
    assert MEETING_NOTICE_CITATION == "SEND Regulations 2014 (SI 2014/1530) reg 37(2)"


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        # Fri 22 May 2026 -> Mon 25 spring bank holiday, Tue 26 (1), Wed 27 (2), Thu 28 May (3).
        (D(2026, 5, 22), D(2026, 5, 28)),
        # Wed 23 Dec 2026 -> Thu 24 (1), Fri 25 Christmas, Sat 26, Sun 27, Mon 28 Boxing Day (substitute),
        # Tue 29 (2), Wed 30 Dec (3).
        (D(2026, 12, 23), D(2026, 12, 30)),
        # Thu 26 Mar 2026 -> Fri 27 (1), weekend, Mon 30 (2), Tue 31 Mar (3): a month end, no holiday.
        (D(2026, 3, 26), D(2026, 3, 31)),
        # Told on a Saturday (by e-mail): Sat 29 Aug 2026 -> Mon 31 Aug summer bank holiday,
        # Tue 1 (1), Wed 2 (2), Thu 3 Sep (3).
        (D(2026, 8, 29), D(2026, 9, 3)),
    ],
)
def test_certificate_due_three_working_days_after_the_adviser_is_told(told: date, expected: date) -> None:
    assert certificate_not_arranged_due(told) == expected


def test_the_la_is_asked_on_day_20_of_the_30() -> None:
    assert LA_ASKED_ON_DAY == 20
    # LA told Mon 27 Apr 2026: the 30 days end Wed 27 May; asked on Sun 17 May (calendar days, like the 30).
    assert la_asked_on(D(2026, 4, 27)) == D(2026, 5, 17)
    # Across a month end and a leap day: 10 Feb 2028 + 20 = 1 Mar 2028.
    assert la_asked_on(D(2028, 2, 10)) == D(2028, 3, 1)


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        # The LA arranges (regs 35(4), 36(2)) and a certificate is needed before the appeal: reg 39 applies.
        (Route.statutory_mediation, True),
        # The ICB arranges health care alone (reg 35(3)): reg 39(2) names only regs 35(4) and 36(2).
        (Route.health_only, False),
        # No certificate is needed before these appeals (CFA 2014 s.55), so none is deemed.
        (Route.placement_only, False),
        (Route.social_care_only, False),
        (Route.health_and_social_care, False),
        (Route.disagreement_resolution, False),
        (Route.signpost_drs, False),
    ],
)
def test_which_routes_reg_39_covers(route: Route, expected: bool) -> None:
    assert la_must_tell_adviser(route) is expected
