"""Date, time and number formats per interface language (``FORMAT_MODULE_PATH``).

Each ``<locale>/formats.py`` here is read before Django's own module for the language, and
whatever it leaves out comes from Django's. Besides Django's names (``DATE_FORMAT``,
``SHORT_DATETIME_FORMAT``...) every interface language defines three of Keruen's, for the
days of an expo (see ``keruen.formats.days``)::

    DAY_MONTH_FORMAT    a day of the year:           25 Jun      25 июня       6月25日
    SHORT_DAY_FORMAT    the same with its weekday:   Fri 25 Jun  пт, 25 июня   6月25日 周五
    DAY_HEADING_FORMAT  a day's heading:             Friday 25 June 2027 / пятница, 25 июня
                                                     2027 г. / 2027年6月25日 星期五

A language may also give the names that go inside a date where Django's translations are
made for standalone use ("Пт", "Маусым"): ``WEEKDAY_ABBREVIATIONS`` and ``WEEKDAY_NAMES``
(Monday first) and ``MONTH_NAMES_IN_DATE`` (January first, for the ``E`` format character).
"""
