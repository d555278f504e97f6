"""A country written otherwise than by its two-letter code: an alpha-3 code is taken for it; a
name (the pages', ISO's, an official one) or a numeric code is refused with the code to write,
also in a list where a comma splits the name (tests/imports/test_organisations.py and
test_participants.py run some through a whole import). And every list keeps each code once."""

from __future__ import annotations

import pycountry
import pytest
from django.utils import translation

from keruen import reference
from keruen.imports.columns import (
    CellError,
    countries_by_name,
    country,
    country_list,
    hs_list,
    isic_list,
    language_list,
)


def hint(value: str) -> str:
    with pytest.raises(CellError) as refusal:
        country(value)
    return refusal.value.message


@pytest.mark.parametrize(
    ("written", "code"),
    [
        # As the pages show them.
        ("Russia", "RU"),
        ("Россия", "RU"),
        ("Ресей", "RU"),
        ("俄罗斯", "RU"),
        ("Казахстан", "KZ"),
        ("South Korea", "KR"),
        # ISO 3166-1's names and official names, and their translations.
        ("Russian Federation", "RU"),
        ("Российская Федерация", "RU"),
        ("Korea, Republic of", "KR"),
        ("Республика Корея", "KR"),
        ("大韩民国", "KR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("Соединённое Королевство", "GB"),
        ("Iran, Islamic Republic of", "IR"),
        ("Islamic Republic of Iran", "IR"),
        ("Kyrgyz Republic", "KG"),
        ("Viet Nam", "VN"),
        ("Czech Republic", "CZ"),
        # An inverted ISO name put straight, as official papers write it.
        ("Republic of Korea", "KR"),
        ("Democratic Republic of the Congo", "CD"),
        ("The Democratic Republic of the Congo", "CD"),
        ("Congo", "CG"),
        ("Republic of the Congo", "CG"),
        # Written as people write them: no stress marks, е for ё, any case and spacing.
        ("Исламская Республика Иран", "IR"),
        ("Соединенное Королевство", "GB"),
        ("RUSSIAN  FEDERATION", "RU"),
        ("Korea,Republic of", "KR"),
        ("Korea , Republic of", "KR"),
        ("the State of Palestine", "PS"),
        ("State of Palestine", "PS"),
    ],
)
def test_a_country_name_gets_the_code_to_write(written: str, code: str) -> None:
    assert hint(written) == (
        f"'{written}' is not an ISO 3166-1 country code (for '{written}' write {code})"
    )


def test_every_name_the_pages_show_gets_its_own_country_code() -> None:
    """Also where another country's ISO name, in some catalogue, is the same: Kazakh's gives
    Nepal's official name as the Central African Republic's."""
    wrong = [
        (code, lang, name)
        for code in reference.country_codes()
        for lang in reference.UI_LANGUAGES
        for name in [reference.country_name(code, lang)]
        if not hint(name).endswith(f" write {code})")
    ]
    assert wrong == []
    assert hint("Орталық Африка Республикасы").endswith(" write CF)")


def test_a_name_of_no_country_gets_no_hint() -> None:
    assert hint("Atlantis") == "'Atlantis' is not an ISO 3166-1 country code"
    assert hint("Republic of") == "'Republic of' is not an ISO 3166-1 country code"


@pytest.mark.parametrize(
    ("written", "code"), [("KAZ", "KZ"), ("kaz", "KZ"), ("Chn", "CN"), ("USA", "US"), ("kz", "KZ")]
)
def test_an_alpha3_code_is_taken_for_the_alpha2_code(written: str, code: str) -> None:
    assert country(written) == code


def test_every_country_alpha3_code_gives_its_alpha2_code() -> None:
    # Except the one that is also another country's Olympic code (below).
    taken = [item for item in pycountry.countries if item.alpha_3 != "BRN"]
    assert {item.alpha_3: country(item.alpha_3.lower()) for item in taken} == {
        item.alpha_3: item.alpha_2 for item in taken
    }


@pytest.mark.parametrize("written", ["BRN", "brn"])
def test_a_code_of_one_country_in_iso_and_another_at_the_olympics_is_refused(written) -> None:
    # Brunei's in ISO 3166-1, Bahrain's at the Olympics: either reading could lose a country.
    assert hint(written) == (
        f"'{written}' is the ISO 3166-1 code of Brunei Darussalam and the Olympic code of Bahrain: "
        "write BN or BH"
    )


@pytest.mark.parametrize(
    "written",
    [
        # Withdrawn codes: the Soviet Union, Yugoslavia, the Netherlands Antilles.
        "SUN",
        "YUG",
        "ANT",
        # Sports codes that differ from ISO's: read as no country rather than another one.
        "GER",
        "SUI",
        "NED",
        "UAE",
        "KSA",
        "RSA",
        "КАЗ",
    ],
)
def test_three_letters_that_are_no_country_alpha3_code_are_refused(written: str) -> None:
    assert hint(written) == f"'{written}' is not an ISO 3166-1 country code"


@pytest.mark.parametrize(
    ("written", "named", "code"),
    [("398", "Kazakhstan", "KZ"), ("380", "Italy", "IT"), ("840", "the United States", "US")],
)
def test_a_numeric_code_gets_its_country_and_the_code_to_write(
    written: str, named: str, code: str
) -> None:
    # Named, so that a calling code (380: Ukraine) taken for a numeric code shows.
    assert hint(written) == (
        f"'{written}' is not a two-letter country code ({named} has the ISO 3166-1 numeric code "
        f"{written}: write {code})"
    )


@pytest.mark.parametrize(("language", "named"), [("ru", "Казахстан"), ("zh-hans", "哈萨克斯坦")])
def test_a_numeric_code_hint_names_the_country_in_the_interface_language(
    language: str, named: str
) -> None:
    with translation.override(language):
        message = hint("398")
    assert named in message
    assert "KZ" in message


@pytest.mark.parametrize("written", ["4", "86", "0398", "999", "٣٩٨"])
def test_a_number_that_is_no_numeric_code_as_iso_writes_it_gets_no_hint(written: str) -> None:
    assert hint(written) == f"'{written}' is not an ISO 3166-1 country code"


def list_refusal(value: str) -> str:
    with pytest.raises(CellError) as refusal:
        country_list(value)
    return refusal.value.message


def test_a_country_list_takes_alpha3_codes_and_keeps_each_country_once() -> None:
    assert country_list("KAZ; CHN, kz;uz") == ["KZ", "CN", "UZ"]
    assert country_list("KZ, CN") == ["KZ", "CN"]
    assert country_list("KZ; CN, UZ") == ["KZ", "CN", "UZ"]


@pytest.mark.parametrize(
    ("written", "refused"),
    [
        ("Korea, Republic of; KZ", [("Korea, Republic of", "KR")]),
        ("Korea, Republic of", [("Korea, Republic of", "KR")]),
        ("Iran, Islamic Republic of", [("Iran, Islamic Republic of", "IR")]),
        # Also among codes separated by commas: the name is refused either way.
        ("KZ, Korea, Republic of, CN", [("Korea, Republic of", "KR")]),
        ("Korea,Republic of;KZ", [("Korea,Republic of", "KR")]),
        # The longest name wins, then the shorter one stands on its own.
        (
            "Congo, The Democratic Republic of the; Congo",
            [("Congo, The Democratic Republic of the", "CD"), ("Congo", "CG")],
        ),
        ("Korea, Republic of, Iran", [("Korea, Republic of", "KR"), ("Iran", "IR")]),
    ],
)
def test_a_country_name_split_by_a_comma_in_a_list_gets_the_code_to_write(
    written: str, refused: list[tuple[str, str]]
) -> None:
    assert list_refusal(written) == "; ".join(
        f"'{name}' is not an ISO 3166-1 country code (for '{name}' write {code})"
        for name, code in refused
    )


def test_pieces_that_are_no_country_name_together_are_refused_one_by_one() -> None:
    assert list_refusal("Atlantis, Republic of; KZ") == (
        "'Atlantis' is not an ISO 3166-1 country code; "
        "'Republic of' is not an ISO 3166-1 country code"
    )


def test_no_country_name_is_made_of_pieces_that_are_codes() -> None:
    """So a list of codes separated by commas is never kept whole as a name."""

    def is_code(piece: str) -> bool:
        try:
            country(piece.strip())
        except CellError:
            return False
        return True

    names = [name for name in countries_by_name() if "," in name]
    assert names  # ISO's inverted names: "korea, republic of"
    assert [name for name in names if all(map(is_code, name.split(",")))] == []


def test_every_list_keeps_each_code_once_as_it_is_stored() -> None:
    assert isic_list("a; A, 01") == ["A", "01"]
    assert hs_list("10.01; 1001") == ["1001"]
    assert language_list("KK; kk") == ["kk"]
    assert country_list("kz; KZ; KAZ") == ["KZ"]
