"""Sizes and fixed facts of the demo expo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Share of organisations per country: a China–Eurasia-Expo-like mix (host, guests, partners).
COUNTRY_SHARES: tuple[tuple[str, float], ...] = (
    ("CN", 0.33),
    ("KZ", 0.16),
    ("UZ", 0.09),
    ("RU", 0.08),
    ("KG", 0.06),
    ("PK", 0.05),
    ("TR", 0.05),
    ("TJ", 0.04),
    ("MN", 0.04),
    ("AZ", 0.04),
    ("TM", 0.03),
    ("HU", 0.03),
)

# Per country: how many non-company bodies come (government, agency, association, university,
# media); the rest are companies.
NON_COMPANY_BODIES: dict[str, int] = {
    "government": 2,
    "agency": 1,
    "association": 1,
    "university": 1,
    "media": 1,
}

OPPORTUNITY_KIND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("product", 40),
    ("service", 15),
    ("investment", 15),
    ("project", 12),
    ("partnership", 10),
    ("expertise", 8),
)

DEMO_PASSWORD = "keruen-demo"


@dataclass(frozen=True)
class DemoSize:
    """How big the generated expo is. The defaults meet the demo's published figures."""

    organisations: int = 460
    delegates: int = 780
    opportunities: int = 900
    tables: int = 40
    meeting_requests: int = 720
    agreements: int = 42
    start_date: dt.date = dt.date(2027, 6, 24)
    days: int = 5
    meeting_days: tuple[int, ...] = (2, 3, 4)  # 1-based days of the event with B2B meetings


SMALL = DemoSize(
    organisations=60,
    delegates=110,
    opportunities=120,
    tables=8,
    meeting_requests=90,
    agreements=6,
)
