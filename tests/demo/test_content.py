"""Tests for the demo content generators (pure Python, no database)."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter

import pytest

from keruen.demo.content import (
    AGREEMENT_KINDS,
    COUNTRY_PROFILES,
    DIRECTIONS,
    HS_HEADINGS_USED,
    KINDS,
    ORG_TYPES,
    PLACES,
    ROLES,
    ROOMS,
    SECTORS,
    agreement,
    event_text,
    families_by_sector,
    opportunity,
    organisation,
    person,
    programme,
)

LANGS = ("en", "zh", "ru", "kk")
UI = ("en", "zh-hans", "ru", "kk")
KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
HAN = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
SLOT = re.compile(r"[{}]")
EDITION_END = dt.date(2027, 6, 28)  # the last day of the demo's coming edition


def _check_script(text: str, lang: str) -> None:
    assert text.strip(), f"empty {lang} text"
    assert not SLOT.search(text), f"unfilled slot in {text!r}"
    lang = "zh" if lang == "zh-hans" else lang
    if lang == "zh":
        assert HAN.search(text), text
        assert not CYRILLIC.search(text), text
    elif lang == "en":
        assert not HAN.search(text), text
        assert not CYRILLIC.search(text), text
    else:
        assert CYRILLIC.search(text), text
        assert not HAN.search(text), text
        if lang == "ru":
            assert not KAZAKH_ONLY & set(text), f"Kazakh letters in Russian: {text!r}"


def _opportunities(seed: int, count: int, *, after: dt.date = EDITION_END) -> list:
    rng = random.Random(seed)
    countries = sorted(COUNTRY_PROFILES)
    return [
        opportunity(
            rng,
            sector=rng.choice(SECTORS),
            kind=rng.choice(KINDS),
            direction=rng.choice(DIRECTIONS),
            language=rng.choice(LANGS),
            country=rng.choice(countries),
            after=after,
        )
        for _ in range(count)
    ]


def test_sectors_and_catalogue_size() -> None:
    assert len(SECTORS) == 14
    by_sector = families_by_sector()
    assert set(by_sector) == set(SECTORS)
    for sector, families in by_sector.items():
        assert len(families) >= 12, sector
        natures = {f.nature for f in families}
        assert natures == {"goods", "service", "project"}, sector


def test_opportunities_are_deterministic() -> None:
    assert _opportunities(7, 200) == _opportunities(7, 200)
    assert _opportunities(7, 50) != _opportunities(8, 50)


def test_opportunities_are_varied_and_well_formed() -> None:
    items = _opportunities(2026, 2000)
    bodies = {o.body for o in items}
    assert len(bodies) >= 1000
    assert len({o.title for o in items}) >= 500
    kk_letters = Counter()
    for o in items:
        assert o.title == o.titles[o.language]
        assert o.body == o.bodies[o.language]
        for lang in LANGS:
            _check_script(o.titles[lang], lang)
            _check_script(o.bodies[lang], lang)
        kk_letters.update(KAZAKH_ONLY & set(o.bodies["kk"]))
        for code in o.hs_codes:
            assert re.fullmatch(r"\d{4}", code)
            assert code in HS_HEADINGS_USED
        for code in o.isic_codes:
            assert re.fullmatch(r"\d{2}", code)
        assert o.isic_codes
    assert len(kk_letters) >= 6  # Kazakh texts really use Kazakh letters


@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_kind_and_direction_produces_text(sector: str) -> None:
    rng = random.Random(sector)
    for kind in KINDS:
        for direction in DIRECTIONS:
            for language in LANGS:
                o = opportunity(
                    rng,
                    sector=sector,
                    kind=kind,
                    direction=direction,
                    language=language,
                    country="KZ",
                    after=EDITION_END,
                )
                assert (o.sector, o.kind, o.direction, o.language) == (
                    sector,
                    kind,
                    direction,
                    language,
                )
                for lang in LANGS:
                    _check_script(o.bodies[lang], lang)
                    _check_script(o.titles[lang], lang)
                if kind == "product":
                    assert o.hs_codes


def test_every_family_renders_in_every_kind_it_supports() -> None:
    rng = random.Random(1)
    for sector, families in families_by_sector().items():
        for family in families:
            for kind in family.kinds:
                for direction in DIRECTIONS:
                    for _ in range(2):
                        o = opportunity(
                            rng,
                            sector=sector,
                            kind=kind,
                            direction=direction,
                            language="ru",
                            country=rng.choice(sorted(COUNTRY_PROFILES)),
                            after=EDITION_END,
                            family=family.key,
                        )
                        assert o.family == family.key
                        for lang in LANGS:
                            _check_script(o.bodies[lang], lang)
                            _check_script(o.titles[lang], lang)


def test_hs_headings_used() -> None:
    assert tuple(sorted(set(HS_HEADINGS_USED))) == HS_HEADINGS_USED
    assert all(re.fullmatch(r"\d{4}", h) for h in HS_HEADINGS_USED)
    assert {"8541", "1001", "5201", "8504"} <= set(HS_HEADINGS_USED)


def test_country_profiles() -> None:
    assert {"CN", "KZ", "UZ", "KG", "TJ", "TM", "RU", "MN", "PK", "TR", "AZ"} <= set(
        COUNTRY_PROFILES
    )
    for code, profile in COUNTRY_PROFILES.items():
        assert profile.code == code
        assert set(profile.names) == set(UI)
        assert profile.cities
        assert all(c in PLACES for c in profile.cities)
        assert set(profile.sector_weights) <= set(SECTORS)
        assert set(profile.content_languages) <= set(LANGS)
        assert profile.currency.isupper()
        assert len(profile.currency) == 3


@pytest.mark.parametrize("country", sorted(COUNTRY_PROFILES))
def test_persons_for_every_country(country: str) -> None:
    rng = random.Random(country)
    seen = set()
    for index in range(40):
        gender = ("female", "male", None)[index % 3]
        org_type = ORG_TYPES[index % len(ORG_TYPES)]
        p = person(rng, country=country, gender=gender, org_type=org_type)
        assert p.given_name
        assert p.family_name
        assert re.fullmatch(r"[A-Za-z' \-]+", p.full_name_latin), p.full_name_latin
        assert CYRILLIC.search(p.full_name_cyrillic)
        assert not KAZAKH_ONLY & set(p.full_name_cyrillic)
        assert p.role in ROLES
        for lang in UI:
            _check_script(p.job_title[lang], lang)
        assert p.languages
        assert all(re.fullmatch(r"[a-z]{2}", code) for code in p.languages)
        assert len(set(p.languages)) == len(p.languages)
        seen.add(p.full_name)
    assert len(seen) >= 20
    if country == "CN":
        assert all(HAN.search(name) for name in seen)


def test_person_determinism_and_gender() -> None:
    a = [person(random.Random(5), country="KZ", gender="female") for _ in range(3)]
    assert a[0] == a[1] == a[2]
    assert a[0].family_name.endswith("а")


def test_organisations() -> None:
    rng = random.Random(42)
    names = []
    countries = sorted(COUNTRY_PROFILES)
    for index in range(600):
        country = countries[index % len(countries)]
        org_type = "company" if index % 3 else ORG_TYPES[(index // 3) % len(ORG_TYPES)]
        o = organisation(rng, country=country, sector=rng.choice(SECTORS), org_type=org_type)
        assert set(o.names) == set(UI)
        assert set(o.descriptions) == set(UI)
        for lang in UI:
            _check_script(o.names[lang], lang)
            _check_script(o.descriptions[lang], lang)
        assert o.description_language in o.descriptions
        assert o.native_name
        assert re.fullmatch(r"[a-z0-9.\-]+\.[a-z]{2,}", o.website), o.website
        assert o.city in PLACES
        assert o.size in ("micro", "small", "medium", "large")
        names.append(o.names["en"])
    companies = names[1::3] + names[2::3]
    assert len(set(companies)) >= 0.9 * len(companies)


def test_organisation_examples_look_right() -> None:
    rng = random.Random(3)
    kz = [
        organisation(rng, country="KZ", sector="agriculture", org_type="company") for _ in range(20)
    ]
    assert any(o.names["ru"].startswith(("ТОО «", "АО «")) for o in kz)
    assert any(o.names["kk"].endswith(("ЖШС", "АҚ")) for o in kz)
    cn = organisation(rng, country="CN", sector="energy", org_type="company")
    assert cn.names["zh-hans"].endswith("公司")
    assert cn.names["en"].endswith("Co., Ltd.")
    gov = [
        organisation(rng, country="KZ", sector="logistics", org_type="government")
        for _ in range(30)
    ]
    assert any(
        o.names["en"] == "Ministry of Trade and Integration of the Republic of Kazakhstan"
        for o in gov
    )
    uz = [organisation(rng, country="UZ", sector="textiles", org_type="company") for _ in range(10)]
    assert all(o.native_name.endswith(("MChJ", "AJ")) for o in uz)


def test_programme() -> None:
    sessions = programme(random.Random(1), days=5)
    assert sessions == programme(random.Random(1), days=5)
    kinds = Counter(s.kind for s in sessions)
    assert kinds["opening"] == 1
    assert kinds["forum"] == 6
    assert kinds["matchmaking"] == 3
    assert kinds["promotion"] > 12
    assert kinds["signing"] == 1
    assert kinds["keynote"] >= 1
    assert kinds["exhibition"] == 5
    opening = next(s for s in sessions if s.kind == "opening")
    assert (opening.day, opening.start) == (0, "10:00")
    assert next(s for s in sessions if s.kind == "signing").day == 3
    keys = [s.key for s in sessions]
    assert len(keys) == len(set(keys))
    used = set()
    for s in sessions:
        assert s.room in ROOMS
        assert 0 <= s.day < 5
        assert s.duration_minutes > 0
        assert re.fullmatch(r"\d{2}:\d{2}", s.start)
        for lang in UI:
            _check_script(s.titles[lang], lang)
            _check_script(s.descriptions[lang], lang)
        if s.room != "exhibition":
            slot = (s.day, s.start, s.room)
            assert slot not in used, slot
            used.add(slot)
    for days in (3, 4, 6):
        assert any(
            s.kind == "signing" and s.day == days - 2
            for s in programme(random.Random(days), days=days)
        )


def test_agreements() -> None:
    rng = random.Random(9)
    for sector in SECTORS:
        for kind in AGREEMENT_KINDS:
            a = agreement(rng, sector=sector, kind=kind)
            assert (a.sector, a.kind) == (sector, kind)
            for lang in UI:
                _check_script(a.titles[lang], lang)
            assert a.currency in ("CNY", "USD", "KZT", "RUB", "UZS", "EUR")
            assert 0 < a.value_low <= a.value <= a.value_high
    assert agreement(random.Random(4), sector="energy", kind="mou") == agreement(
        random.Random(4), sector="energy", kind="mou"
    )


def test_event_text() -> None:
    e = event_text()
    assert e.name == {
        "en": "China–Eurasia Expo 2026 (demo)",
        "zh-hans": "2026中国—亚欧博览会（演示）",
        "ru": "ЭКСПО Китай — Евразия 2026 (демо)",
        "kk": "Қытай — Еуразия ЭКСПО 2026 (демо)",
    }
    assert len(e.halls) == 4
    assert e.timezone == "Asia/Shanghai"
    for mapping in (e.theme, e.venue, e.city, *(h.names for h in e.halls), *e.rooms.values()):
        for lang in UI:
            _check_script(mapping[lang], lang)


# A word written twice in a row: "в в", "Бішкекте Бішкекте"; in Chinese, where words are not
# spaced, two or more characters repeated ("服务服务商") or a doubled preposition ("在在").
DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
DOUBLED_HAN = re.compile(r"([\u4e00-\u9fff]{2,})\1|([在为对于以从向与和及])\2")


def _doubled(text: str, lang: str) -> list[str]:
    pattern = DOUBLED_HAN if lang in ("zh", "zh-hans") else DOUBLED_WORD
    return [match.group(0) for match in pattern.finditer(text)]


def test_no_generated_text_writes_a_word_twice() -> None:
    """Frames and catalogue names compose without doubling a word at the seam (the demo
    once said "企业在在苦盏附近建设…", "跨境电商履约服务服务商")."""
    rng = random.Random(11)
    countries = sorted(COUNTRY_PROFILES)
    found = set()
    for sector, families in families_by_sector().items():
        for family in families:
            for kind in KINDS:
                for direction in DIRECTIONS:
                    for _ in range(4):
                        o = opportunity(
                            rng,
                            sector=sector,
                            kind=kind,
                            direction=direction,
                            language="en",
                            country=rng.choice(countries),
                            after=EDITION_END,
                            family=family.key,
                        )
                        for lang in LANGS:
                            for text in (o.titles[lang], o.bodies[lang]):
                                found.update(_doubled(text, lang))
        for kind in AGREEMENT_KINDS:
            for _ in range(20):
                for lang, title in agreement(rng, sector=sector, kind=kind).titles.items():
                    found.update(_doubled(title, lang))
    assert found == set()


def test_dates_in_offers_and_requests_come_after_the_edition() -> None:
    """A delivery, a tender or a deadline the expo discusses is never already past."""
    for end in (dt.date(2026, 6, 28), EDITION_END, dt.date(2031, 3, 31)):
        quarters = set()
        years = set()
        for o in _opportunities(5, 1500, after=end):
            text = f"{o.titles['en']} {o.bodies['en']}"
            quarters.update(
                (int(year), int(q)) for q, year in re.findall(r"\bQ([1-4]) (\d{4})", text)
            )
            # Targets and deadlines ("by 2030"); a licence "valid until 2045" is a fact.
            years.update(int(year) for year in re.findall(r"\b(?:by|in) (20\d\d)", text))
        assert quarters
        assert min(quarters) > (end.year, (end.month - 1) // 3 + 1), end
        assert max(quarters) <= (end.year + 2, 4)
        assert years
        assert min(years) > end.year, end


def test_raw_goods_are_offered_only_from_where_they_are_produced() -> None:
    producers = {f.key: set(f.producers) for fams in families_by_sector().values() for f in fams}
    assert producers["raw_cotton"]
    assert "RU" not in producers["raw_cotton"]
    rng = random.Random(5)
    offered: Counter[str] = Counter()
    for _ in range(400):
        for sector in ("agriculture", "textiles", "mining"):
            text = opportunity(
                rng,
                sector=sector,
                kind="product",
                direction="offer",
                language="ru",
                country="RU",
                after=EDITION_END,
            )
            offered[text.family] += 1
            assert not producers[text.family] or "RU" in producers[text.family], text.family
    assert offered["milling_wheat"] > 0  # Russia does sell what it grows
    asked = {
        opportunity(
            rng,
            sector="agriculture",
            kind="product",
            direction="request",
            language="ru",
            country="RU",
            after=EDITION_END,
        ).family
        for _ in range(200)
    }
    assert "raw_cotton" in asked  # and buys what it does not


def test_an_incoterm_names_the_authors_own_side() -> None:
    """A buyer in Ürümqi asks for CPT Ürümqi (its destination), a seller there offers FCA
    Ürümqi (its origin); the other terms name a logistics hub."""
    own = {PLACES[key].zh for key in COUNTRY_PROFILES["CN"].cities}
    hubs = {
        PLACES[key].zh
        for key in ("khorgos", "dostyk", "almaty", "urumqi", "tashkent", "aktau", "xian", "baku")
    }
    rng = random.Random(11)
    seen = Counter()
    for _ in range(600):
        direction = rng.choice(DIRECTIONS)
        text = opportunity(
            rng,
            sector="mining",
            kind="product",
            direction=direction,
            language="zh",
            country="CN",
            after=EDITION_END,
        )
        for term, place in re.findall(
            r"(EXW|FCA|CPT|CIP|DAP)([^\s，。,、]+?)(?:条款|$)", text.body
        ):
            own_side = (direction == "offer") == (term in ("EXW", "FCA"))
            assert place in (own if own_side else hubs), (direction, term, place)
            seen[own_side] += 1
    assert seen[True]
    assert seen[False]


def test_a_projects_site_country_is_among_its_targets() -> None:
    rng = random.Random(3)
    for _ in range(200):
        text = opportunity(
            rng,
            sector="infrastructure",
            kind="project",
            direction="request",
            language="en",
            country="KZ",
            after=EDITION_END,
        )
        if text.family == "railway_line":
            site = next(p for p in PLACES.values() if p.en in text.title)
            assert site.country in text.site_countries
            return
    pytest.fail("no railway line drawn")
