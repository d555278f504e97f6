"""UI language normalisation and collation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keruen import reference as ref


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("zh-hans", "zh-hans"),
        ("zh-Hans", "zh-hans"),
        ("zh_CN", "zh-hans"),
        ("zh", "zh-hans"),
        ("zh-Hant", "zh-hans"),
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("kk", "kk"),
        ("kk_KZ", "kk"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_normalize_lang(given: str | None, expected: str) -> None:
    assert ref.normalize_lang(given) == expected


def test_gettext_locales() -> None:
    assert [ref.gettext_locale(lang) for lang in ref.UI_LANGUAGES] == ["en", "zh_CN", "ru", "kk"]


def test_sort_keys() -> None:
    assert sorted(["ёж", "еда", "жук"], key=ref.sort_key("ru")) == ["еда", "ёж", "жук"]
    assert sorted(["Бала", "Әке", "Ана"], key=ref.sort_key("kk")) == ["Ана", "Әке", "Бала"]
    assert sorted(["Іле", "Ырыс", "Ұлан", "Үміт", "Уақыт"], key=ref.sort_key("kk")) == [
        "Уақыт",
        "Ұлан",
        "Үміт",
        "Ырыс",
        "Іле",
    ]
    assert sorted(["Zambia", "Åland", "Albania"], key=ref.sort_key("en")) == [
        "Åland",
        "Albania",
        "Zambia",
    ]
    assert sorted(["Guineas", "Guinea-Bissau", "Guinea"], key=ref.sort_key("en")) == [
        "Guinea",
        "Guinea-Bissau",
        "Guineas",
    ]
    # names left in English come after the localized ones
    assert sorted(["Divehi", "Якутский"], key=ref.sort_key("ru")) == ["Якутский", "Divehi"]
    assert sorted(["Divehi", "中文"], key=ref.sort_key("zh-hans")) == ["中文", "Divehi"]


def test_chinese_sorts_by_pinyin() -> None:
    by_pinyin = ref.sort_key("zh-hans")
    # Code point order would put 中 (U+4E2D) first and 阿 (U+963F) last.
    countries = ["中国", "阿富汗", "巴西", "埃及", "阿尔巴尼亚", "俄罗斯"]
    assert sorted(countries, key=by_pinyin) == [
        "阿尔巴尼亚",
        "阿富汗",
        "埃及",
        "巴西",
        "俄罗斯",
        "中国",
    ]
    # Read in context: 重庆 is chóngqìng (after 巴西, before 中国), not zhòngqìng.
    assert sorted(["中国", "重庆", "巴西"], key=by_pinyin) == ["巴西", "重庆", "中国"]
    # The syllable's letters first, then its tone: an (安 ān) before ang (昂 áng).
    assert sorted(["昂", "安"], key=by_pinyin) == ["安", "昂"]
    assert sorted(["马", "妈"], key=by_pinyin) == ["妈", "马"]  # mā before mǎ


@given(st.text(max_size=30))
def test_every_text_has_a_chinese_sort_key(text: str) -> None:
    key = ref.sort_key("zh-hans")(text)
    assert len(key) == len(text.casefold())
