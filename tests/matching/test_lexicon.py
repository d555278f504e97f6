"""Lexical concept profiles: the taxonomy concepts a text names, in any of the four languages."""

import numpy as np
import pytest

from keruen import reference as ref
from keruen.matching.concepts import concept_labels
from keruen.matching.lexicon import (
    build_lexicon,
    default_lexicon,
    lexical_profiles,
    lexical_similarity,
    text_terms,
)
from keruen.matching.rank import DEFAULT_CONFIG, similarity_matrix

WHEAT = {
    "en": "We export milling wheat of the 2024 harvest, protein 12.5 %.",
    "ru": "Экспортируем продовольственную пшеницу урожая 2024 года, протеин 12,5 %.",
    "kk": "Біз 2024 жылғы өнімнің азықтық бидайын экспорттаймыз, протеин 12,5 %.",
    "zh": "我们出口2024年产优质小麦，蛋白质含量12.5%。",
}
SOLAR = {
    "en": "Bifacial solar modules of 580 W with a 30-year warranty.",
    "ru": "Двусторонние солнечные модули мощностью 580 Вт с гарантией 30 лет.",
    "kk": "Қуаты 580 Вт екі жақты күн модульдері, 30 жылдық кепілдік.",
    "zh": "双面太阳能组件，功率580瓦，质保30年。",
}


def _concept(code: str) -> int:
    """The row of HS heading ``code`` in the concept order (headings come first)."""
    headings = [entry.code for entry in ref.hs_headings()]
    return headings.index(code)


def test_terms_reach_past_inflection_and_drop_function_words_and_numbers() -> None:
    assert text_terms("пшеница", "ru") == text_terms("Пшеницу", "ru") == {"пшени"}
    assert text_terms("бидай бидайын", "kk") == {"бидай"}
    assert text_terms("wheat and the other 2024", "en") == {"wheat"}
    assert text_terms("и для из", "ru") == set()


def test_chinese_terms_are_character_pairs_within_a_phrase() -> None:
    label = {"label": True}
    assert text_terms("小麦及面粉", "zh", **label) == {"小麦", "面粉"}  # no pair across 及
    assert text_terms("其他谷物", "zh", **label) == {"谷物"}
    assert text_terms("TOPCon光伏组件", "zh", **label) == {"光伏", "伏组", "组件"}


def test_single_chinese_characters_are_terms_of_one_character_items_only() -> None:
    # A label item written in one character ("茶", tea) is a term; a character cut off by a
    # number ("超过100年的古物": antiques over 100 years) is not: "年" (year) is everywhere.
    assert text_terms("咖啡、茶、马黛茶", "zh", label=True) == {"咖啡", "茶", "马黛", "黛茶"}
    assert "年" not in text_terms("超过100年的古物", "zh", label=True)
    # A text's single characters are all there, to meet those labels.
    assert {"绿", "茶"} <= text_terms("绿茶出口", "zh")
    tea = [WHEAT["ru"].replace("пшеницу", "чай")]
    scores = lexical_similarity(tea, ["我们出口绿茶，每年三百吨。"], ["ru"], ["zh"])
    assert scores[0, 0] > 0.5


@pytest.mark.parametrize("language", ["en", "ru", "kk", "zh"])
def test_wheat_is_found_in_every_language(language: str) -> None:
    profile = default_lexicon().profile(WHEAT[language], language)
    assert profile[_concept("1001")] > 0
    assert profile[_concept("8541")] == 0


@pytest.mark.parametrize("language", ["en", "ru", "kk", "zh"])
def test_solar_modules_are_found_in_every_language(language: str) -> None:
    profile = default_lexicon().profile(SOLAR[language], language)
    assert int(np.argmax(profile)) == _concept("8541")


def test_texts_naming_the_same_concept_meet_across_languages() -> None:
    languages = ["en", "ru", "kk", "zh"]
    for first in languages:
        for second in languages:
            scores = lexical_similarity(
                [WHEAT[first]], [WHEAT[second], SOLAR[second]], [first], [second, second]
            )
            assert scores[0, 0] > 0.3, (first, second)
            assert scores[0, 1] == 0, (first, second)


def test_a_text_naming_no_concept_or_in_another_language_has_a_zero_profile() -> None:
    profiles = lexical_profiles(
        ["Hello, see you at the expo.", "Wir exportieren Weizen.", WHEAT["zh"]],
        ["en", "de", "zh-Hans"],
    )
    assert not profiles[0].any()
    assert not profiles[1].any()
    assert np.linalg.norm(profiles[2]) == pytest.approx(1.0)
    assert lexical_profiles([], []).shape == (0, len(concept_labels()))


def test_a_term_of_every_label_weighs_nothing_and_rarer_terms_weigh_more() -> None:
    labels = [
        ("steel pipes", "钢管", "стальные трубы", "болат құбырлар"),
        ("steel wire", "钢丝", "стальная проволока", "болат сым"),
        ("copper wire", "铜丝", "медная проволока", "мыс сым"),
    ]
    lexicon = build_lexicon(labels)
    assert {"steel", "wire"} <= set(lexicon.terms["en"])
    pipes = lexicon.profile("steel pipes", "en")
    assert pipes[0] > pipes[1] > 0  # "pipes" is rarer than "steel"
    assert pipes[2] == 0
    everywhere = build_lexicon([("steel pipes", "", "", ""), ("steel wire", "", "", "")])
    assert "steel" not in everywhere.terms["en"]


def test_the_ranker_uses_the_lexical_view_and_can_leave_it_out() -> None:
    from dataclasses import replace

    queries = [WHEAT["kk"]]
    candidates = [SOLAR["zh"], WHEAT["zh"]]
    without = replace(DEFAULT_CONFIG, lexical_weight=0.0)
    with_view = similarity_matrix(queries, candidates)
    plain = similarity_matrix(queries, candidates, config=without)
    lexical = lexical_similarity(queries, candidates, ["kk"], ["zh", "zh"])
    gained = (with_view - plain)[0]
    # With one query CSLS subtracts the row mean, so the gap between two columns is kept.
    assert gained[1] - gained[0] == pytest.approx(
        DEFAULT_CONFIG.lexical_weight * (lexical[0, 1] - lexical[0, 0]), abs=1e-4
    )


def test_coverage_is_the_share_of_a_label_a_query_holds() -> None:
    labels = concept_labels()
    cotton = next(row for row, concept in enumerate(labels) if concept[0] == "Cotton")
    oil = next(row for row, concept in enumerate(labels) if "cotton-seed oil" in concept[0])
    coverage = default_lexicon().coverage("мақта", "kk")
    assert coverage[cotton] == pytest.approx(1.0)
    assert 0 < coverage[oil] < 0.5
    assert not default_lexicon().coverage("мақта", "de").any()


def test_with_parents_a_heading_also_counts_for_its_chapter() -> None:
    labels = [
        ("Cotton yarn", "棉纱", "Хлопчатобумажная пряжа", "Мақта иірілген жібі"),
        ("Cotton", "棉花", "Хлопок", "Мақта"),
    ]
    plain, nested = build_lexicon(labels), build_lexicon(labels, parents=[1, -1])
    yarn_only = plain.profile("пряжа", "ru")
    assert yarn_only[1] == 0
    with_chapter = nested.profile("пряжа", "ru")
    assert with_chapter[1] == pytest.approx(0.5 * with_chapter[0])
    assert default_lexicon(with_parents=True).parents is not None
    assert default_lexicon().parents is None  # the ranker's: measured better without
