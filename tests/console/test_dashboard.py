"""The dashboard page: charts and the same numbers as tables."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import AgreementFactory, MeetingRequestFactory, ParticipantFactory


def test_the_dashboard_shows_charts_and_tables(organiser_client, event) -> None:
    ParticipantFactory(event=event, organisation__country="CN")
    MeetingRequestFactory(event=event, status="declined")
    AgreementFactory(event=event, currency="CNY")
    page = organiser_client.get(reverse("console-home", args=[event.slug])).content.decode()
    assert page.count("<svg") == 6  # agreements in several currencies: a table only
    assert "China" in page  # country names, not codes
    assert "Registrations by role" in page
    assert "declined" in page
    assert "CNY" in page


def test_the_dashboard_query_count_does_not_grow(
    organiser_client, event, django_assert_max_num_queries
) -> None:
    for _ in range(10):
        MeetingRequestFactory(event=event)
    with django_assert_max_num_queries(20):
        assert organiser_client.get(reverse("console-home", args=[event.slug])).status_code == 200


def test_agreement_values_are_not_charted_across_currencies(organiser_client, event) -> None:
    AgreementFactory(event=event, currency="UZS", value=660_000_000_000)
    AgreementFactory(event=event, currency="USD", value=453_600_000)
    page = organiser_client.get(reverse("console-home", args=[event.slug])).content.decode()
    values = page[page.index("Value of signed agreements") :]
    assert "<svg" not in values
    assert "Total value" in values
    assert "660,000,000,000" in values
    assert "453,600,000" in values
