"""Reference data shipped with Keruen: pure Python, no Django, no database tables.

* **ISIC Rev.4** industry classification: 21 sections (A–U) and 88 divisions (01–99).
* **HS 2022** goods nomenclature: 21 sections (:func:`hs_section_of`), 97 chapters (chapter
  77 is reserved: kept in the data with ``reserved=True``, left out of :func:`hs_chapters` and
  rejected by :func:`is_hs_code`) and a curated selection of four-digit headings relevant to
  China–Central Asia trade.
* A mapping HS chapter → typical ISIC divisions (:func:`hs_related_isic`), and the 14 expo
  sectors with their ISIC divisions and typical HS codes.
* Countries, languages and currencies through pycountry's gettext catalogues.

Every label exists in the four interface languages ``en``, ``zh-hans``, ``ru`` and ``kk``.
``lang`` arguments accept any common spelling (``"zh_CN"``, ``"ru-RU"``) and fall back to
English for languages outside those four. Unknown codes raise :class:`KeyError` with a message
that names the code. Data files are read lazily, once per process.

Example::

    >>> from keruen import reference as ref
    >>> ref.isic_label("35", "ru")
    'Обеспечение электрической энергией, газом и паром; кондиционирование воздуха'
    >>> ref.hs_chapter_of("8541.40"), ref.hs_related_isic("85")
    ('85', ('27', '26'))
    >>> ref.country_name("KZ", "zh-hans")
    '哈萨克斯坦'
"""

from __future__ import annotations

from keruen.reference.collation import sort_key
from keruen.reference.iso import (
    country_alpha2,
    country_choices,
    country_codes,
    country_in_sentence,
    country_iso_names,
    country_name,
    currency_choices,
    currency_codes,
    currency_name,
    has_translation,
    is_country,
    is_currency,
    is_language,
    language_choices,
    language_code,
    language_codes,
    language_in_sentence,
    language_name,
)
from keruen.reference.languages import (
    DEFAULT_LANGUAGE,
    GETTEXT_LOCALES,
    UI_LANGUAGES,
    UiLang,
    gettext_locale,
    normalize_lang,
)
from keruen.reference.taxonomy import (
    Choices,
    Entry,
    GroupedChoices,
    HsChapter,
    HsHeading,
    HsSection,
    IsicDivision,
    IsicSection,
    Sector,
    hs_chapter_choices,
    hs_chapter_of,
    hs_chapters,
    hs_entry,
    hs_heading_choices,
    hs_headings,
    hs_label,
    hs_nearest,
    hs_related_isic,
    hs_section_of,
    hs_sections,
    is_hs_code,
    is_isic_code,
    is_sector,
    isic_choices,
    isic_divisions,
    isic_entry,
    isic_label,
    isic_section_choices,
    isic_section_of,
    isic_sections,
    normalize_hs,
    normalize_isic,
    sector,
    sector_choices,
    sector_hs_headings,
    sector_isic_divisions,
    sector_label,
    sectors,
    sectors_for_hs,
    sectors_for_isic,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "GETTEXT_LOCALES",
    "UI_LANGUAGES",
    "Choices",
    "Entry",
    "GroupedChoices",
    "HsChapter",
    "HsHeading",
    "HsSection",
    "IsicDivision",
    "IsicSection",
    "Sector",
    "UiLang",
    "country_alpha2",
    "country_choices",
    "country_codes",
    "country_in_sentence",
    "country_iso_names",
    "country_name",
    "currency_choices",
    "currency_codes",
    "currency_name",
    "gettext_locale",
    "has_translation",
    "hs_chapter_choices",
    "hs_chapter_of",
    "hs_chapters",
    "hs_entry",
    "hs_heading_choices",
    "hs_headings",
    "hs_label",
    "hs_nearest",
    "hs_related_isic",
    "hs_section_of",
    "hs_sections",
    "is_country",
    "is_currency",
    "is_hs_code",
    "is_isic_code",
    "is_language",
    "is_sector",
    "isic_choices",
    "isic_divisions",
    "isic_entry",
    "isic_label",
    "isic_section_choices",
    "isic_section_of",
    "isic_sections",
    "language_choices",
    "language_code",
    "language_codes",
    "language_in_sentence",
    "language_name",
    "normalize_hs",
    "normalize_isic",
    "normalize_lang",
    "sector",
    "sector_choices",
    "sector_hs_headings",
    "sector_isic_divisions",
    "sector_label",
    "sectors",
    "sectors_for_hs",
    "sectors_for_isic",
    "sort_key",
]
