from keruen.matching.taxonomy import hs_closeness, isic_section, sector_pairs


def test_hs_heading_beats_chapter_beats_related_chapter() -> None:
    assert hs_closeness({"854140"}, {"8541", "8402"}) == ("heading", ("854140",), ("8541",))
    assert hs_closeness({"8541"}, {"8504"}) == ("chapter", ("8541",), ("8504",))
    assert hs_closeness({"8541"}, {"8428"}) == ("related_chapter", ("8541",), ("8428",))
    assert hs_closeness({"1001"}, {"8428"}) is None
    assert hs_closeness(set(), {"8428"}) is None


def test_isic_finest_shared_level() -> None:
    assert sector_pairs({"3510"}, {"3510", "0111"})[:2] == ("class", ("3510",))
    assert sector_pairs({"3510"}, {"3520"})[:2] == ("division", ("35",))
    assert sector_pairs({"0111"}, {"0210"})[:2] == ("section", ("A",))
    assert sector_pairs({"A"}, {"0111"})[:2] == ("section", ("A",))
    assert sector_pairs({"0111"}, {"3510"}) is None


def test_isic_section_of_divisions() -> None:
    assert isic_section("49") == "H"
    assert isic_section("6419") == "K"
    assert isic_section("x1") is None


def test_sector_pairs_name_each_sides_codes_at_the_shared_level() -> None:
    assert sector_pairs({"1061"}, {"2710", "27", "0111"}) == (
        "section",
        ("C",),
        ("1061",),
        ("27", "2710"),
    )
    assert sector_pairs({"3510", "0111"}, {"3520"}) == ("division", ("35",), ("3510",), ("3520",))
    assert sector_pairs({"0111"}, {"3510"}) is None
