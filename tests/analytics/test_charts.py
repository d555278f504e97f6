"""The server-side SVG charts: well-formed, scaled, escaped, as wide as their box."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from keruen.analytics.charts import (
    CHAR_PX,
    NARROWEST_PX,
    bar_chart,
    fit_label,
    histogram,
    text_units,
)

SVG = "{http://www.w3.org/2000/svg}"


def _bar_rects(svg: str) -> list[ET.Element]:
    return [
        rect for rect in ET.fromstring(svg).iter(f"{SVG}rect") if rect.get("class") == "chart-bar"
    ]


def _widths(svg: str) -> list[float]:
    """The bars' widths, in percent of the chart's width."""
    widths = [rect.get("width", "") for rect in _bar_rects(svg)]
    assert all(width.endswith("%") for width in widths), widths
    return [float(width.rstrip("%")) for width in widths]


def _texts(svg: str, css_class: str) -> list[ET.Element]:
    return [
        text for text in ET.fromstring(svg).iter(f"{SVG}text") if text.get("class") == css_class
    ]


def _shown(text: ET.Element) -> str:
    """What a text element draws (its tooltip is a child <title>, drawn only on hover)."""
    tooltip = text.find(f"{SVG}title")
    return (text.text or "") + (tooltip.tail or "" if tooltip is not None else "")


def test_bars_are_scaled_to_the_largest_value() -> None:
    svg = bar_chart([("Kazakhstan", 40), ("China", 80), ("Russia", 0)], title="By country")
    assert _widths(svg) == [50, 100, 0]
    assert 'role="img"' in svg
    assert "<title" in svg


def test_charts_take_their_box_width_and_keep_their_text_size() -> None:
    """No viewBox to scale the drawing (and its 12 px texts) into a phone's screen, and no
    width in pixels to scroll sideways: the chart is as wide as its box, its geometry across
    in percent."""
    charts = (
        bar_chart([("Kazakhstan", 40), ("China", 80)], title="By country"),
        histogram({0: 5, 3: 1}, title="Gaps", x_label="gaps", y_label="delegates"),
    )
    for svg in charts:
        root = ET.fromstring(svg)
        assert root.get("viewBox") is None
        assert root.get("width") == "100%"
        for element in root.iter():
            for name in ("x", "width"):
                value = element.get(name)
                assert value is None or value == "0" or value.endswith("%"), (element, name)


def test_a_long_label_is_cut_to_a_phone_width_and_whole_in_its_tooltip() -> None:
    long = "Соединённое Королевство Великобритании и Северной Ирландии"
    svg = bar_chart([(long, 11), ("China", 80)], title="By country")
    cut, short = _texts(svg, "chart-label")
    assert _shown(cut).endswith("…")
    assert long.startswith(_shown(cut)[:-1])
    assert cut.find(f"{SVG}title").text == long  # type: ignore[union-attr]
    # With its value, the label fits the narrowest box.
    value = _texts(svg, "chart-value")[0].text or ""
    assert (text_units(_shown(cut)) + text_units(value) + 2) * CHAR_PX <= NARROWEST_PX
    assert _shown(short) == "China"
    assert short.find(f"{SVG}title") is None  # nothing hidden, no tooltip


def test_chinese_characters_count_double_width() -> None:
    chinese = "中华人民共和国商务部对外贸易发展事务局"  # 19 characters, 38 Latin letters wide
    assert text_units(chinese) == 38
    cut = fit_label(chinese, 20)
    assert cut.endswith("…")
    assert text_units(cut) <= 20
    assert fit_label("Kazakhstan", 20) == "Kazakhstan"


def test_labels_are_escaped() -> None:
    svg = bar_chart([("<script>alert(1)</script>", 1)], title="A & B")
    assert "<script>" not in svg
    assert "A &amp; B" in svg
    ET.fromstring(svg)  # still well-formed XML
    long = "<b>" + "Ministry of Industry & Trade " * 3
    assert "<b>" not in bar_chart([(long, 1)], title="t")
    ET.fromstring(bar_chart([(long, 1)], title="t"))


def test_an_empty_chart_is_valid() -> None:
    ET.fromstring(bar_chart([], title="Nothing"))
    ET.fromstring(histogram({}, title="Nothing", x_label="x", y_label="y"))


def test_histogram_has_a_column_for_every_value_up_to_the_largest() -> None:
    svg = histogram({0: 5, 3: 1}, title="Breaks", x_label="breaks", y_label="delegates")
    heights = [float(rect.get("height", "")) for rect in _bar_rects(svg)]
    assert len(heights) == 4
    assert heights[1] == heights[2] == 0
    assert heights[0] == 5 * heights[3]
    assert [text.text for text in _texts(svg, "chart-value")] == ["5", "1"]


def test_a_histogram_of_many_columns_labels_what_fits_a_phone() -> None:
    counts = {gaps: 100 + gaps for gaps in range(30)}
    svg = histogram(counts, title="Breaks", x_label="breaks", y_label="delegates")
    ticks = [text.text for text in _texts(svg, "chart-label")][1:-1]  # axis names aside
    assert ticks == [str(gaps) for gaps in range(0, 30, 3)]
    # Three-digit figures over 30 columns would run into each other on a phone: the table
    # below the chart has them.
    assert _texts(svg, "chart-value") == []
    # The last tick ends at the chart's edge instead of being cut in half by it.
    last = _texts(svg, "chart-label")[-2]
    assert last.text == "27"
    assert (last.get("x"), last.get("text-anchor")) != ("100%", "end")  # 27 is not the edge
    edge = _texts(histogram(counts | {30: 1}, title="t", x_label="x", y_label="y"), "chart-label")
    assert (edge[-2].text, edge[-2].get("x"), edge[-2].get("text-anchor")) == ("30", "100%", "end")


def test_a_histogram_of_one_column_is_wide_enough_for_its_axis_labels() -> None:
    # Every delegate without an idle gap (the schedule the solver aims for): one column,
    # which at 56 px cut "delegates" and the x label off.
    svg = histogram({0: 120}, title="Idle gaps", x_label="idle gaps", y_label="delegates")
    style = ET.fromstring(svg).get("style", "")
    max_width = float(style.split("max-width:")[1].split("px")[0])
    assert max_width >= NARROWEST_PX
