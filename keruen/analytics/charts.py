"""Small server-side SVG charts: horizontal bars and histograms, no JavaScript.

Charts are decoration for sighted readers: every page that shows one also has the same
numbers as a table (folded under the chart), so the SVG carries a title and ``role="img"``
and nothing more.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 200  # 26 characters of Cyrillic at 12px
CHART_WIDTH = 560
VALUE_WIDTH = 90
COLUMN_WIDTH = 34

_ids = itertools.count(1)


def _number(value: float) -> str:
    """1234567.0 -> '1,234,567'; 2.5 -> '2.5' (tables next to the chart show localised forms)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    value_label: Callable[[float], str] = _number,
) -> SafeString:
    """Horizontal bars, one per (label, value) row, scaled to the largest value."""
    chart_id = f"chart-{next(_ids)}"
    height = max(1, len(rows)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    largest = max((value for _, value in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}">',
        f'<title id="{chart_id}">{escape(title)}</title>',
    ]
    for index, (label, value) in enumerate(rows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = round(room * max(value, 0) / largest, 1)
        text_y = y + BAR_HEIGHT * 0.7
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end" '
            f'class="chart-label">{escape(_shorten(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'class="chart-bar"><title>{escape(label)}: {escape(value_label(value))}</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{text_y}" '
            f'class="chart-value">{escape(value_label(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped


def histogram(counts: Mapping[int, int], *, title: str, x_label: str, y_label: str) -> SafeString:
    """Vertical columns for each integer 0..max of ``counts`` (value -> how many)."""
    chart_id = f"chart-{next(_ids)}"
    top = max(counts, default=0)
    values = [counts.get(x, 0) for x in range(top + 1)]
    tallest = max(values, default=0) or 1
    plot_height, left, bottom, top_margin = 160, 40, 40, 16
    width = left + len(values) * COLUMN_WIDTH + 10
    height = top_margin + plot_height + bottom + 10
    axis_y = top_margin + plot_height + 5
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f'<title id="{chart_id}">{escape(title)}</title>',
        f'<line x1="{left}" y1="{axis_y}" x2="{width - 5}" y2="{axis_y}" class="chart-axis"/>',
    ]
    for x, count in enumerate(values):
        column_height = round(plot_height * count / tallest, 1)
        cx = left + x * COLUMN_WIDTH
        y = axis_y - column_height
        parts.append(
            f'<rect x="{cx + 3}" y="{y}" width="{COLUMN_WIDTH - 6}" height="{column_height}" '
            f'class="chart-bar"><title>{x}: {count}</title></rect>'
            f'<text x="{cx + COLUMN_WIDTH / 2}" y="{axis_y + 15}" text-anchor="middle" '
            f'class="chart-label">{x}</text>'
        )
        if count:
            parts.append(
                f'<text x="{cx + COLUMN_WIDTH / 2}" y="{y - 3}" text-anchor="middle" '
                f'class="chart-value">{count}</text>'
            )
    parts.append(
        f'<text x="{left + (width - left) / 2}" y="{height - 6}" text-anchor="middle" '
        f'class="chart-label">{escape(x_label)}</text>'
        f'<text x="12" y="{axis_y / 2}" text-anchor="middle" class="chart-label" '
        f'transform="rotate(-90 12 {axis_y / 2})">{escape(y_label)}</text></svg>'
    )
    return mark_safe("".join(parts))  # every piece of text above is escaped


def _shorten(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
