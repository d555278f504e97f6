"""ISIC Rev.4 sections and divisions."""

from __future__ import annotations

import re
import string

import pytest

from keruen import reference as ref

# Divisions per section in ISIC Rev.4.
EXPECTED_DIVISIONS = {
    "A": "01 02 03",
    "B": "05 06 07 08 09",
    "C": " ".join(f"{n:02d}" for n in range(10, 34)),
    "D": "35",
    "E": "36 37 38 39",
    "F": "41 42 43",
    "G": "45 46 47",
    "H": "49 50 51 52 53",
    "I": "55 56",
    "J": "58 59 60 61 62 63",
    "K": "64 65 66",
    "L": "68",
    "M": "69 70 71 72 73 74 75",
    "N": "77 78 79 80 81 82",
    "O": "84",
    "P": "85",
    "Q": "86 87 88",
    "R": "90 91 92 93",
    "S": "94 95 96",
    "T": "97 98",
    "U": "99",
}


def test_sections_a_to_u() -> None:
    codes = [s.code for s in ref.isic_sections()]
    assert codes == list(string.ascii_uppercase[:21])
    assert all(s.parent is None for s in ref.isic_sections())


def test_88_divisions_well_formed_unique_and_sorted() -> None:
    codes = [d.code for d in ref.isic_divisions()]
    assert len(codes) == 88
    assert len(set(codes)) == 88
    assert codes == sorted(codes)
    assert all(re.fullmatch(r"\d\d", c) for c in codes)


def test_division_to_section_mapping_is_complete_and_official() -> None:
    for section, divisions in EXPECTED_DIVISIONS.items():
        assert [d.code for d in ref.isic_divisions(section)] == divisions.split()
        for division in divisions.split():
            assert ref.isic_section_of(division) == section
    assert sum(len(v.split()) for v in EXPECTED_DIVISIONS.values()) == 88


def test_labels_and_fallback() -> None:
    assert ref.isic_label("C") == "Manufacturing"
    assert ref.isic_label("c", "ru") == "Обрабатывающая промышленность"
    assert ref.isic_label("01", "zh-hans").startswith("作物")
    assert ref.isic_label("85", "kk") == "Білім беру"
    assert ref.isic_label("85", "de") == "Education"  # unknown language -> English
    assert ref.isic_label("85", "zh_CN") == "教育"
    assert ref.isic_entry("10").label("ru-RU") == "Производство пищевых продуктов"


def test_validation_and_unknown_codes() -> None:
    assert ref.is_isic_code("A")
    assert ref.is_isic_code("62")
    assert not ref.is_isic_code("04")
    assert not ref.is_isic_code("V")
    assert not ref.is_isic_code("6201")
    assert not ref.is_isic_code(62)
    with pytest.raises(KeyError, match="ISIC"):
        ref.isic_label("04")
    with pytest.raises(KeyError, match="'34'"):
        ref.isic_section_of("34")
    with pytest.raises(KeyError):
        ref.isic_divisions("Z")


def test_choices_grouped_by_section() -> None:
    groups = ref.isic_choices("ru")
    assert len(groups) == 21
    assert sum(len(items) for _, items in groups) == 88
    assert groups[2][0] == "C — Обрабатывающая промышленность"
    assert groups[0][1][0] == ("01", "01 — " + ref.isic_label("01", "ru"))
    assert len(ref.isic_section_choices("kk")) == 21


def test_entries_are_frozen_and_hashable() -> None:
    division = ref.isic_entry("35")
    assert isinstance(division, ref.IsicDivision)
    assert division.section == "D"
    assert hash(division) == hash(ref.isic_entry("35"))
    with pytest.raises(AttributeError):
        division.code = "36"  # type: ignore[misc]
    with pytest.raises(TypeError):
        division.labels["en"] = "x"  # type: ignore[index]
