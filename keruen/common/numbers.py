"""Large amounts written short, the way each language says them: "17.7 bn", "17,7 млрд", "177亿".

A figure card holds a few characters; "17 700 000 000" wraps in it. English, Russian and
Kazakh group by thousands (k, m, bn); Chinese by ten thousands (万, 亿), so the units are a table
per language rather than one translated word per power of a thousand. The unit follows a
no-break space: a card never ends a line between "17.7" and "bn".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from django.utils import translation
from django.utils.formats import number_format

from keruen.common.i18n import ui_language

COMPACT_UNITS: Final[dict[str, tuple[tuple[int, str], ...]]] = {
    "en": ((10**12, "\u00a0tn"), (10**9, "\u00a0bn"), (10**6, "\u00a0m"), (10**3, "\u00a0k")),
    "ru": (
        (10**12, "\u00a0трлн"),
        (10**9, "\u00a0млрд"),
        (10**6, "\u00a0млн"),
        (10**3, "\u00a0тыс."),
    ),
    "kk": (
        (10**12, "\u00a0трлн"),
        (10**9, "\u00a0млрд"),
        (10**6, "\u00a0млн"),
        (10**3, "\u00a0мың"),
    ),
    "zh-hans": ((10**12, "万亿"), (10**8, "亿"), (10**4, "万")),
}
SHORT_FROM: Final = 10**5  # below this the number is written in full: it fits


def compact_number(value: Decimal | float | int, language: str | None = None) -> str:
    """``value`` in the largest unit of ``language`` (default: the active one) that it
    reaches, to three significant digits: 17,700,000,000 is "17.7 bn" in English and
    "177亿" in Chinese. Below 100,000 it is written in full."""
    with translation.override(language or translation.get_language()):
        return _compact(Decimal(value), COMPACT_UNITS[ui_language(language)])


def _compact(number: Decimal, units: tuple[tuple[int, str], ...]) -> str:
    if abs(number) >= SHORT_FROM:
        for size, unit in units:
            scaled = _three_digits(number / size)
            if abs(scaled) >= 1:  # 999,999,999 is "1 bn", not "1000 m"
                return number_format(scaled, decimal_pos=_places(scaled), use_l10n=True) + unit
    return number_format(round(number), decimal_pos=0, use_l10n=True, force_grouping=True)


def _three_digits(scaled: Decimal) -> Decimal:
    """Rounded to three significant digits (at least the units): 1.273 → 1.27, 127.3 → 127."""
    whole_digits = len(str(int(abs(scaled)))) if abs(scaled) >= 1 else 1
    return round(scaled, max(0, 3 - whole_digits))


def _places(scaled: Decimal) -> int:
    """Decimals worth writing: 7.30 is written 7.3, 2.00 is 2."""
    exponent = scaled.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
