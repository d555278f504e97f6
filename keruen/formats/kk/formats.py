"""Kazakh date, time and number formats.

Django has Kazakh translations but no Kazakh formats, so Kazakh pages fell back to the
American ones ("Маусым 28, 2027, 2 Т.Ж."). Kazakhstan writes dates day first with dots and
times on the 24-hour clock, and groups digits like Russian. Numeric dates rather than month
names: Django's Kazakh month names are capitalised for standalone use ("Маусым"), which is
wrong inside a date.

The days of an expo do name the month and the weekday, in lower case as Kazakh writes them
inside a date ("25 маусым, жм", "2027 ж. 25 маусым, жұма"); Django's abbreviations are not
the usual ones ("Жм", "Сн" for Saturday) and its Friday is misspelt ("Жума"), so the names
are given here.
"""

DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "d.m"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Keruen's day formats (keruen.formats.days).
DAY_MONTH_FORMAT = "j E"  # 25 маусым
SHORT_DAY_FORMAT = "j E, D"  # 25 маусым, жм
DAY_HEADING_FORMAT = "Y ж. j E, l"  # 2027 ж. 25 маусым, жұма
DATE_SPAN_SAME_MONTH = ("Y ж. j", "j E")  # 2027 ж. 24–28 маусым
DATE_SPAN_SAME_YEAR = ("Y ж. j E", "j E")  # 2027 ж. 28 маусым – 2 шілде

WEEKDAY_ABBREVIATIONS = ("дс", "сс", "ср", "бс", "жм", "сб", "жс")
WEEKDAY_NAMES = ("дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі")
MONTH_NAMES_IN_DATE = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a non-breaking space
NUMBER_GROUPING = 3
