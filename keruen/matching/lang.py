"""Language detection by script for the four languages of an expo: zh, kk, ru, en.

Profiles are short and often mixed (a Russian sentence quoting "IEC 61215" or a Chinese
text naming "TOPCon"), so we count letters per script instead of trusting the first word.
"""

from __future__ import annotations

import re
from typing import Final, Literal

Language = Literal["en", "zh", "ru", "kk"]
LANGUAGES: Final[tuple[Language, ...]] = ("en", "zh", "ru", "kk")

# Letters that exist in Kazakh Cyrillic but not in Russian. In Kazakh prose a third to two
# thirds of the words contain one; a Russian sentence quoting a Kazakh place name ("Қорғас")
# has one such word among many, so we count words, not letters.
_KAZAKH_LETTERS: Final = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Kazakh words written with Russian letters only, and not Russian words: "or", "and/with",
# "conforming to", "year", "this", "that", "it", "only". They count as Kazakh words, so that a
# Kazakh sentence full of international terms ("...коагулянттары, биг-бэгтермен немесе
# автоцистерналармен, GB 15892 стандартына сай") is not taken for Russian.
_KAZAKH_PLAIN_WORDS: Final = frozenset(
    ["немесе", "мен", "бен", "пен", "сай", "жыл", "жылы", "осы", "сол", "ол", "тек"]
)
_KAZAKH_WORD_SHARE: Final = 0.2
_CYRILLIC_WORD = re.compile("[\u0400-\u052f]+")


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= code <= 0x2FFFF  # extensions B and later
    )


def _is_kazakh_word(word: str) -> bool:
    return not _KAZAKH_LETTERS.isdisjoint(word) or word.lower() in _KAZAKH_PLAIN_WORDS


def _is_cyrillic(ch: str) -> bool:
    return 0x0400 <= ord(ch) <= 0x052F


def script_counts(text: str) -> dict[str, int]:
    """Count Han characters, Cyrillic and Latin letters, and Cyrillic words (all, and those
    with a Kazakh-only letter)."""
    words = _CYRILLIC_WORD.findall(text)
    counts = {
        "han": 0,
        "cyrillic": 0,
        "latin": 0,
        "cyrillic_words": len(words),
        "kazakh_words": sum(1 for w in words if _is_kazakh_word(w)),
    }
    for ch in text:
        if _is_han(ch):
            counts["han"] += 1
        elif _is_cyrillic(ch):
            counts["cyrillic"] += 1
        elif (ch.isascii() and ch.isalpha()) or "\u00c0" <= ch <= "\u024f":
            counts["latin"] += 1
    return counts


def detect_language(text: str, *, default: Language = "en") -> Language:
    """Return the language of ``text`` judged by its script.

    A Han character carries about as much content as a short word, so Han characters are
    weighted against Latin/Cyrillic *letters* with a factor of 3; this keeps a Chinese text
    with a few Latin product names Chinese, and an English text with one Chinese place name
    English. Text with no letters at all gets ``default``.
    """
    counts = script_counts(text)
    han_weight = 3 * counts["han"]
    if han_weight == 0 and counts["cyrillic"] == 0 and counts["latin"] == 0:
        return default
    if han_weight >= counts["cyrillic"] and han_weight >= counts["latin"]:
        return "zh"
    if counts["cyrillic"] >= counts["latin"]:
        kazakh_words = counts["kazakh_words"]
        is_kazakh = (
            kazakh_words > 0 and kazakh_words >= _KAZAKH_WORD_SHARE * counts["cyrillic_words"]
        )
        return "kk" if is_kazakh else "ru"
    return "en"
