from __future__ import annotations

import pytest

from senmediation.rules.read_aloud import (
    SPELLING_ALPHABET,
    character_said,
    code_groups,
    code_said,
    code_spelled,
)

# The party code's own alphabet (portal/services/tokens.py CODE_ALPHABET), written out here because rules
# import no app.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def test_a_code_is_read_in_its_two_printed_groups() -> None:
    assert code_groups("ABCDE-FGHJK") == ("ABCDE", "FGHJK")
    assert code_groups("abcde fghjk") == ("ABCDE", "FGHJK")
    assert code_spelled("ABCDE-FGHJK") == "A B C D E, then F G H J K"


@pytest.mark.parametrize(("character", "said"), [
    ("B", "B for Bravo"), ("D", "D for Delta"), ("P", "P for Papa"), ("T", "T for Tango"), ("V", "V for Victor"),
    ("M", "M for Mike"), ("N", "N for November"), ("F", "F for Foxtrot"), ("S", "S for Sierra"),
    ("j", "J for Juliet"), ("X", "X for X-ray"),
])
def test_letters_that_sound_alike_are_each_given_their_word(character: str, said: str) -> None:
    assert character_said(character) == said


def test_a_digit_is_said_as_a_number_so_8_is_not_heard_as_a() -> None:
    assert character_said("8") == "the number 8"
    assert character_said("A") == "A for Alpha"


def test_every_character_a_code_can_hold_has_a_way_to_be_said() -> None:
    said = [character_said(character) for character in CODE_ALPHABET]
    assert len(set(said)) == len(CODE_ALPHABET)
    assert set(SPELLING_ALPHABET) == set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def test_each_group_is_said_character_by_character() -> None:
    assert code_said("BDP27-MNFSV") == (
        ("B for Bravo", "D for Delta", "P for Papa", "the number 2", "the number 7"),
        ("M for Mike", "N for November", "F for Foxtrot", "S for Sierra", "V for Victor"),
    )


@pytest.mark.parametrize(("code", "problem"), [
    ("", "There is no code to read"),
    ("AB!DE", "A code has only letters and digits, not '!'"),
    ("ÄBCDE", "A code has only letters and digits, not 'Ä'"),
    ("AB\u0663DE", "A code has only letters and digits, not '\u0663'"),
])
def test_anything_but_letters_and_digits_is_refused(code: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        code_groups(code)


def test_one_character_at_a_time() -> None:
    with pytest.raises(ValueError, match="One character at a time, not 'AB'"):
        character_said("AB")
