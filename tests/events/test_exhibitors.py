"""The public exhibitor directory: booths hall by hall, in floor order, searchable."""

from __future__ import annotations

from django.urls import reverse

from keruen.events.directory import DirectoryFilters, booth_sort_key, exhibitor_directory
from tests.factories import BoothFactory, HallFactory, OrganisationFactory


def _booth(event, hall, code, *, name, country="KZ", sectors=("01",)):
    exhibitor = OrganisationFactory(
        event=event, name=name, country=country, sectors=list(sectors), is_exhibitor=True
    )
    return BoothFactory(event=event, hall=hall, code=code, exhibitor=exhibitor)


def test_booth_codes_sort_in_floor_order() -> None:
    codes = ["B-10", "A-9", "B-9", "A-10", "c2-15", "C2-9"]
    assert sorted(codes, key=booth_sort_key) == ["A-9", "A-10", "B-9", "B-10", "C2-9", "c2-15"]


def test_the_directory_groups_booths_by_hall_and_skips_empty_ones(event, other_event) -> None:
    hall_b = HallFactory(event=event, code="B", name={"en": "International Zone"})
    hall_a = HallFactory(event=event, code="A", name={"en": "Investment Zone"})
    _booth(event, hall_b, "B-10", name={"en": "Astana Grain"})
    _booth(event, hall_b, "B-9", name={"en": "Ürümqi Solar", "zh-hans": "乌鲁木齐光伏"})
    _booth(event, hall_a, "A-2", name={"en": "Baku Port"}, country="AZ")
    BoothFactory(event=event, hall=hall_a, code="A-1")  # not let yet
    _booth(other_event, HallFactory(event=other_event), "X-1", name={"en": "Elsewhere"})
    halls = exhibitor_directory(event=event, filters=DirectoryFilters())
    assert [(listing.hall.code, [b.code for b in listing.booths]) for listing in halls] == [
        ("A", ["A-2"]),
        ("B", ["B-9", "B-10"]),
    ]


def test_search_by_name_in_any_language_booth_country_and_sector(event) -> None:
    hall = HallFactory(event=event, code="C")
    solar = _booth(
        event, hall, "C-7", name={"en": "Ürümqi Solar", "zh-hans": "乌鲁木齐光伏"}, sectors=["35"]
    )
    grain = _booth(event, hall, "C-8", name={"en": "Astana Grain"}, country="KZ", sectors=["46"])

    def found(**query: str) -> list[str]:
        filters = DirectoryFilters.from_query(query)
        return [
            b.code
            for listing in exhibitor_directory(event=event, filters=filters)
            for b in listing.booths
        ]

    assert found(q="光伏") == [solar.code]
    assert found(q="astana GRAIN") == [grain.code]
    assert found(q="c-8") == [grain.code]
    assert found(hall="c") == ["C-7", "C-8"]
    assert found(country="kz") == ["C-7", "C-8"]
    assert found(sector="energy") == [solar.code]  # ISIC 35: electricity
    assert found(sector="agriculture") == []  # neither lists an agricultural ISIC division
    assert found(country="ZZ", sector="nonsense") == ["C-7", "C-8"]  # unknown: ignored


def test_the_page_lists_booths_and_links_the_exhibitors(client, event) -> None:
    hall = HallFactory(
        event=event, code="D", name={"en": "Equipment Zone", "ru": "Зона оборудования"}
    )
    booth = _booth(
        event, hall, "D-101", name={"en": "Kazakh Machinery", "ru": "Казахское машиностроение"}
    )
    url = reverse("exhibitor-list", args=[event.slug])
    page = client.get(url, headers={"accept-language": "ru"}).content.decode()
    assert "Зона оборудования" in page
    assert "Казахское машиностроение" in page
    assert reverse("organisation-detail", args=[event.slug, booth.exhibitor_id]) in page
    assert 'id="booth-d-101"' in page
    empty = client.get(url, {"q": "nothing-like-this"}).content.decode()
    assert "No exhibitor matches." in empty
