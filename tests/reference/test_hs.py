"""HS 2022 chapters, curated headings and the HS -> ISIC mapping."""

from __future__ import annotations

import re

import pytest

from keruen import reference as ref

# Headings the demo generator and the matchmaking tests rely on.
REQUIRED_HEADINGS = re.findall(
    r"\d{4}",
    """
0409 0902 1001 1101 5201 5208 5701 2701 2709 2710 2711 3004 3102 3103 3104 3105 2523 7005
6907 7208 7210 7213 7306 7403 7601 8413 8417 8429 8430 8431 8432 8433 8437 8471 8474 8481
8504 8517 8541 8544 8601 8602 8603 8604 8605 8606 8607 8608 8609 8701 8703 8704 4011 9018
9403 9503 2204 0303 6109 6204
""",
)


def test_97_chapters_with_77_reserved() -> None:
    every = ref.hs_chapters(include_reserved=True)
    assert [c.code for c in every] == [f"{n:02d}" for n in range(1, 98)]
    reserved = [c.code for c in every if c.reserved]
    assert reserved == ["77"]
    assert len(ref.hs_chapters()) == 96
    assert "77" not in [c.code for c in ref.hs_chapters()]
    assert ref.hs_label("77").startswith("(Reserved")


def test_headings_well_formed_unique_sorted_and_in_existing_chapters() -> None:
    headings = ref.hs_headings()
    codes = [h.code for h in headings]
    assert 150 <= len(codes) <= 400
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    chapters = {c.code: c for c in ref.hs_chapters(include_reserved=True)}
    for h in headings:
        assert re.fullmatch(r"\d{4}", h.code)
        assert h.chapter == h.code[:2] == h.parent
        assert h.chapter in chapters
        assert not chapters[h.chapter].reserved


def test_required_headings_present() -> None:
    missing = [code for code in REQUIRED_HEADINGS if not ref.is_hs_code(code)]
    assert missing == []


def test_labels_accept_two_or_four_digits_and_separators() -> None:
    assert ref.hs_label("10") == "Cereals"
    assert ref.hs_label("10", "ru") == "Злаки"
    assert ref.hs_label("1001", "zh-hans") == "小麦及混合麦"
    assert ref.hs_label("52", "kk") == "Мақта"
    assert ref.hs_label("09.02", "ru") == "Чай"
    assert ref.hs_label("8541", "xx") == ref.hs_label("8541", "en")
    assert "солнечные" in ref.hs_label("8541", "ru")


def test_chapter_of_any_length() -> None:
    assert ref.hs_chapter_of("8429") == "84"
    assert ref.hs_chapter_of("8429.51") == "84"
    assert ref.hs_chapter_of("0101210000") == "01"
    assert ref.hs_nearest("854140").code == "8541"
    assert ref.hs_nearest("848071").code == "84"  # heading not curated -> chapter
    with pytest.raises(KeyError):
        ref.hs_chapter_of("98")
    with pytest.raises(KeyError):
        ref.hs_chapter_of("842")
    with pytest.raises(KeyError):
        ref.hs_nearest("abc")


def test_validation() -> None:
    assert ref.is_hs_code("84")
    assert ref.is_hs_code("8429")
    assert ref.is_hs_code("84.29")
    assert not ref.is_hs_code("8480")  # valid HS heading, but not in the curated set
    assert ref.is_hs_code("8480", known_only=False)
    assert ref.is_hs_code("848071", known_only=False)
    assert not ref.is_hs_code("848071")
    assert not ref.is_hs_code("77")
    assert not ref.is_hs_code("7701", known_only=False)
    assert not ref.is_hs_code("98")
    assert not ref.is_hs_code("842")
    assert not ref.is_hs_code("８４")  # full-width digits
    assert not ref.is_hs_code(84)
    with pytest.raises(KeyError, match="HS"):
        ref.hs_label("8480")
    with pytest.raises(KeyError):
        ref.hs_headings("98")


def test_related_isic_covers_every_goods_chapter() -> None:
    divisions = {d.code for d in ref.isic_divisions()}
    for chapter in ref.hs_chapters():
        related = ref.hs_related_isic(chapter.code)
        assert related, chapter.code
        assert set(related) <= divisions, chapter.code
        # goods come from agriculture, mining or manufacturing (or art: chapter 97)
        assert {ref.isic_section_of(d) for d in related} & {"A", "B", "C"} or chapter.code == "97"
    assert ref.hs_related_isic("10") == ("01",)
    assert ref.hs_related_isic("84")[0] == "28"
    assert ref.hs_related_isic("8703") == ref.hs_related_isic("87")
    assert ref.hs_related_isic("77") == ()


def test_heading_choices_grouped_by_chapter() -> None:
    groups = ref.hs_heading_choices("zh-hans")
    assert sum(len(items) for _, items in groups) == len(ref.hs_headings())
    assert all(label.startswith(code + " — ") for _, items in groups for code, label in items)
    assert len(ref.hs_chapter_choices("kk")) == 96


def test_the_21_sections_cover_every_chapter_once_in_order() -> None:
    sections = ref.hs_sections()
    assert [s.code for s in sections][:5] == ["I", "II", "III", "IV", "V"]
    assert len(sections) == 21
    covered = [
        f"{n:02d}" for s in sections for n in range(int(s.first_chapter), int(s.last_chapter) + 1)
    ]
    assert covered == [f"{n:02d}" for n in range(1, 98)]
    assert ref.hs_section_of("2607").label("en") == "Mineral products"
    assert ref.hs_section_of("84.29").code == ref.hs_section_of("8504").code == "XVI"
    assert all(s.label(lang) for s in sections for lang in ("en", "zh-hans", "ru", "kk"))
