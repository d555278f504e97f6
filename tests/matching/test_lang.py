import pytest

from keruen.matching.lang import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We manufacture TOPCon solar modules.", "en"),
        ("我司为中国单晶TOPCon光伏组件制造商，产品功率560–590瓦。", "zh"),
        ("Китайский производитель солнечных модулей TOPCon.", "ru"),
        ("Біз күн модульдерін шығаратын қытайлық өндірушіміз.", "kk"),
        # Russian quoting a Kazakh place name stays Russian.
        ("Отгружаем железной дорогой через Қорғас, сертификаты IEC 61215 и TÜV.", "ru"),
        # Chinese with long Latin product names stays Chinese.
        ("我司提供TOPCon双面光伏组件，符合IEC 61215标准。", "zh"),
        # English quoting a Chinese place name stays English.
        ("Warehouse space near the Khorgos gateway 霍尔果斯 for rent to logistics firms.", "en"),
        ("Ищем поставщика солнечных панелей, пишите на sales@example.com", "ru"),
        # Kazakh made mostly of international terms, told by its plain Kazakh words.
        (
            "Ауыз су станцияларына арналған алюминий полиоксихлориді мен темір сульфаты "
            "коагулянттары, биг-бэгтермен немесе автоцистерналармен, GB 15892 стандартына сай.",
            "kk",
        ),
    ],
)
def test_detects_language_by_script(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_text_without_letters_gets_the_default() -> None:
    assert detect_language("2025 — 45 %", default="ru") == "ru"
    assert detect_language("") == "en"
