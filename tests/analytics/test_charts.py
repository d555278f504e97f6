"""The server-side SVG charts: well-formed, scaled, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from keruen.analytics.charts import bar_chart, histogram

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg: str) -> list[float]:
    root = ET.fromstring(svg)
    return [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]


def test_bars_are_scaled_to_the_largest_value() -> None:
    svg = bar_chart([("Kazakhstan", 40), ("China", 80), ("Russia", 0)], title="By country")
    widths = _bars(svg)
    assert widths[1] == 2 * widths[0]
    assert widths[2] == 0
    assert 'role="img"' in svg
    assert "<title" in svg


def test_labels_are_escaped() -> None:
    svg = bar_chart([("<script>alert(1)</script>", 1)], title="A & B")
    assert "<script>" not in svg
    assert "A &amp; B" in svg
    ET.fromstring(svg)  # still well-formed XML


def test_an_empty_chart_is_valid() -> None:
    ET.fromstring(bar_chart([], title="Nothing"))
    ET.fromstring(histogram({}, title="Nothing", x_label="x", y_label="y"))


def test_histogram_has_a_column_for_every_value_up_to_the_largest() -> None:
    svg = histogram({0: 5, 3: 1}, title="Breaks", x_label="breaks", y_label="delegates")
    heights = [float(r.get("height")) for r in ET.fromstring(svg).iter(f"{SVG}rect")]
    assert len(heights) == 4
    assert heights[1] == heights[2] == 0
    assert heights[0] == 5 * heights[3]
