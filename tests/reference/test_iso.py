"""Countries, languages and currencies through pycountry's gettext catalogues."""

from __future__ import annotations

import pytest

from keruen import reference as ref


def test_catalogues_found() -> None:
    for domain in ("iso3166-1", "iso639-3", "iso4217"):
        assert ref.has_translation(domain, "zh-hans")
        assert ref.has_translation(domain, "ru")
        assert ref.has_translation(domain, "en")
    assert ref.has_translation("iso3166-1", "kk")


def test_country_names() -> None:
    assert ref.country_name("KZ", "ru") == "Казахстан"
    assert "中国" in ref.country_name("CN", "zh-hans")
    assert ref.country_name("KZ", "kk") == "Қазақстан"
    assert ref.country_name("KZ") == "Kazakhstan"
    assert ref.country_name("kz", "ru-RU") == "Казахстан"
    assert ref.country_name("UZ", "zh_CN") == "乌兹别克斯坦"
    assert ref.country_name("KR") == "South Korea"  # common name preferred
    assert ref.country_name("KG", "ru") == "Кыргызстан"  # override
    assert ref.country_name("KG", "zh-hans") == "吉尔吉斯斯坦"  # override
    assert ref.country_name("KZ", "de") == "Kazakhstan"  # unknown UI language -> English


def test_language_names_inside_a_sentence_are_lower_case_where_the_language_says_so() -> None:
    assert ref.language_in_sentence("kk", "ru") == "казахский"
    assert ref.language_in_sentence("zh", "kk") == ref.language_name("zh", "kk").lower()
    assert ref.language_in_sentence("kk", "en") == "Kazakh"
    assert ref.language_in_sentence("ru", "zh-hans") == "俄语"


def test_language_names() -> None:
    assert ref.language_name("kk", "ru") == "Казахский"
    assert ref.language_name("ru", "zh-hans") == "俄语"
    assert ref.language_name("zh", "zh-hans") == "中文"
    assert ref.language_name("ky") == "Kyrgyz"
    assert ref.language_name("kaz") == "Kazakh"
    for code in [
        "en",
        "zh",
        "ru",
        "kk",
        "uz",
        "ky",
        "tg",
        "tk",
        "mn",
        "tr",
        "az",
        "ur",
        "fa",
        "ar",
        "de",
        "fr",
    ]:
        assert ref.is_language(code)
        for lang in ref.UI_LANGUAGES:
            assert ref.language_name(code, lang)
        # Kazakh names for these come from data/iso_names.json (no iso639-3 catalogue for kk)
        assert ref.language_name(code, "kk").endswith(" тілі")


def test_every_language_has_a_kazakh_name_in_cyrillic() -> None:
    # iso-codes has no Kazakh catalogue for languages: data/iso_names.json names them all.
    for code in ref.language_codes():
        name = ref.language_name(code, "kk")
        assert name != ref.language_name(code, "en"), code
        assert all(not ("a" <= ch.lower() <= "z") for ch in name), (code, name)


def test_kazakh_currencies_fall_back_to_english_without_a_catalogue() -> None:
    assert not ref.has_translation("iso639-3", "kk")
    assert not ref.has_translation("iso4217", "kk")
    assert ref.currency_name("BRL", "kk") == ref.currency_name("BRL", "en") == "Brazilian Real"
    assert ref.currency_name("KZT", "kk") == "Қазақстан теңгесі"


def test_currency_names() -> None:
    assert ref.currency_name("RUB", "ru") == "Российский рубль"
    assert ref.currency_name("CNY", "zh-hans") == "人民币"
    assert ref.currency_name("usd", "ru") == "Доллар США"
    assert ref.currency_name("KZT") == "Kazakhstani Tenge"


def test_validation_and_unknown_codes() -> None:
    assert ref.is_country("KZ")
    assert ref.is_country("cn")
    assert not ref.is_country("XX")
    assert not ref.is_country("KAZ")
    assert not ref.is_country(None)
    assert ref.is_currency("KZT")
    assert ref.is_currency("cny")
    assert not ref.is_currency("XYZ")
    assert not ref.is_currency("KZ")
    assert not ref.is_language("xx")
    assert not ref.is_language("english")
    with pytest.raises(KeyError, match="country"):
        ref.country_name("XX")
    with pytest.raises(KeyError, match="currency"):
        ref.currency_name("ABC", "ru")
    with pytest.raises(KeyError, match="language"):
        ref.language_name("qq")


