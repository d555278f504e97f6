"""Expo sectors and their mappings."""

from __future__ import annotations

import pytest

from keruen import reference as ref

SECTOR_KEYS = [
    "energy",
    "infrastructure",
    "logistics",
    "agriculture",
    "mining",
    "technology",
    "textiles",
    "chemicals",
    "health",
    "education",
    "tourism",
    "finance",
    "water",
    "environment",
]
SERVICE_SECTORS = {"finance"}


def test_the_14_sectors() -> None:
    assert [s.key for s in ref.sectors()] == SECTOR_KEYS
    assert [key for key, _ in ref.sector_choices()] == SECTOR_KEYS


def test_sector_mappings_point_to_existing_codes() -> None:
    divisions = {d.code for d in ref.isic_divisions()}
    chapters = {c.code for c in ref.hs_chapters()}
    headings = {h.code for h in ref.hs_headings()}
    for s in ref.sectors():
        assert s.isic_divisions, s.key
        assert len(set(s.isic_divisions)) == len(s.isic_divisions), s.key
        assert set(s.isic_divisions) <= divisions, s.key
        for code in s.hs_codes:
            assert code in (chapters if len(code) == 2 else headings), (s.key, code)


def test_every_goods_sector_has_headings() -> None:
    for s in ref.sectors():
        if s.key in SERVICE_SECTORS:
            assert ref.sector_hs_headings(s.key) == ()
        else:
            assert ref.sector_hs_headings(s.key), s.key


def test_lookups() -> None:
    assert ref.sector_label("energy", "zh-hans") == "能源"
    assert ref.sector_label("water", "kk") == "Су шаруашылығы"
    assert ref.sector_label("tourism", "fr") == "Culture and tourism"
    assert "35" in ref.sector_isic_divisions("energy")
    assert ref.sectors_for_isic("35") == ("energy",)
    assert "agriculture" in ref.sectors_for_isic("01")
    assert ref.sectors_for_isic("99") == ()
    assert "energy" in ref.sectors_for_hs("8541")
    assert "agriculture" in ref.sectors_for_hs("1001.99")
    assert "textiles" in ref.sectors_for_hs("52")
    assert ref.is_sector("Energy")
    assert not ref.is_sector("space")
    with pytest.raises(KeyError, match="space"):
        ref.sector_label("space")
    with pytest.raises(KeyError):
        ref.sectors_for_isic("04")
