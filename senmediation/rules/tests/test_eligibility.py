"""Routes, certificates and ages."""

from __future__ import annotations

from datetime import date

import pytest

from senmediation.rules.eligibility import (
    APPEALABLE,
    DECISION_LABELS,
    ROUTE_LABELS,
    ROUTE_RULES,
    Decision,
    Element,
    Route,
    age_on,
    certificate_needed,
    compulsory_school_age_ends,
    is_young_person,
    route_for,
    too_old_for_send,
)

D = date
E, H, S = Element.education, Element.health, Element.social_care


def test_labels_complete() -> None:
    assert set(DECISION_LABELS) == set(Decision)
    assert set(ROUTE_LABELS) == set(Route)
    assert Decision.legacy_statement not in APPEALABLE and Decision.school_action not in APPEALABLE
    assert len(APPEALABLE) == 8


@pytest.mark.parametrize(
    ("decisions", "elements", "needed", "route"),
    [
        ({Decision.refuse_assessment}, (), True, Route.statutory_mediation),
        ({Decision.cease_plan}, {H}, True, Route.statutory_mediation),  # whole-plan decision: still SEN
        ({Decision.plan_provision}, {E, H}, True, Route.statutory_mediation),
        ({Decision.plan_needs, Decision.plan_placement}, {E}, True, Route.statutory_mediation),
        # s.55: only the school named -> no certificate, mediation still offered.
        ({Decision.plan_placement}, (), False, Route.placement_only),
        ({Decision.plan_placement}, {E, S}, False, Route.placement_only),
        # Health / social care elements only -> no certificate; health alone goes to the ICB (s.53),
        # social care alone stays with the LA (s.54), both together: the LA arranges with the ICB.
        ({Decision.plan_provision}, {H}, False, Route.health_only),
        ({Decision.plan_provision}, {S}, False, Route.social_care_only),
        ({Decision.refuse_amend}, {H, S}, False, Route.health_and_social_care),
        (set(), {S}, False, Route.social_care_only),
        (set(), {H}, False, Route.health_only),
        # Outside the EHC scheme: signposted to the LA's own disagreement resolution service...
        ({Decision.legacy_statement}, (), False, Route.signpost_drs),
        ({Decision.school_action}, {E}, False, Route.signpost_drs),
        (set(), (), False, Route.signpost_drs),
        (set(), {E}, False, Route.signpost_drs),
    ],
)
def test_certificate_and_route(
    decisions: set[Decision], elements: set[Element] | tuple[()], needed: bool, route: Route
) -> None:
    assert certificate_needed(decisions=decisions, elements=elements) is needed
    assert route_for(decisions=decisions, elements=elements) is route


@pytest.mark.parametrize(
    ("decisions", "elements"),
    [({Decision.legacy_statement}, ()), ({Decision.school_action}, {E}), (set(), ()), (set(), {E})],
)
def test_an_la_that_commissions_our_drs_gets_a_drs_case_not_a_signpost(
    decisions: set[Decision], elements: set[Element] | tuple[()]
) -> None:
    assert route_for(decisions=decisions, elements=elements, drs_commissioned=True) is Route.disagreement_resolution
    # The EHC routes are the same either way.
    assert route_for(decisions={Decision.plan_provision}, elements={H}, drs_commissioned=True) is Route.health_only


@pytest.mark.parametrize(
    ("route", "certificate", "adviser", "appeal", "icb"),
    [
        (Route.statutory_mediation, True, True, True, False),
        (Route.placement_only, False, False, True, False),
        (Route.health_only, False, False, False, True),
        (Route.social_care_only, False, False, False, False),
        (Route.health_and_social_care, False, False, False, False),
        (Route.disagreement_resolution, False, False, False, False),
    ],
)
def test_what_each_route_means(route: Route, certificate: bool, adviser: bool, appeal: bool, icb: bool) -> None:
    rule = ROUTE_RULES[route]
    assert (rule.certificate_owed, rule.adviser_clock, rule.appeal_deadline_runs, rule.icb_arranges) == (
        certificate, adviser, appeal, icb
    )


def test_ages() -> None:
    assert age_on(born=D(2010, 5, 20), day=D(2026, 5, 19)) == 15
    assert age_on(born=D(2010, 5, 20), day=D(2026, 5, 20)) == 16
    # Born on a leap day: a year older on 1 March in other years.
    assert age_on(born=D(2008, 2, 29), day=D(2025, 2, 28)) == 16
    assert age_on(born=D(2008, 2, 29), day=D(2025, 3, 1)) == 17
    assert age_on(born=D(2008, 2, 29), day=D(2024, 2, 29)) == 16
    with pytest.raises(ValueError, match="before the date of birth"):
        age_on(born=D(2010, 5, 20), day=D(2010, 5, 19))


@pytest.mark.parametrize(
    ("born", "leaves"),
    [
        # 16 on 15 Oct 2025 -> school year 2025/26 -> last Friday of June 2026 (30 Jun is a Tuesday): 26 Jun.
        (D(2009, 10, 15), D(2026, 6, 26)),
        # 16 on 1 Sep 2025 (first day of a school year) -> 26 Jun 2026.
        (D(2009, 9, 1), D(2026, 6, 26)),
        # 16 on 31 Aug 2026 and on 10 Jul 2026 (after that June's leaving date) -> 26 Jun 2026.
        (D(2010, 8, 31), D(2026, 6, 26)),
        (D(2010, 7, 10), D(2026, 6, 26)),
        # Leap-day birth, 16 on 29 Feb 2024 -> 30 Jun 2024 is a Sunday -> Fri 28 Jun 2024.
        (D(2008, 2, 29), D(2024, 6, 28)),
        # 16 on 29 Feb 2028 -> 30 Jun 2028 is itself a Friday.
        (D(2012, 2, 29), D(2028, 6, 30)),
    ],
)
def test_school_leaving_date(born: date, leaves: date) -> None:
    assert compulsory_school_age_ends(born) == leaves


def test_young_person_boundaries() -> None:
    born = D(2009, 10, 15)  # leaves school on Fri 26 Jun 2026
    assert not is_young_person(born=born, day=D(2026, 6, 26))
    assert is_young_person(born=born, day=D(2026, 6, 27))
    # Over compulsory school age before turning 16 (birthday in July, after the leaving date).
    assert is_young_person(born=D(2010, 7, 10), day=D(2026, 6, 27))
    # Under 25 (CFA 2014 s.83(2)): the day before the 25th birthday is in, the birthday itself is out.
    assert is_young_person(born=D(2001, 3, 1), day=D(2026, 2, 28))
    assert not is_young_person(born=D(2001, 3, 1), day=D(2026, 3, 1))
    assert not is_young_person(born=D(2000, 3, 1), day=D(2026, 2, 28))
    assert not is_young_person(born=D(2015, 1, 1), day=D(2026, 1, 1))


def test_too_old_from_the_25th_birthday() -> None:
    # CFA 2014 s.83(2): a young person is "under 25". Born 23 Nov 2001: 25 on Monday 23 Nov 2026.
    assert too_old_for_send(born=D(2001, 11, 23), day=D(2026, 11, 22)) is False
    assert too_old_for_send(born=D(2001, 11, 23), day=D(2026, 11, 23)) is True
    # Born 29 Feb 2004: 25 on 1 Mar 2029 (age_on's convention), so still under 25 on 28 Feb 2029.
    assert too_old_for_send(born=D(2004, 2, 29), day=D(2029, 2, 28)) is False
    assert too_old_for_send(born=D(2004, 2, 29), day=D(2029, 3, 1)) is True