def test_choices_complete_and_sorted_by_localized_name() -> None:
    for lang in ref.UI_LANGUAGES:
        key = ref.sort_key(lang)
        for choices in (
            ref.country_choices(lang),
            ref.language_choices(lang),
            ref.currency_choices(lang),
        ):
            names = [name for _, name in choices]
            assert names == sorted(names, key=key)
            assert len({code for code, _ in choices}) == len(choices)
    assert len(ref.country_choices()) == len(ref.country_codes()) >= 249
    assert len(ref.currency_choices("ru")) == len(ref.currency_codes())
    assert len(ref.language_choices("kk")) == len(ref.language_codes()) >= 180


def test_choices_collation() -> None:
    en = [name for _, name in ref.country_choices("en")]
    assert en.index("Åland Islands") < en.index("Albania")
    ru = [name for _, name in ref.country_choices("ru")]
    assert ru[0] == "Австралия"
    assert ru.index("Австралия") < ru.index("Австрия") < ru.index("Казахстан") < ru.index("Япония")
    kk = [name for _, name in ref.country_choices("kk")]
    # Kazakh order: А < Ә < Б
    assert kk.index("Албания") < kk.index("Әзірбайжан") < kk.index("Бахрейн")
    assert kk.index("Қазақстан") > kk.index("Кувейт")
    zh = [code for code, _ in ref.country_choices("zh-hans")]
    assert set(zh) == set(ref.country_codes())


def test_choices_for_a_subset() -> None:
    choices = ref.country_choices("ru", ["CN", "kz", "RU", "UZ"])
    assert choices == [
        ("KZ", "Казахстан"),
        ("CN", "Китай"),
        ("RU", "Россия"),  # the short name, as in Kazakh and Chinese (not "Российская Федерация")
        ("UZ", "Узбекистан"),
    ]
    assert ref.language_choices("en", ["ru", "en"]) == [("en", "English"), ("ru", "Russian")]
    assert [c for c, _ in ref.currency_choices("kk", ["USD", "KZT"])] == ["USD", "KZT"]


def test_russia_is_called_by_its_short_name_in_every_language() -> None:
    # pycountry has no common name for RU: "Russian Federation" read "partners in Russian
    # Federation" in sentences, where Kazakh and Chinese say "Ресей", "俄罗斯".
    names = [ref.country_name("RU", lang) for lang in ("en", "ru", "kk", "zh-hans")]
    assert names == ["Russia", "Россия", "Ресей", "俄罗斯"]


def test_a_country_inside_an_english_sentence_takes_the_article_it_needs() -> None:
    assert ref.country_in_sentence("US", "en") == "the United States"
    assert ref.country_in_sentence("nl", "en") == "the Netherlands"
    assert ref.country_in_sentence("KZ", "en") == "Kazakhstan"
    assert ref.country_in_sentence("US", "ru") == "США"
    # pycountry's inverted names ("Congo, The Democratic Republic of the") read as prose.
    assert ref.country_in_sentence("CD", "en") == "the Democratic Republic of the Congo"
    assert ref.country_name("VG", "en") == "British Virgin Islands"


def test_a_country_has_the_iso_names_official_papers_use() -> None:
    russia = ref.country_iso_names("RU")
    assert {"Russian Federation", "Российская Федерация"} <= set(russia)
    assert "Russia" not in russia  # the name shown is ours, not ISO's
    korea = ref.country_iso_names("kr")
    # The ISO name, the common name, and the inverted name put straight.
    assert korea[:3] == ("Korea, Republic of", "South Korea", "Republic of Korea")
    assert {"大韩民国", "Республика Корея", "Корея Республикасы"} <= set(korea)
    assert "The Democratic Republic of the Congo" in ref.country_iso_names("CD")
    assert "State of Palestine" in ref.country_iso_names("PS")
    # Names that only look inverted stay as they are.
    assert ref.country_iso_names("TW")[0] == "Taiwan, Province of China"
    assert "Province of China Taiwan" not in ref.country_iso_names("TW")
    assert "Sint Eustatius and Saba Bonaire" not in ref.country_iso_names("BQ")
    with pytest.raises(KeyError, match="country"):
        ref.country_iso_names("XX")


