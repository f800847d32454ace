from __future__ import annotations

from decimal import Decimal

import pytest

from senmediation.rules.expenses import (
    CARE_PENCE_PER_HOUR,
    LOST_EARNINGS_CAP_PENCE,
    MILEAGE_PENCE_PER_MILE,
    OVERNIGHT_CAP_PENCE,
    ClaimAnswers,
    LineKind,
    OvernightPlace,
    claim_assess,
    claimant_allowed,
    pounds,
)


def test_the_rates_are_those_of_reg_41() -> None:
    assert (MILEAGE_PENCE_PER_MILE, LOST_EARNINGS_CAP_PENCE, CARE_PENCE_PER_HOUR) == (25, 4500, 535)
    assert dict(OVERNIGHT_CAP_PENCE) == {"inner_london": 8100, "elsewhere": 7100, "family_or_friends": 2100}


def test_the_worked_example_at_the_caps() -> None:
    """Fares £12.40, a taxi £18.00, 30 miles, £80.00 of lost earnings, 6 hours' care for 2 children and one
    night in a hotel outside inner London that cost £95.00."""
    result = claim_assess(ClaimAnswers(
        public_transport_pence=1240, taxi_pence=1800, miles=30, lost_earnings_pence=8000,
        care_hours=Decimal(6), care_people=2, overnight_nights=1, overnight_place=OvernightPlace.elsewhere,
        overnight_pence=9500))
    assert [(line.kind, line.claimed_pence, line.payable_pence) for line in result.lines] == [
        (LineKind.public_transport, 1240, 1240), (LineKind.taxi, 1800, 1800), (LineKind.mileage, 750, 750),
        (LineKind.lost_earnings, 8000, 4500), (LineKind.care, 6420, 6420), (LineKind.overnight, 9500, 7100)]
    assert (result.claimed_pence, result.payable_pence) == (27710, 21810)
    explained = {line.kind: line.explanation for line in result.lines}
    assert explained[LineKind.lost_earnings] == ("The most we can pay for lost earnings is £45.00, so we pay £45.00 "
                                                 "of the £80.00 you lost.")
    assert explained[LineKind.care] == "6 hours for 2 children or young people, at £5.35 an hour for each."
    assert explained[LineKind.mileage] == "30 miles at £0.25 a mile."
    assert explained[LineKind.overnight] == ("For a stay in a hotel or other paid place outside inner London the most "
                                             "we can pay is £71.00 a night: 1 night, £71.00. We pay £71.00 of the "
                                             "£95.00 you paid.")
    assert all(line.citation == "SEND Regulations 2014 reg 41(1)" for line in result.lines)


def test_amounts_within_the_caps_are_paid_as_claimed() -> None:
    result = claim_assess(ClaimAnswers(lost_earnings_pence=4500, overnight_nights=2,
                                       overnight_place=OvernightPlace.family_or_friends, overnight_pence=3000))
    assert [(line.payable_pence, line.capped) for line in result.lines] == [(4500, False), (3000, False)]
    assert result.lines[0].explanation == "Paid as claimed: it is within the £45.00 most we can pay."


def test_half_hours_of_care_round_a_half_penny_up() -> None:
    result = claim_assess(ClaimAnswers(care_hours=Decimal("2.5"), care_people=1))
    assert result.payable_pence == 1338  # 2.5 x 535 = 1337.5
    assert result.lines[0].explanation == "2.5 hours for 1 child or young person, at £5.35 an hour for each."


def test_nothing_claimed_is_nothing_payable() -> None:
    assert claim_assess(ClaimAnswers()).lines == ()


@pytest.mark.parametrize(("fields", "message"), [
    ({"taxi_pence": -1}, "taxi_pence cannot be negative"),
    ({"care_hours": Decimal("1.25")}, "care_hours must be whole or half hours"),
    ({"overnight_nights": 1}, "Say where the overnight stay was"),
])
def test_impossible_answers_are_refused(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClaimAnswers(**fields)  # type: ignore[arg-type]


def test_only_the_parent_or_young_person_claims_and_pounds_are_written_out() -> None:
    assert [claimant_allowed(role) for role in ("parent", "young_person", "la_officer", "supporter")] == [
        True, True, False, False]
    assert (pounds(123450), pounds(5), pounds(0)) == ("£1,234.50", "£0.05", "£0.00")
