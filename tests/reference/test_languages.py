"""UI language normalisation and collation."""

from __future__ import annotations

import pytest

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
