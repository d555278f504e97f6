"""Reason sentences read naturally in each interface language."""

from __future__ import annotations

from keruen.matching import explain
from keruen.matchmaking.reasons import reason_text


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
