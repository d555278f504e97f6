"""The three-way merge of a form's edits (``keruen.common.edits``), on plain records."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from types import SimpleNamespace

import pytest

from keruen.common.edits import (
    EditClash,
    base_from_field,
    base_to_field,
    edit_base,
    merge_edits,
)

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def record(**values):
    return SimpleNamespace(**values)


def test_only_what_the_user_edited_is_written() -> None:
    opened = record(city="Astana", size="large", codes=["01", "10"])
    base = edit_base(opened, ["city", "size", "codes"], unordered=["codes"])
    now = record(city="Almaty", size="large", codes=["01", "10"])  # a colleague's save
    posted = {"city": "Astana", "size": "medium", "codes": ["10", "01"]}
    assert merge_edits(now, posted, base, unordered=["codes"]) == {"size": "medium"}


def test_texts_merge_per_language_and_an_emptied_language_is_removed() -> None:
    opened = record(name={"en": "KazGrain", "ru": "КазГрейн"})
    base = edit_base(opened, ["name"])
    now = record(name={"en": "KazGrain Holding", "ru": "КазГрейн"})
    posted = {"name": {"en": "KazGrain", "kk": "ҚазГрейн"}}  # ru emptied, kk added
    assert merge_edits(now, posted, base) == {"name": {"en": "KazGrain Holding", "kk": "ҚазГрейн"}}


def test_a_value_edited_on_both_sides_clashes_and_the_clash_rebases_only_it() -> None:
    opened = record(city="Astana", website="")
    base = edit_base(opened, ["city", "website"])
    now = record(city="Almaty", website="https://a.example")
    with pytest.raises(EditClash) as caught:
        merge_edits(now, {"city": "Shymkent", "website": ""}, base)
    clash = caught.value
    assert [(c.key, c.now) for c in clash.clashes] == [("city", "Almaty")]
    assert clash.problems[0].field == "city"
    assert "“Almaty”" in clash.problems[0].message
    # The colleague's website is for the form to show from now on.
    assert clash.theirs == {"website": "https://a.example"}
    # Posted again, as the refreshed form holds it: the user's city, the colleague's website.
    again = {"city": "Shymkent", "website": "https://a.example"}
    assert merge_edits(now, again, clash.base) == {"city": "Shymkent"}


def test_an_instant_reads_the_same_on_any_clock() -> None:
    stored = dt.datetime(2026, 6, 27, 3, 30, tzinfo=dt.UTC)
    base = edit_base(record(arrives_at=stored), ["arrives_at"])
    posted = {"arrives_at": dt.datetime(2026, 6, 27, 8, 30, tzinfo=ALMATY)}  # the same instant
    assert merge_edits(record(arrives_at=stored), posted, base) == {}


def test_empty_values_are_alike() -> None:
    base = edit_base(record(phone=None, tags=[]), ["phone", "tags"])
    assert merge_edits(record(phone=None, tags=[]), {"phone": "", "tags": []}, base) == {}


def test_without_a_base_everything_posted_counts() -> None:
    assert merge_edits(record(city="Astana"), {"city": "Astana"}, None) == {"city": "Astana"}


@pytest.mark.parametrize("raw", [None, "", "not json", "[1, 2]", '{"city": 3}'])
def test_a_base_that_is_not_ours_is_ignored(raw) -> None:
    assert base_from_field(raw) is None


def test_the_base_survives_the_hidden_field() -> None:
    base = edit_base(record(city="Astana"), ["city"])
    assert base_from_field(base_to_field(base)) == base


def test_nested_texts_merge_per_part() -> None:
    opened = record(translations={"ru": {"title": "Силосы", "body": "Стальные."}})
    base = edit_base(opened, ["translations"])
    now = record(translations={"ru": {"title": "Зерновые силосы", "body": "Стальные."}})
    posted = {"translations": {"ru": {"title": "Силосы", "body": "Стальные, 10 000 т."}}}
    assert merge_edits(now, posted, base) == {
        "translations": {"ru": {"title": "Зерновые силосы", "body": "Стальные, 10 000 т."}}
    }
    # Emptying both parts removes the translation, not just its texts.
    emptied = {"translations": {"ru": {"title": "", "body": ""}}}
    assert merge_edits(opened, emptied, base) == {"translations": {}}


def test_unordered_lists_merge_item_by_item() -> None:
    opened = record(sectors=["agriculture"], codes=["1001", "1101"])
    base = edit_base(opened, ["sectors", "codes"], unordered=["sectors", "codes"])
    # A colleague saved meanwhile: added a sector, removed an HS code.
    now = record(sectors=["agriculture", "logistics"], codes=["1001"])
    # The user added another sector and an HS code; the form still shows the old lists.
    posted = {"sectors": ["agriculture", "energy"], "codes": ["1001", "1101", "8437"]}
    edits = merge_edits(now, posted, base, unordered=["sectors", "codes"])
    assert edits == {"sectors": ["agriculture", "logistics", "energy"], "codes": ["1001", "8437"]}


def test_an_item_removed_by_the_user_goes_and_one_added_on_both_sides_is_kept_once() -> None:
    opened = record(codes=["1001", "8429.51"])
    base = edit_base(opened, ["codes"], unordered=["codes"])
    now = record(codes=["1001", "8429.51", "8437"])
    posted = {"codes": ["1001", "8437"]}  # the user removed 8429.51 and added 8437 too
    assert merge_edits(now, posted, base, unordered=["codes"]) == {"codes": ["1001", "8437"]}


def test_a_clash_elsewhere_hands_the_form_the_items_others_added_and_removed() -> None:
    opened = record(city="Astana", codes=["1001", "1101"])
    base = edit_base(opened, ["city", "codes"], unordered=["codes"])
    now = record(city="Almaty", codes=["1001", "8437"])  # 1101 removed, 8437 added
    with pytest.raises(EditClash) as caught:
        merge_edits(now, {"city": "Shymkent", "codes": ["1001", "1101"]}, base, unordered=["codes"])
    assert caught.value.theirs == {"codes#8437": True, "codes#1101": None}
    # Posted again as the refreshed form holds it: the colleague's list stands.
    again = {"city": "Shymkent", "codes": ["1001", "8437"]}
    edits = merge_edits(now, again, caught.value.base, unordered=["codes"])
    assert edits == {"city": "Shymkent"}


def test_a_base_from_before_item_merging_compares_its_lists_whole() -> None:
    """A form opened before the upgrade holds one digest per list: a removal the user made
    is kept, and a colleague's change to the same list clashes as it used to."""
    from keruen.common.edits import _digest

    legacy = {"codes": _digest(["1001", "1101"])}
    now = record(codes=["1001", "1101"])
    assert merge_edits(now, {"codes": ["1001"]}, legacy, unordered=["codes"]) == {"codes": ["1001"]}
    changed = record(codes=["1001"])  # a colleague removed 1101; the user added 8437
    with pytest.raises(EditClash):
        merge_edits(changed, {"codes": ["1001", "1101", "8437"]}, legacy, unordered=["codes"])
    # Left alone by the user, the colleague's list stands.
    assert merge_edits(changed, {"codes": ["1001", "1101"]}, legacy, unordered=["codes"]) == {}
