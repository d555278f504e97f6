"""Large amounts written short in each interface language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from keruen.common.numbers import compact_number

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (17_700_000_000, "en", f"17.7{NBSP}bn"),
        (17_700_000_000, "ru", f"17,7{NBSP}млрд"),
        (17_700_000_000, "kk", f"17,7{NBSP}млрд"),
        (17_700_000_000, "zh-hans", "177亿"),  # Chinese counts in ten thousands
        (127_300_000, "en", f"127{NBSP}m"),
        (127_300_000, "zh-hans", "1.27亿"),
        (50_700_000, "zh-hans", "5070万"),
        (1_234_567, "ru", f"1,23{NBSP}млн"),
        (7_300_000, "en", f"7.3{NBSP}m"),  # no trailing zero
        (2_000_000, "kk", f"2{NBSP}млн"),
        (999_999_999, "en", f"1{NBSP}bn"),  # rounding reaches the next unit
        (99_999_999, "zh-hans", "1亿"),
        (100_000, "kk", f"100{NBSP}мың"),
        (-2_500_000, "en", f"-2.5{NBSP}m"),
        (Decimal("3500000000000.00"), "en", f"3.5{NBSP}tn"),
    ],
)
def test_large_amounts_take_the_largest_unit_they_reach(value, language, expected) -> None:
    assert compact_number(value, language) == expected


def test_amounts_below_a_hundred_thousand_are_written_in_full() -> None:
    assert compact_number(99_999, "en") == "99,999"
    assert compact_number(Decimal("12.6"), "en") == "13"
    assert compact_number(0, "ru") == "0"


def test_the_filter_writes_in_the_readers_language() -> None:
    template = Template("{% load keruen %}{{ value|compact }}|{{ missing|compact }}")
    with translation.override("ru"):
        assert template.render(Context({"value": Decimal("790000000")})) == f"790{NBSP}млн|"
    with translation.override("zh-hans"):
        assert template.render(Context({"value": 790_000_000})) == "7.9亿|"
