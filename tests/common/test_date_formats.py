"""Days and times are written the reader's way in every interface language.

Templates used to hard-code Django formats: "D j M" gave "星期五 25 六月" in Chinese and
"Чт 24 Июн" in Russian, and English pages mixed "06/24/2027 10 a.m." with 24-hour times.
Each language's format module (``keruen.formats``) now names how a day is written, and
English is day first on the 24-hour clock.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from keruen.formats.days import DAY_FORMATS, date_span, day_format
from tests.factories import ProgrammeSessionFactory
from tests.portal.conftest import client_for

FRIDAY = dt.date(2027, 6, 25)
LANGUAGES = [code for code, _ in settings.LANGUAGES]

#: Friday 25 June 2027 in each language: day and month, short with the weekday, heading.
EXPECTED = {
    "en": ("25 Jun", "Fri 25 Jun", "Friday 25 June 2027"),
    "ru": ("25 июня", "пт, 25 июня", "Пятница, 25 июня 2027 г."),  # a heading starts capitalised
    "kk": ("25 маусым", "25 маусым, жм", "2027 ж. 25 маусым, жұма"),
    "zh-hans": ("6月25日", "6月25日 周五", "2027年6月25日 星期五"),
}


def _render(source: str, **context: object) -> str:
    return Template("{% load keruen_dates %}" + source).render(Context(context))


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_writes_a_day_its_own_way(language) -> None:
    with translation.override(language):
        written = _render(
            "{{ day|day_month }}|{{ day|short_day }}|{{ day|day_heading }}", day=FRIDAY
        )
    assert tuple(written.split("|")) == EXPECTED[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_defines_the_day_formats_and_its_names(language) -> None:
    """A name missing from a language would be printed as a format ("SHORT_DAY_FORMAT"
    is a valid Django format string), so each interface language has its own module."""
    with translation.override(language):
        for name in DAY_FORMATS:
            assert formats.get_format(name) != name, (language, name)
        for name, count in (
            ("WEEKDAY_ABBREVIATIONS", 7),
            ("WEEKDAY_NAMES", 7),
            ("MONTH_NAMES_IN_DATE", 12),
        ):
            names = formats.get_format(name)
            assert names == name or len(names) == count, (language, name)


def test_a_week_in_russian_and_kazakh_is_in_lower_case() -> None:
    week = [FRIDAY + dt.timedelta(days=n) for n in range(7)]
    for language in ("ru", "kk"):
        with translation.override(language):
            for day in week:
                written = day_format(day, "DAY_HEADING_FORMAT")
                assert written == written.lower(), written
    with translation.override("kk"):
        months = {day_format(dt.date(2027, m, 1), "DAY_MONTH_FORMAT") for m in range(1, 13)}
    assert "1 желтоқсан" in months
    assert all(month == month.lower() for month in months)


def test_a_datetime_is_shown_on_the_current_clock() -> None:
    """Like Django's ``date`` filter: 20:00 UTC on Thursday is Friday morning in Ürümqi."""
    moment = dt.datetime(2027, 6, 24, 20, 0, tzinfo=dt.UTC)
    with translation.override("zh-hans"):
        written = _render(
            '{% load tz %}{% timezone "Asia/Urumqi" %}{{ moment|short_day }} '
            '{{ moment|time:"H:i" }}{% endtimezone %}',
            moment=moment,
        )
    assert written == "6月25日 周五 02:00"


def test_no_value_gives_an_empty_string_and_no_language_the_default_one() -> None:
    assert _render("[{{ day|short_day }}]", day=None) == "[]"
    with translation.override(None):
        assert day_format(FRIDAY, "SHORT_DAY_FORMAT") == "Fri 25 Jun"
    with pytest.raises(ValueError, match="unknown day format"):
        day_format(FRIDAY, "D j M")


