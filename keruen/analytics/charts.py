"""Small server-side SVG charts: horizontal bars and histograms, no JavaScript.

Charts are decoration for sighted readers: every page that shows one also has the same
numbers as a table (folded under the chart), so the SVG carries a title and ``role="img"``
and nothing more.

A chart is as wide as its box, from a 320 px phone's 260 px card to a wide screen's: it has
no viewBox, horizontal positions are percentages of its width and vertical ones pixels, so
the bars stretch or shrink while the texts keep their size (12 px). A drawing scaled into a
phone's screen drew them at 7 px; one kept at its size scrolled sideways. A label longer than
the narrowest box holds is cut with "…", its whole text in a tooltip.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The narrowest box a chart is drawn in: a 320 px phone's screen less the page's and the
# card's padding. Texts that must fit (labels beside their values, the histogram's figures)
# are measured against it.
NARROWEST_PX = 260
# The width of a character of the 12 px chart texts, a little over that of Cyrillic letters
# (DejaVu Sans, the widest common fallback, draws them 7.2 px wide); Chinese characters (East
# Asian "wide", 12 px) count twice.
CHAR_PX = 7.5
FONT_PX = 12
# A bar chart's row: its label and value on a line, the bar on its track under them.
LABEL_BASELINE = 13
BAR_TOP = 18
BAR_HEIGHT = 11
ROW_HEIGHT = 38
TRACK_FILL = "#edf0f4"  # the track shows the whole scale, and that a row of 0 has a bar
# The histogram: the axis' name above the plot, tick labels and the other name under it.
PLOT_TOP = 36  # the tallest column's figure stands between the axis' name and the plot
PLOT_HEIGHT = 150
COLUMN_MAX_PX = 56  # on a wide screen a handful of columns would each be a card's third
COLUMN_FILL = 0.76  # of its share of the width, the rest is the gap between columns
MAX_TICKS = 12  # tick labels under the axis that fit the narrowest box side by side

_ids = itertools.count(1)


def _number(value: float) -> str:
    """1234567.0 -> '1,234,567'; 2.5 -> '2.5' (tables next to the chart show localised forms)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _char_units(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_units(text: str) -> int:
    """How many ``CHAR_PX`` characters wide ``text`` is drawn, roughly."""
    return sum(_char_units(char) for char in text)


def units_in(px: float) -> int:
    """How many ``CHAR_PX`` characters fit in ``px``."""
    return int(px // CHAR_PX)


def fit_label(label: str, units: int) -> str:
    """``label`` cut to ``units`` character widths, "…" included, where it is longer."""
    if text_units(label) <= units:
        return label
    kept, used = [], 1  # the ellipsis
    for char in label:
        used += _char_units(char)
        if used > units:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


def _percent(fraction: float) -> str:
    return f"{round(100 * fraction, 2):g}%"


def _svg_open(chart_id: str, title: str, height: float, style: str = "") -> str:
    """The chart's root: the box's width, its own height."""
    styled = f' style="{style}"' if style else ""
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}" width="100%" height="{height}" '
        f'font-size="{FONT_PX}"{styled}><title id="{chart_id}">{escape(title)}</title>'
    )


def _label(text: str, room_units: int, **attributes: object) -> str:
    """A ``chart-label`` text cut to ``room_units``, with its whole text as tooltip if cut."""
    shown = fit_label(text, room_units)
    tooltip = f"<title>{escape(text)}</title>" if shown != text else ""
    spelled = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<text class="chart-label"{spelled}>{tooltip}{escape(shown)}</text>'


