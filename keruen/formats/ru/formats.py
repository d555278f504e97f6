"""Russian day formats (the rest is Django's: "25 июня 2027 г.", "25.06.2027 09:30").

Inside a date Russian writes the month in the genitive and the weekday in lower case:
"пт, 25 июня", "пятница, 25 июня 2027 г.". Django's weekday names are capitalised for
standalone use ("Пт", "Пятница"), so the in-date ones are given here.
"""

DAY_MONTH_FORMAT = "j E"  # 25 июня
SHORT_DAY_FORMAT = "D, j E"  # пт, 25 июня
DAY_HEADING_FORMAT = "l, j E Y г."  # пятница, 25 июня 2027 г.
DATE_SPAN_SAME_MONTH = ("j", "j E Y г.")  # 24–28 июня 2027 г.
DATE_SPAN_SAME_YEAR = ("j E", "j E Y г.")  # 28 июня – 2 июля 2027 г.

WEEKDAY_ABBREVIATIONS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
WEEKDAY_NAMES = (
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
)
