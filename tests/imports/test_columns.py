"""A country written by name instead of its code: the refusal says which code to write, for
the names the pages show and for the ISO and official names (tests/imports/test_organisations.py
runs one through a whole import)."""

from __future__ import annotations

import pytest

from keruen import reference
from keruen.imports.columns import CellError, country


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
        ("the State of Palestine", "PS"),
        ("State of Palestine", "PS"),
    ],
)
def test_a_country_name_gets_the_code_to_write(written: str, code: str) -> None:
    assert hint(written) == (
        f"'{written}' is not an ISO 3166-1 country code (for {written} write {code})"
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