def _tick(x: int, columns: int, *, y: float) -> str:
    """The label under column ``x``, centred on it; at the chart's edges, where it is wider
    than a column of the narrowest box, it ends at the edge instead of being cut in half."""
    fits = len(str(x)) * CHAR_PX <= NARROWEST_PX / columns
    if x == 0 and not fits:
        where = 'x="0" text-anchor="start"'
    elif x == columns - 1 and not fits:
        where = 'x="100%" text-anchor="end"'
    else:
        where = f'x="{_percent((x + 0.5) / columns)}" text-anchor="middle"'
    return f'<text {where} y="{y}" class="chart-label">{x}</text>'


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    value_label: Callable[[float], str] = _number,
) -> SafeString:
    """Horizontal bars, one per (label, value) row, scaled to the largest value.

    Each row is a line with the label on the left and the value on the right, the bar under
    them: the bars take the whole width at any size, and a long label has a phone's whole
    width less its value's.
    """
    chart_id = f"chart-{next(_ids)}"
    height = max(1, len(rows)) * ROW_HEIGHT
    largest = max((value for _, value in rows), default=0) or 1
    parts = [_svg_open(chart_id, title, height)]
    for index, (label, value) in enumerate(rows):
        top = index * ROW_HEIGHT
        value_text = value_label(value)
        room = units_in(NARROWEST_PX) - text_units(value_text) - 2  # 2: the gap between them
        parts.append(
            _label(label, room, x=0, y=top + LABEL_BASELINE)
            + f'<text x="100%" y="{top + LABEL_BASELINE}" text-anchor="end" '
            f'class="chart-value">{escape(value_text)}</text>'
            f'<rect x="0" y="{top + BAR_TOP}" width="100%" height="{BAR_HEIGHT}" '
            f'fill="{TRACK_FILL}" class="chart-track"/>'
            f'<rect x="0" y="{top + BAR_TOP}" width="{_percent(max(value, 0) / largest)}" '
            f'height="{BAR_HEIGHT}" class="chart-bar">'
            f"<title>{escape(label)}: {escape(value_text)}</title></rect>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped


def histogram(counts: Mapping[int, int], *, title: str, x_label: str, y_label: str) -> SafeString:
    """Vertical columns for each integer 0..max of ``counts`` (value -> how many).

    The y axis' name stands above the plot, not turned along it; with more columns than
    tick labels fit side by side only every k-th is labelled, and the figures above the
    columns are left out where they would run into each other (the table has them all).
    """
    chart_id = f"chart-{next(_ids)}"
    values = [counts.get(x, 0) for x in range(max(counts, default=0) + 1)]
    tallest = max(values, default=0) or 1
    axis_y = PLOT_TOP + PLOT_HEIGHT
    height = axis_y + 40
    share = 1 / len(values)  # of the width, per column
    column_px = NARROWEST_PX * share
    tick_every = math.ceil(len(values) / MAX_TICKS)
    show_counts = all(len(str(count)) * CHAR_PX <= column_px for count in values)
    parts = [
        # Never narrower than a phone's chart, so the axis labels fit even with one column
        # (every delegate without an idle gap: the schedule the solver aims for).
        _svg_open(
            chart_id,
            title,
            height,
            style=f"max-width:{max(len(values) * COLUMN_MAX_PX, NARROWEST_PX)}px",
        ),
        _label(y_label, units_in(NARROWEST_PX), x=0, y=FONT_PX),
        f'<line x1="0" y1="{axis_y}" x2="100%" y2="{axis_y}" class="chart-axis"/>',
    ]
    for x, count in enumerate(values):
        column_height = round(PLOT_HEIGHT * count / tallest, 1)
        middle = _percent((x + 0.5) * share)
        parts.append(
            f'<rect x="{_percent((x + (1 - COLUMN_FILL) / 2) * share)}" '
            f'y="{axis_y - column_height}" width="{_percent(COLUMN_FILL * share)}" '
            f'height="{column_height}" class="chart-bar"><title>{x}: {count}</title></rect>'
        )
        if x % tick_every == 0:
            parts.append(_tick(x, len(values), y=axis_y + 15))
        if count and show_counts:
            parts.append(
                f'<text x="{middle}" y="{axis_y - column_height - 3}" text-anchor="middle" '
                f'class="chart-value">{count}</text>'
            )
    parts.append(
        _label(x_label, units_in(NARROWEST_PX), x="50%", y=height - 6, text_anchor="middle")
        + "</svg>"
    )
    return mark_safe("".join(parts))  # every piece of text above is escaped
