"""The admin leaves an event's clock, dates and slot grid alone once slots exist: slots are
instants, and only the console's set-up page regenerates them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from keruen.events import services
from keruen.events.models import Event, SlotGrid


@pytest.fixture
def change_page(admin_client, event):
    def get() -> str:
        response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
        assert response.status_code == 200
        return response.content.decode()

    return get


def _grid(event) -> None:
    services.slot_grid_set(
        event=event,
        days=[dt.date(2026, 6, 27)],
        slot_minutes=30,
        am=(dt.time(9), dt.time(11)),
        pm=(dt.time(14), dt.time(15)),
    )


def test_without_slots_the_clock_dates_and_grid_are_editable(change_page) -> None:
    page = change_page()
    for name in ("time_zone", "start_date", "end_date"):
        assert f'name="{name}"' in page
    assert "set-up page of the console" not in page


def test_with_slots_the_clock_dates_and_grid_are_read_only(change_page, event) -> None:
    _grid(event)
    page = change_page()
    for name in ("time_zone", "start_date", "end_date", "slot_grid-0-am_start", "slot_grid-0-days"):
        assert f'name="{name}"' not in page, name
    assert 'name="slot_grid-0-DELETE"' not in page
    assert "set-up page of the console" in page
    assert reverse("console-setup", args=[event.slug]) in page


def test_a_post_with_slots_changes_no_clock_nor_date(admin_client, event) -> None:
    _grid(event)
    url = reverse("admin:events_event_change", args=[event.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        **{name: form[name].value() for name in form.fields},
        "name": '{"en": "Expo"}',
        "theme": "{}",
        "description": "{}",
        "languages": '["en"]',
        "venue": event.venue_id,
        "time_zone": "Europe/Berlin",
        "start_date": "2026-06-29",
        "slot_grid-TOTAL_FORMS": "1",
        "slot_grid-INITIAL_FORMS": "1",
        "slot_grid-0-id": SlotGrid.objects.get(event=event).pk,
        "slot_grid-0-event": event.pk,
        "slot_grid-0-days": '["2026-06-27"]',
        "slot_grid-0-slot_minutes": "30",
        "slot_grid-0-am_start": "06:00",  # a grid edited here regenerates no slot
        "slot_grid-0-am_end": "11:00",
        "slot_grid-0-pm_start": "14:00",
        "slot_grid-0-pm_end": "15:00",
    }
    data = {key: value for key, value in data.items() if value is not None}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = Event.objects.get(pk=event.pk)
    assert (stored.time_zone, stored.start_date) == ("Asia/Shanghai", dt.date(2026, 6, 26))
    assert SlotGrid.objects.get(event=event).am_start == dt.time(9)


def test_the_break_form_says_when_a_break_takes_effect(admin_client) -> None:
    response = admin_client.get(reverse("admin:events_gridbreak_add"))
    assert response.status_code == 200
    assert "once the slot grid is next saved" in response.content.decode()
