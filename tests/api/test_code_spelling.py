"""Codes sent over the API are stored in one spelling, as every other channel stores them."""

from __future__ import annotations

from keruen.marketplace.models import Opportunity


def test_the_api_stores_and_finds_an_offer_under_its_heading(api, expo) -> None:
    slug = expo.event.slug
    body = {
        "direction": "offer",
        "kind": "product",
        "language": "en",
        "title": "Milling wheat",
        "body": "Class 3 milling wheat, 50,000 t a year",
        "hs_codes": ["10.01", "1001"],
        "target_countries": ["cn"],
    }
    made = api.post(f"/events/{slug}/opportunities", key=expo.key_a, body=body)
    assert made.status == 201
    assert (made.body["hs_codes"], made.body["target_countries"]) == (["1001"], ["CN"])
    Opportunity.objects.filter(pk=made.body["id"]).update(status="published")
    for hs in ("1001", "10.01"):
        found = api.get(f"/events/{slug}/opportunities", params={"hs": hs}).body["items"]
        assert made.body["id"] in [o["id"] for o in found], hs


def test_the_api_stores_a_delegates_languages_in_one_spelling(api, expo) -> None:
    reply = api.call(
        "PATCH",
        f"/events/{expo.event.slug}/me",
        key=expo.key_a,
        body={"languages": ["RU", "rus", "kaz"], "target_countries": ["kz"]},
    )
    assert reply.status == 200
    assert (reply.body["languages"], reply.body["target_countries"]) == (["ru", "kk"], ["KZ"])
