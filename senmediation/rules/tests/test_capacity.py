from senmediation.rules.capacity import (
    BASIS_CITATIONS,
    BASIS_LABELS,
    Basis,
    bases_for,
    basis_allowed,
    representative_receives,
)


def test_only_a_deputy_or_attorney_acts_for_a_parent():
    # Reg 63 reads "parent" as "a representative of the parent"; CFA s.80(6) lists who that is.
    assert bases_for(young_person=False) == (Basis.deputy, Basis.lasting_power, Basis.enduring_power)
    assert not basis_allowed("parent", young_person=False)


def test_a_young_persons_alternative_person_follows_reg_64_2():
    assert bases_for(young_person=True) == (Basis.deputy, Basis.lasting_power, Basis.enduring_power,
                                            Basis.parent, Basis.parent_representative)
    assert basis_allowed("parent", young_person=True)
    assert not basis_allowed("friend", young_person=True)


def test_every_basis_has_a_label_and_a_citation():
    assert set(BASIS_LABELS) == set(BASIS_CITATIONS) == set(Basis)
    assert BASIS_CITATIONS[Basis.parent] == "SEND Regulations 2014 reg 64(2)(b)"
    assert BASIS_CITATIONS[Basis.deputy] == "Children and Families Act 2014 s.80(6)(a)"


def test_the_representative_receives_everything_but_the_young_persons_views_link():
    assert representative_receives(link_purpose="availability", acting_for_young_person=True) is True
    assert representative_receives(link_purpose="", acting_for_young_person=True) is True
    assert representative_receives(link_purpose="child_views", acting_for_young_person=True) is False
    # A parent's representative gathers the child's views in the parent's place (reg 38(2) with reg 63).
    assert representative_receives(link_purpose="child_views", acting_for_young_person=False) is True
