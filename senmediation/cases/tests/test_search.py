"""Search by anyone in a case: the pure line and word rules, the services that keep the line exact, and the
case list finding exactly the right cases within what the user may see, with a fixed number of queries."""

from __future__ import annotations

import pytest

from senmediation.cases import selectors
from senmediation.cases.models import Case, Party
from senmediation.cases.search import Person, phone_normalised, search_text_for, search_words
from senmediation.cases.services.casework import party_add, party_update
from senmediation.cases.services.details import case_mediator_assign
from senmediation.cases.services.opening import PartyInput
from testsupport.queries import page_queries

from .factories import case_make


@pytest.mark.parametrize("written", ["07700 900123", "+447700900123", "+44 (0)7700 900123", "0044 7700 900123",
                                     "07700-900-123", "447700900123"])
def test_a_uk_phone_number_however_written_is_stored_one_way(written: str) -> None:
    assert phone_normalised(written) == "07700900123"


def test_the_search_line_has_reference_child_and_each_persons_name_email_and_phone() -> None:
    line = search_text_for(reference="MED-2026-00042", child_first_name="Amy", child_last_name=" Walkerton",
                           people=[Person(name="Sarah  Walkerton", email="Sarah.W@Example.com", phone="+44 7700 900123"),
                                   Person(name="Jo Bloggs", email="jo.bloggs@trafford.gov.uk")])
    assert line == ("med-2026-00042 | amy walkerton | sarah walkerton sarah.w@example.com 07700900123 "
                    "| jo bloggs jo.bloggs@trafford.gov.uk")


def test_search_words() -> None:
    assert search_words("  Sarah   WALKERTON sarah ") == ["sarah", "walkerton"]
    assert search_words("07700 900123") == ["07700900123"]
    assert search_words("+44 7700 900123") == ["07700900123"]
    assert search_words("Sarah +447700900123") == ["sarah", "07700900123"]
    assert search_words("Sarah.W@Example.com") == ["sarah.w@example.com"]
    assert search_words("7700 900123") == ["7700900123"]
    assert search_words("2026-00042") == ["2026-00042"]


def _parent(name: str, email: str, phone: str) -> list[PartyInput]:
    return [PartyInput(role=Party.Role.PARENT, name=name, email=email, phone=phone, is_main_contact=True)]


@pytest.fixture
def cases(coordinator) -> dict[str, Case]:  # type: ignore[no-untyped-def]
    walkerton = case_make(by=coordinator, child_first_name="Amy", child_last_name="Walkerton",
                          parties=_parent("Sarah Walkerton", "sarah.w@example.com", "07700 900123"))
    party_add(case=walkerton, by=coordinator, role=Party.Role.LA_OFFICER, name="Jo Bloggs",
              organisation="Trafford Council", email="jo.bloggs@trafford.gov.uk")
    patel = case_make(by=coordinator, parties=_parent("Ravi Patel", "ravi@example.com", "+44 7700 900456"))
    party_add(case=patel, by=coordinator, role=Party.Role.LA_OFFICER, name="Lee Officer",
              email="lee.officer@trafford.gov.uk")
    jones = case_make(by=coordinator, child_first_name="Tom", child_last_name="Jones",
                      parties=_parent("Sarah Jones", "sarah.jones@example.com", "07700 900789"))
    return {"walkerton": walkerton, "patel": patel, "jones": jones}


def _found(user: object, q: str) -> list[str]:
    qs = selectors.case_list_for(user=user, filters=selectors.CaseFilters(q=q))
    return [c.child_last_name for c in qs]


@pytest.mark.django_db
def test_anyone_in_a_case_finds_it_and_no_other(coordinator, cases) -> None:  # type: ignore[no-untyped-def]
    found = {q: _found(coordinator, q) for q in (
        "Sarah Walkerton", "walkerton sarah", "WALKERT", "sarah", "Sarah Jones",
        "+447700900123", "07700 900123", "7700900456", "07700 900456",
        "sarah.w@example.com", "SARAH.W@EXAMPLE", "ravi@example.com",
        "Jo Bloggs", "bloggs", "jo.bloggs@trafford.gov.uk", "Lee Officer",
        "med-2026-00002", "2026-00003", "sarah patel", "07700 900999",
        "sarah.w@elsewhere.org", "ravi@example.co", "ravi@",
    )}
    assert found == {
        "Sarah Walkerton": ["Walkerton"], "walkerton sarah": ["Walkerton"], "WALKERT": ["Walkerton"],
        "sarah": ["Jones", "Walkerton"], "Sarah Jones": ["Jones"],
        "+447700900123": ["Walkerton"], "07700 900123": ["Walkerton"], "7700900456": ["Patel"],
        "07700 900456": ["Patel"],
        "sarah.w@example.com": ["Walkerton"], "SARAH.W@EXAMPLE": ["Walkerton"], "ravi@example.com": ["Patel"],
        "Jo Bloggs": ["Walkerton"], "bloggs": ["Walkerton"], "jo.bloggs@trafford.gov.uk": ["Walkerton"],
        "Lee Officer": ["Patel"],
        "med-2026-00002": ["Patel"], "2026-00003": ["Jones"], "sarah patel": [], "07700 900999": [],
        # An address is looked up by the part up to its "@" and then checked whole.
        "sarah.w@elsewhere.org": [], "ravi@example.co": ["Patel"], "ravi@": ["Patel"],
    }


