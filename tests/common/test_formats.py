"""Kazakh pages format dates, times and numbers the Kazakh way (Django ships no kk formats)."""

from __future__ import annotations

import datetime

from django.utils import formats, translation

MOMENT = datetime.datetime(2027, 6, 24, 14, 30)


def test_kazakh_dates_are_day_first_on_the_24_hour_clock() -> None:
    with translation.override("kk"):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == "24.06.2027"
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "24.06.2027, 14:30"
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "24.06.2027 14:30"
        assert formats.number_format(1234567.5, 1, force_grouping=True) == "1\xa0234\xa0567,5"


def test_other_languages_keep_their_own_formats() -> None:
    """Russian keeps Django's; English is day first (tests/common/test_date_formats.py)."""
    with translation.override("ru"):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == "24 июня 2027 г."
    with translation.override("en"):
        assert formats.date_format(MOMENT, "DATE_FORMAT") == "24 June 2027"


def test_chinese_numbers_are_grouped_by_thousands() -> None:
    # Django's Chinese formats group nothing: "3310000000000" on the dashboard.
    with translation.override("zh-hans"):
        assert formats.number_format(3310000000000, 0, force_grouping=True) == "3,310,000,000,000"
