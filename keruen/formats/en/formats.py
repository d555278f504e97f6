"""English date and time formats: day first, month in words, 24-hour clock.

Django's English formats are American: "06/24/2027 10 a.m." in the console next to "10:00"
on the public pages, and "11/30/2026" reads as a different day in most of the countries at
an expo. Month names make every date unambiguous ("30 Nov 2026, 20:44"). Input formats stay
Django's (ISO first).
"""

DATE_FORMAT = "j F Y"  # 25 June 2027
TIME_FORMAT = "H:i"  # 09:30
DATETIME_FORMAT = "j F Y, H:i"  # 25 June 2027, 09:30
YEAR_MONTH_FORMAT = "F Y"  # June 2027
MONTH_DAY_FORMAT = "j F"  # 25 June
SHORT_DATE_FORMAT = "j M Y"  # 25 Jun 2027
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 25 Jun 2027, 09:30
FIRST_DAY_OF_WEEK = 1  # Monday, as at the expo

# Keruen's day formats (keruen.formats.days).
DAY_MONTH_FORMAT = "j M"  # 25 Jun
SHORT_DAY_FORMAT = "D j M"  # Fri 25 Jun
DAY_HEADING_FORMAT = "l j F Y"  # Friday 25 June 2027
# The days of an event in one span (``keruen.formats.days.date_span``): first and last day.
DATE_SPAN_SAME_MONTH = ("j", "j F Y")  # 24–28 June 2027
DATE_SPAN_SAME_YEAR = ("j F", "j F Y")  # 28 June – 2 July 2027
