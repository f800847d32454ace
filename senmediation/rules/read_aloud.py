"""How to read a short code to someone over the phone so that they type in what was said.

A party's code (portal/services/tokens.py) is 10 characters from an alphabet without look-alikes (no 0/O,
1/I), written "ABCDE-FGHJK". Look-alikes are a problem on paper; on the phone the problem is sound-alikes,
and letter names rhyme in groups: B C D E G P T V Z (and 3), A H J K (and 8), F L M N S X, Q U W (and 2).
Of the code's letters only R and Y rhyme with nothing, so every letter is read with its word from the
ICAO spelling alphabet (ICAO Annex 10, Volume II, 5.2.1.3: "B for Bravo"), which is the same rule for
every letter and easier to follow than a list of exceptions. The words are spelled as English readers
expect ("Alpha", "Juliet"; ICAO writes "Alfa", "Juliett" for speakers of other languages). A digit is read
as "the number 8", so that it is not heard as the letter it rhymes with (A).

The code is read in two groups of five, as it is printed: "A B C D E, then F G H J K".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

GROUP_SIZE = 5
DIGITS = "0123456789"

SPELLING_ALPHABET: Mapping[str, str] = MappingProxyType({
    "A": "Alpha", "B": "Bravo", "C": "Charlie", "D": "Delta", "E": "Echo", "F": "Foxtrot", "G": "Golf",
    "H": "Hotel", "I": "India", "J": "Juliet", "K": "Kilo", "L": "Lima", "M": "Mike", "N": "November",
    "O": "Oscar", "P": "Papa", "Q": "Quebec", "R": "Romeo", "S": "Sierra", "T": "Tango", "U": "Uniform",
    "V": "Victor", "W": "Whiskey", "X": "X-ray", "Y": "Yankee", "Z": "Zulu",
})


def _characters(code: str) -> str:
    """The code's letters and digits in capitals, without the dash or spaces; ValueError for anything else."""
    characters = "".join(code.replace("-", " ").split()).upper()
    for character in characters:
        if character not in SPELLING_ALPHABET and character not in DIGITS:
            raise ValueError(f"A code has only letters and digits, not {character!r}")
    if not characters:
        raise ValueError("There is no code to read")
    return characters


def code_groups(code: str) -> tuple[str, ...]:
    """The code in groups of five, as printed: "ABCDE-FGHJK" gives ("ABCDE", "FGHJK")."""
    characters = _characters(code)
    return tuple(characters[start:start + GROUP_SIZE] for start in range(0, len(characters), GROUP_SIZE))


def character_said(character: str) -> str:
    """How to say one character so it is not misheard: "B for Bravo", "the number 8"."""
    single = _characters(character)
    if len(single) != 1:
        raise ValueError(f"One character at a time, not {character!r}")
    if single in DIGITS:
        return f"the number {single}"
    return f"{single} for {SPELLING_ALPHABET[single]}"


def code_spelled(code: str) -> str:
    """The code spelled out in its groups, for reading: "A B C D E, then F G H J K"."""
    return ", then ".join(" ".join(group) for group in code_groups(code))


def code_said(code: str) -> tuple[tuple[str, ...], ...]:
    """Each group's characters as they are said: (("A for Alpha", ...), ("F for Foxtrot", ...))."""
    return tuple(tuple(character_said(character) for character in group) for group in code_groups(code))
