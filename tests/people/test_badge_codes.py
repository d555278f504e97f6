"""Reading a badge code as a desk volunteer types it or a scanner sends it."""

from __future__ import annotations

import pytest

from keruen.people.badge_codes import ALPHABET, normalise_badge_code, read_badge_code


@pytest.mark.parametrize(
    "typed",
    [
        "ＡＺＰ９－Ｊ６１Ｄ",  # full-width, from a CJK input method
        "AZP9\u00a0J61D",  # a no-break space pasted from a document
        "AZP9\u2013J61D",  # an en dash, as word processors turn "-" into
        "AZP9\u2010J61D",  # the Unicode hyphen
        "AZP9-J61D\r\n",  # a scanner's line end
        "azp9 j61d\t",
        "AZP9-J6LD",  # L looks like 1
    ],
)
def test_a_code_is_read_whatever_the_keyboard_made_of_it(typed: str) -> None:
    assert normalise_badge_code(typed) == "AZP9J61D"


def test_cyrillic_letters_that_look_latin_are_read_as_those_letters() -> None:
    # Typed on a Russian or Kazakh keyboard: А В С Е Н К М Р Т Х are the Latin capitals'
    # twins, lower case too; О is read as the digit 0 (the alphabet has no O).
    assert normalise_badge_code("АВСЕ-НКМР") == "ABCEHKMP"
    assert normalise_badge_code("тхо0-авсе") == "TX00ABCE"
    assert "O" not in ALPHABET


def test_only_characters_of_the_alphabet_are_kept() -> None:
    # NUL and other control characters would make PostgreSQL refuse the query.
    assert normalise_badge_code("AB\x00CD\x1b") == "ABCD"
    assert normalise_badge_code("-") == ""
    assert normalise_badge_code(" ") == ""
    assert set(normalise_badge_code("".join(map(chr, range(0x3000))))) <= set(ALPHABET)


@pytest.mark.parametrize(
    "scanned",
    [
        "https://expo.example.org/astana-2027/b/K7Q2M9XD/",
        "https://expo.example.org/astana-2027/b/K7Q2M9XD",
        "http://expo.example.org:8000/astana-2027/b/k7q2-m9xd/?utm=x#top",
        "https://expo.example.org/keruen/astana-2027/b/K7Q2M9XD/\r\n",  # under a path prefix
        "expo.example.org/astana-2027/b/K7Q2M9XD/",  # a scanner that drops the scheme
        "/astana-2027/b/K7Q2%2DM9XD/",
        "HTTPS://EXPO.EXAMPLE.ORG/ASTANA-2027/B/K7Q2M9XD/",  # a scanner in caps lock
    ],
)
def test_a_scanned_address_gives_its_code_and_event(scanned: str) -> None:
    read = read_badge_code(scanned)
    assert read.code == "K7Q2M9XD"
    assert read.event_slug.lower() == "astana-2027"


def test_a_bare_code_names_no_event_and_other_addresses_hold_no_code() -> None:
    assert read_badge_code(" k7q2-m9xd ").code == "K7Q2M9XD"
    assert read_badge_code("k7q2-m9xd").event_slug == ""
    assert read_badge_code("https://example.org/astana-2027/me/badge/").code == ""
    assert read_badge_code("https://example.org/b/K7Q2M9XD/").code == ""  # no event in it