def test_english_is_day_first_on_the_24_hour_clock() -> None:
    evening = dt.datetime(2026, 11, 30, 20, 44)
    with translation.override("en"):
        assert formats.date_format(evening, "SHORT_DATETIME_FORMAT") == "30 Nov 2026, 20:44"
        assert formats.date_format(evening, "DATETIME_FORMAT") == "30 November 2026, 20:44"
        assert formats.date_format(evening, "SHORT_DATE_FORMAT") == "30 Nov 2026"
        assert formats.date_format(evening, "DATE_FORMAT") == "30 November 2026"
        assert formats.time_format(evening.replace(hour=10, minute=0)) == "10:00"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_is_on_the_24_hour_clock(language) -> None:
    evening = dt.datetime(2026, 11, 30, 20, 44)
    with translation.override(language):
        for name in ("TIME_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            written = formats.date_format(evening, name)
            assert "20:44" in written, (name, written)
            assert not re.search(r"[ap]\.m\.|AM|PM|上午|下午|д\.п|п\.п|Т\.Ж|Т\.Қ", written)


# The pages that show days, in each language (the factory's event is in Shanghai, UTC+8:
# a session at 17:00 UTC on Friday 26 June 2026 is at 01:00 on Saturday there).
PAGE_DAYS = {
    "en": "Saturday 27 June 2026",
    "ru": "Суббота, 27 июня 2026 г.",
    "kk": "2026 ж. 27 маусым, сенбі",
    "zh-hans": "2026年6月27日 星期六",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_programme_and_a_delegates_sessions_show_days_in_the_readers_language(
    language, two_delegates
) -> None:
    delegate = two_delegates[0]
    start = dt.datetime(2026, 6, 26, 17, 0, tzinfo=dt.UTC)
    ProgrammeSessionFactory(event=delegate.event, start=start, end=start + dt.timedelta(hours=2))
    heading = PAGE_DAYS[language]
    client = client_for(delegate, language)
    programme = client.get(f"/{delegate.event.slug}/programme/").content.decode()
    assert f"<h2>{heading}</h2>" in programme
    sessions = client.get(f"/{delegate.event.slug}/me/sessions/").content.decode()
    assert f"<h2>{heading}</h2>" in sessions  # by day, as the programme


TEMPLATE_DIRS = sorted(Path(settings.BASE_DIR).glob("**/templates"))
#: A ``date`` filter with a format that names a weekday or a month (D l M F N b E) and is
#: not one of the named formats: the order and the case of these differ by language.
HARD_CODED = re.compile(r"""\|date:(["'])(?![A-Z_]+_FORMAT\1)[^"']*[DlMFNbE][^"']*\1""")


def test_no_template_hard_codes_a_weekday_or_month_format() -> None:
    assert HARD_CODED.search('{{ day|date:"D j M" }}')
    assert not HARD_CODED.search('{{ day|date:"SHORT_DATE_FORMAT" }} {{ day|date:"Y-m-d" }}')
    offending = {
        path.relative_to(folder).as_posix()
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.*")
        if path.suffix in {".html", ".txt"} and HARD_CODED.search(path.read_text("utf-8"))
    }
    assert offending == set(), "use |day_month, |short_day or |day_heading"


#: An event's days in each language: within a month, across months, across years.
SPANS = {
    "en": ("24–28 June 2027", "28 June – 2 July 2027", "30 December 2027 – 2 January 2028"),
    "ru": (
        "24–28 июня 2027 г.",
        "28 июня – 2 июля 2027 г.",
        "30 декабря 2027 г. – 2 января 2028 г.",
    ),
    "kk": ("2027 ж. 24–28 маусым", "2027 ж. 28 маусым – 2 шілде", "30.12.2027 – 02.01.2028"),
    "zh-hans": ("2027年6月24日–28日", "2027年6月28日 – 7月2日", "2027年12月30日 – 2028年1月2日"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_events_days_write_the_shared_year_and_month_once(language) -> None:
    spans = [
        (dt.date(2027, 6, 24), dt.date(2027, 6, 28)),
        (dt.date(2027, 6, 28), dt.date(2027, 7, 2)),
        (dt.date(2027, 12, 30), dt.date(2028, 1, 2)),
    ]
    with translation.override(language):
        assert tuple(date_span(first, last) for first, last in spans) == SPANS[language]
        one_day = date_span(FRIDAY, FRIDAY)
        assert one_day == formats.date_format(FRIDAY, "DATE_FORMAT")
