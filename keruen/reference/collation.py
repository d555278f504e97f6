"""Language-aware sort keys for localized names (no ICU dependency).

* ``en``: accents ignored, case-insensitive (``Åland Islands`` sorts with the A's).
* ``ru``: Russian alphabet order (``ё`` right after ``е``).
* ``kk``: Kazakh Cyrillic alphabet order (``ә`` after ``а``, ``ғ`` after ``г``, ``қ`` after
  ``к``, ``ң`` after ``н``, ``ө`` after ``о``, ``ұ`` and ``ү`` after ``у``, ``һ`` after ``х``,
  ``і`` after ``ы``).
* ``zh-hans``: pinyin order, as in Chinese dictionaries and indexes: by the syllable's
  letters, then its tone (阿 ā before 啊 a), then the character; readings come from
  pypinyin, with its phrases for characters read several ways (重庆 chóngqìng, not
  zhòngqìng).

Letters outside the language's script (names left in English because a catalogue lacks a
translation) sort after it; spaces and punctuation sort before any letter, so ``"Guinea"`` <
``"Guinea-Bissau"`` < ``"Guineas"``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from keruen.reference.languages import normalize_lang

_RU_ALPHABET: Final = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_KK_ALPHABET: Final = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"

# One tuple per character: (class, rank) or, for a Chinese character, (class, pinyin, rank).
SortKey = tuple[tuple[int, int] | tuple[int, str, int], ...]


def _alphabet_key(alphabet: str) -> Callable[[str], SortKey]:
    rank = {ch: i for i, ch in enumerate(alphabet)}

    def key(text: str) -> SortKey:
        out: list[tuple[int, int]] = []
        for ch in text.casefold():
            if ch in rank:
                out.append((1, rank[ch]))
            elif ch.isalnum():
                # Other scripts (e.g. a name left in English) after the alphabet, without accents.
                base = unicodedata.normalize("NFKD", ch)[0]
                out.append((2, ord(base)) if base.isascii() else (3, ord(ch)))
            else:
                out.append((0, ord(ch)))
        return tuple(out)

    return key


def _latin_key(text: str) -> SortKey:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return tuple(
        (0, ord(ch)) if not ch.isalnum() else (1, ord(ch))
        for ch in decomposed
        if not unicodedata.combining(ch)
    )


def _han_key(text: str) -> SortKey:
    from pypinyin import Style, lazy_pinyin  # its tables load on first use (~0.1 s)

    folded = text.casefold()
    # One reading per Han character, read in context; anything else is passed through
    # character by character, so that readings and characters stay aligned.
    readings = lazy_pinyin(
        folded,
        style=Style.TONE3,
        neutral_tone_with_five=True,
        errors=list,  # type: ignore[arg-type]  # a list back is documented: one per character
    )
    if len(readings) != len(folded):  # not seen; a name still sorts, by code point
        readings = list(folded)
    out: list[tuple[int, int] | tuple[int, str, int]] = []
    for ch, reading in zip(folded, readings, strict=True):
        if not ch.isalnum():
            out.append((0, ord(ch)))
        elif _is_han(ch):
            # "an1" < "ang1": the tone digit sorts before any letter, as in dictionaries.
            out.append((1, reading, ord(ch)))
        else:
            out.append((2, ord(ch)))  # names left in English sort after the Chinese ones
    return tuple(out)


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


_KEYS: Final[dict[str, Callable[[str], SortKey]]] = {
    "en": _latin_key,
    "ru": _alphabet_key(_RU_ALPHABET),
    "kk": _alphabet_key(_KK_ALPHABET),
    "zh-hans": _han_key,
}


@lru_cache(maxsize=8)
def sort_key(lang: str | None) -> Callable[[str], SortKey]:
    """Return a ``key=`` function that sorts strings in ``lang``'s alphabetical order."""
    return _KEYS[normalize_lang(lang)]
