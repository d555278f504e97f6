"""Reason sentences read naturally in each interface language."""

from __future__ import annotations

import pytest
from django.utils import translation

from keruen.matching import explain
from keruen.matchmaking.reasons import quoted_name, reason_text


def test_a_label_ending_in_a_full_stop_does_not_get_a_second_one() -> None:
    reason = explain.SharedSectors("shared_sectors", 0.1, "division", ("28",))
    text = reason_text(reason, opportunities={}, language="en")
    assert text == "Both in Manufacture of machinery and equipment n.e.c."


def test_russian_and_kazakh_write_language_names_in_lower_case() -> None:
    reason = explain.CommonLanguages("common_languages", 0.04, ("ky", "ru"))
    assert "киргизский, русский" in reason_text(reason, opportunities={}, language="ru")
    assert "қырғыз тілі" in reason_text(reason, opportunities={}, language="kk")
    assert "Kyrgyz, Russian" in reason_text(reason, opportunities={}, language="en")


def test_related_goods_say_what_relates_them() -> None:
    # Lead ores and coal: the reader could not guess that both are "mineral products".
    reason = explain.HsMatch("hs_match", 0.03, "related_chapter", ("2607",), ("2701",))
    text = reason_text(reason, opportunities={}, language="en")
    assert text.startswith("Related goods, both “Mineral products”: yours 2607 Lead ores")
    assert "Минералдық өнімдер" in reason_text(reason, opportunities={}, language="kk")
    assert "矿产品" in reason_text(reason, opportunities={}, language="zh-hans")


def test_industries_that_only_share_a_section_are_named() -> None:
    # A flour mill and a maker of transformers are "both in Manufacturing", which reads as
    # a likeness: say which industry each side is in, as related goods do.
    reason = explain.SharedSectors(
        "shared_sectors", 0.02, "section", ("C",), ("1061",), ("27", "2710")
    )
    text = reason_text(reason, opportunities={}, language="en")
    assert text == (
        "Both in “Manufacturing”, in different industries: yours Manufacture of food products, "
        "theirs Manufacture of electrical equipment."
    )
    with translation.override("ru"):
        ru = reason_text(reason, opportunities={}, language="ru")
    assert ru.startswith("И те и другие — «Обрабатывающая промышленность», но в разных отраслях")
    with translation.override("kk"):
        kk = reason_text(reason, opportunities={}, language="kk")
    assert kk.startswith("Екеуі де — «Өңдеу өнеркәсібі», бірақ әртүрлі салаларда: сізде — Тамақ")
    with translation.override("zh-hans"):
        zh = reason_text(reason, opportunities={}, language="zh-hans")
    assert zh.startswith("同属“制造业”，但行业不同：您的是 食品的制造")


def test_a_shared_division_needs_no_more_words() -> None:
    reason = explain.SharedSectors("shared_sectors", 0.1, "division", ("35",), ("3510",), ("3520",))
    text = reason_text(reason, opportunities={}, language="en")
    assert text == "Both in Electricity, gas, steam and air conditioning supply."


def test_a_target_country_reads_as_english() -> None:
    reason = explain.TargetCountryMatch("target_country", 0.05, "opp-1", "US", "they_target_you")
    text = reason_text(reason, opportunities={}, language="en")
    assert "looks for partners in the United States, your country." in text


def test_a_side_with_many_industries_shows_the_first_two() -> None:
    reason = explain.SharedSectors(
        "shared_sectors", 0.02, "section", ("C",), ("10",), ("26", "27", "28", "29")
    )
    text = reason_text(reason, opportunities={}, language="en")
    assert text.endswith(
        "theirs Manufacture of computer, electronic and optical products, "
        "Manufacture of electrical equipment…"
    )  # no stop after the ellipsis
    reason = explain.SharedSectors(
        "shared_sectors", 0.02, "section", ("C",), ("26", "27", "28", "29"), ("10",)
    )
    text = reason_text(reason, opportunities={}, language="en")
    assert "yours Manufacture of computer, electronic and optical products, Manufacture of " in text
    assert "electrical equipment…, theirs Manufacture of food products." in text
    assert "machinery" not in text


def test_a_side_known_only_by_its_section_is_not_said_to_differ() -> None:
    reason = explain.SharedSectors("shared_sectors", 0.02, "section", ("A",), ("A",), ("0111",))
    text = reason_text(reason, opportunities={}, language="en")
    assert text == "Both in Agriculture, forestry and fishing."


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("Silo Works", "en", "“Silo Works”"),
        ("Silo Works", "zh-hans", "“Silo Works”"),
        ("Тенир-Агро", "ru", "«Тенир-Агро»"),
        ("Тенир-Агро", "kk", "«Тенир-Агро»"),
        # A name that carries quotation marks of its own is not put in another pair.
        ("ОсОО «Тенир-Агро»", "ru", "ОсОО «Тенир-Агро»"),
        ("«Волга-Металл Сервис» ЖШҚ", "kk", "«Волга-Металл Сервис» ЖШҚ"),
        ("LLP “Volga”", "en", "LLP “Volga”"),
        ('ТОО "Агро"', "ru", 'ТОО "Агро"'),
        ("ООО „Агро“", "ru", "ООО „Агро“"),
    ],
)
def test_an_organisation_name_is_quoted_once(name, language, expected) -> None:
    assert quoted_name(name, language=language) == expected
