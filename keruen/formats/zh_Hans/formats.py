"""Simplified Chinese day and number formats (the rest is Django's: "2027年6月25日 09:30").

Chinese writes the month and day before the weekday, with no space inside the date:
"6月25日 周五", and "2027年6月25日 星期五" for a day's heading. Django's short weekday
is the long one ("星期五"); the short one here is the everyday "周五".
"""

DAY_MONTH_FORMAT = "n月j日"  # 6月25日
SHORT_DAY_FORMAT = "n月j日 D"  # 6月25日 周五
DAY_HEADING_FORMAT = "Y年n月j日 l"  # 2027年6月25日 星期五
DATE_SPAN_SAME_MONTH = ("Y年n月j日", "j日")  # 2027年6月24日–28日
DATE_SPAN_SAME_YEAR = ("Y年n月j日", "n月j日")  # 2027年6月28日 – 7月2日

WEEKDAY_ABBREVIATIONS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# Django groups Chinese digits by nothing at all ("UZS 3310000000000" on the dashboard);
# business documents in China group them by thousands with commas, as trade figures are read.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