def test_only_an_addresss_own_part_is_looked_up_in_the_index() -> None:
    from senmediation.cases.search import word_looked_up

    assert [word_looked_up(w) for w in ("sarah.w@example.com", "jo@x.org", "walkerton", "@example.com")] == [
        "sarah.w@", "jo@x.org", "walkerton", "@example.com"]


@pytest.mark.django_db
def test_corrected_details_are_found_and_the_old_ones_are_not(coordinator, cases) -> None:  # type: ignore[no-untyped-def]
    parent = cases["patel"].parties.get(role=Party.Role.PARENT)
    party_update(party=parent, by=coordinator, name="Ravi Okafor", phone="07911 123456", email="ravi@example.com")
    assert _found(coordinator, "okafor") == ["Patel"]
    assert _found(coordinator, "+44 7911 123456") == ["Patel"]
    assert _found(coordinator, "ravi okafor") == ["Patel"]
    assert _found(coordinator, "07700900456") == []


@pytest.mark.django_db
def test_search_never_widens_what_a_mediator_may_see(coordinator, mediator, cases) -> None:  # type: ignore[no-untyped-def]
    case_mediator_assign(case=cases["patel"], mediator=mediator, by=coordinator)
    assert _found(mediator, "sarah") == []
    assert _found(mediator, "Sarah Walkerton") == []
    assert _found(mediator, "07700 900123") == []
    assert _found(mediator, "ravi patel") == ["Patel"]
    assert _found(mediator, "Lee Officer") == ["Patel"]


@pytest.mark.django_db
def test_the_case_list_searches_with_a_fixed_number_of_queries(coordinator_client, coordinator, mediator,
                                                               mediator_client, cases) -> None:  # type: ignore[no-untyped-def]
    case_mediator_assign(case=cases["walkerton"], mediator=mediator, by=coordinator)
    coordinator_client.get("/staff/cases/")  # the session's first request, and the filter options read once a minute
    mediator_client.get("/staff/cases/")
    counts = []
    for extra in range(2):
        for _ in range(extra * 10):
            case_make(by=coordinator, parties=_parent("Sarah Walkerton", "other@example.com", "07700 900111"))
        response, queries = page_queries(coordinator_client, "/staff/cases/?q=Sarah+Walkerton")
        assert response.status_code == 200
        counts.append(len(queries))
        response, queries = page_queries(mediator_client, "/staff/cases/?q=07700+900123")
        html = response.content.decode()
        assert response.status_code == 200 and "1 case matches" in html and cases["walkerton"].reference in html
        counts.append(len(queries))
    assert counts == [6, 6, 6, 6]
    html = coordinator_client.get("/staff/cases/?q=Sarah+Walkerton").content.decode()
    assert "11 cases match" in html


@pytest.mark.django_db
def test_a_search_too_short_to_look_up_is_refused_with_a_reason(coordinator_client, cases) -> None:  # type: ignore[no-untyped-def]
    response = coordinator_client.get("/staff/cases/?q=jo")
    assert response.status_code == 400
    assert "Enter at least 3 letters or numbers of a name, reference, phone number or e-mail address" in (
        response.content.decode())


@pytest.mark.django_db
def test_short_words_narrow_a_search_with_a_longer_word(coordinator, cases) -> None:  # type: ignore[no-untyped-def]
    assert _found(coordinator, "jo bloggs") == ["Walkerton"]
    assert _found(coordinator, "sarah wa") == ["Walkerton"]


@pytest.mark.django_db
def test_a_searchs_matches_are_paged_in_the_lists_order(coordinator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    made = [case_make(by=coordinator, today=dt.date(2026, 11, day), child_last_name=name,
                      parties=_parent("Ruth Marsh", f"r{day}@example.com", f"07700 9001{day}"))
            for day, name in ((20, "Avery"), (23, "Cole"), (21, "Banks"))]

    def page(sort: str, number: int) -> tuple[list[str], bool, int]:
        got = selectors.case_page_for(user=coordinator, number=number,
                                      filters=selectors.CaseFilters(q="ruth marsh", sort=sort))
        return [c.child_last_name for c in got.items], got.has_next, got.total

    assert [page("-opened", 1), page("-opened", 2)] == [(["Cole", "Banks"], True, 3), (["Avery"], False, 3)]
    assert [page("opened", 1), page("opened", 2)] == [(["Avery", "Banks"], True, 3), (["Cole"], False, 3)]
    assert page("reference", 1) == ([made[0].child_last_name, made[1].child_last_name], True, 3)
    assert page("-opened", 3) == ([], False, 3)