def test_a_country_alpha2_code_from_any_of_its_iso_codes() -> None:
    assert ref.country_alpha2("KAZ") == ref.country_alpha2("kaz") == "KZ"
    assert ref.country_alpha2("398") == ref.country_alpha2(" kz ") == "KZ"
    assert ref.country_alpha2("004") == "AF"
    for code in ["SUN", "4", "XXX", "", "КАЗ"]:  # withdrawn, not as ISO writes it, none
        with pytest.raises(KeyError, match="country"):
            ref.country_alpha2(code)


def _has_latin_letter(text: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in text)


def test_every_language_has_a_chinese_name_without_latin_letters() -> None:
    # iso-codes' zh_CN catalogue leaves some untranslated ("Divehi") or mistyped ("阿法尔语l").
    for code in ref.language_codes():
        name = ref.language_name(code, "zh-hans")
        assert not _has_latin_letter(name), (code, name)
        assert "(" not in name, (code, name)  # no "(宏语言)", "(1453-)"
        assert "（" not in name, (code, name)
    assert ref.language_name("aa", "zh-hans") == "阿法尔语"
    assert ref.language_name("ny", "zh-hans") == "齐切瓦语"
    assert ref.language_name("dv", "zh-hans") == "迪维希语"
    assert ref.language_name("gd", "zh-hans") == "苏格兰盖尔语"
    assert ref.language_name("el", "zh-hans") == "希腊语"
    assert ref.language_name("lo", "zh-hans") == "老挝语"  # not Taiwan's 寮语


def test_every_language_has_a_russian_name_in_cyrillic() -> None:
    for code in ref.language_codes():
        name = ref.language_name(code, "ru")
        assert not _has_latin_letter(name), (code, name)
        assert "макроязык" not in name, (code, name)


def test_chinese_country_names_are_the_mainland_standard_ones() -> None:
    expected = {
        "KH": "柬埔寨",
        "MT": "马耳他",
        "GT": "危地马拉",
        "BD": "孟加拉国",
        "PF": "法属波利尼西亚",
        "IM": "马恩岛",
        "RS": "塞尔维亚",
        "SA": "沙特阿拉伯",
        "NZ": "新西兰",
        "HN": "洪都拉斯",
        "CR": "哥斯达黎加",
        "NG": "尼日利亚",
        "KE": "肯尼亚",
        "TZ": "坦桑尼亚",
        "MZ": "莫桑比克",
        "ZW": "津巴布韦",
        "MU": "毛里求斯",
        "GE": "格鲁吉亚",
        "YE": "也门",
        "SO": "索马里",
        "LK": "斯里兰卡",
        "LA": "老挝",
        "BN": "文莱",
        "TL": "东帝汶",
        "CY": "塞浦路斯",
        "BA": "波斯尼亚和黑塞哥维那",
        "MK": "北马其顿",
        "ME": "黑山",
        "CV": "佛得角",
        "CI": "科特迪瓦",
        "SL": "塞拉利昂",
        "SR": "苏里南",
        "BZ": "伯利兹",
        "TT": "特立尼达和多巴哥",
        "VU": "瓦努阿图",
        "PG": "巴布亚新几内亚",
    }
    assert {code: ref.country_name(code, "zh-hans") for code in expected} == expected
    for code in ref.country_codes():
        name = ref.country_name(code, "zh-hans")
        assert not _has_latin_letter(name), (code, name)
        assert "(" not in name, (code, name)  # Chinese text takes full-width brackets


def test_english_language_names_carry_no_catalogue_qualifiers() -> None:
    # iso-codes' "Occitan (post 1500)" and "Tonga (Tonga Islands)" are catalogue entries,
    # not what a delegate calls the language they speak.
    names = [name for _, name in ref.language_choices("en")]
    assert [name for name in names if "(" in name or "," in name] == []
    assert ref.language_name("oc") == "Occitan"
    assert ref.language_name("to") == "Tongan"
