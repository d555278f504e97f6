"""The console agreements page's signed totals per currency follow the page's filters."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory


@pytest.fixture
def agreements(event, other_event) -> None:
    AgreementFactory(event=event, kind="contract", sector="agriculture", value=100, currency="USD")
    AgreementFactory(event=event, kind="mou", sector="energy", value=50, currency="USD")
    AgreementFactory(event=event, kind="mou", sector="energy", value=70, currency="CNY")
    AgreementFactory(
        event=event, kind="mou", sector="energy", status="negotiating", signed_on=None, value=900
    )
    AgreementFactory(event=event, kind="contract", sector="energy", status="cancelled", value=800)
    AgreementFactory(event=other_event, kind="mou", value=1000, currency="USD")


@pytest.mark.parametrize(
    ("query", "totals"),
    [
        ("", [("USD", 150), ("CNY", 70)]),
        ("?kind=contract", [("USD", 100)]),
        ("?sector=energy", [("CNY", 70), ("USD", 50)]),
        ("?kind=mou&sector=energy", [("CNY", 70), ("USD", 50)]),
        ("?status=signed&sector=agriculture", [("USD", 100)]),
        # Only what is signed is totalled: none among those under negotiation or cancelled.
        ("?status=negotiating", []),
        ("?status=cancelled", []),
        ("?sector=logistics", []),
        # A status no select offers filters nothing: all are shown, and totalled.
        ("?status=bogus", [("USD", 150), ("CNY", 70)]),
    ],
)
def test_the_signed_totals_count_only_the_agreements_the_filters_show(
    organiser_client, event, agreements, query, totals
) -> None:
    response = organiser_client.get(reverse("console-agreements", args=[event.slug]) + query)
    assert response.status_code == 200
    assert response.context["signed_values"] == [(c, Decimal(v)) for c, v in totals]
    page = response.content.decode()
    for currency, total in totals:
        assert f'title="{total} {currency}"' in page
    note = "No signed agreement with a value among those shown: nothing to total."
    if not totals:
        assert "money-figures" not in page
        # Agreements shown but none totalled says so; an empty list says why it is empty.
        assert (note in page) is bool(response.context["agreements"])
    else:
        assert note not in page
