"""Set-up input the user audit found saved: a programme session years after the event, a
request deadline after the last meeting day; and an invalid form's error out of sight."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from keruen.events.models import ProgrammeSession
from tests.console.conftest import grid
from tests.factories import ProgrammeSessionFactory

# The event runs 26-30 June 2026 (Asia/Shanghai).
SESSION = {"kind": "forum", "title": "Energy forum"}


def _post(client, name, event, data):
    return client.post(reverse(name, args=[event.slug]), data)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2031-01-01T10:00", "2031-01-01T12:00", "start"),
        ("2026-06-25T23:00", "2026-06-26T01:00", "start"),
        ("2026-06-30T22:00", "2026-07-01T01:00", "end"),
    ],
)
def test_a_session_outside_the_events_dates_is_refused(
    organiser_client, event, start, end, field
) -> None:
    response = _post(
        organiser_client, "console-session-add", event, {**SESSION, "start": start, "end": end}
    )
    assert response.status_code == 422
    assert list(response.context["session_form"].errors) == [field]
    assert not ProgrammeSession.objects.filter(event=event).exists()


def test_a_session_to_midnight_of_the_last_day_is_added(organiser_client, event) -> None:
    times = {"start": "2026-06-30T22:00", "end": "2026-07-01T00:00"}
    response = _post(organiser_client, "console-session-add", event, {**SESSION, **times})
    assert response.status_code == 302
    assert ProgrammeSession.objects.filter(event=event).count() == 1


def test_editing_cannot_move_a_session_outside_the_event(organiser_client, event) -> None:
    session = ProgrammeSessionFactory(event=event, title={"en": "Forum"})
    before = (session.start, session.end)
    url = reverse("console-session-edit", args=[event.slug, session.pk])
    data = {"kind": "forum", "title_en": "Forum", "start": "2031-01-01T10:00"}
    response = organiser_client.post(url, {**data, "end": "2031-01-01T12:00"})
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["start"]
    session.refresh_from_db()
    assert (session.start, session.end) == before


@pytest.mark.parametrize(
    ("with_grid", "deadline"),
    [
        (False, "2030-01-01T00:00"),  # no grid: the event's last day is the last meeting day
        (False, "2026-06-30T09:00"),
        (True, "2026-06-28T08:00"),  # the grid's last meeting day is 28 June
        (True, "2026-07-15T18:00"),
    ],
)
def test_a_deadline_on_or_after_the_last_meeting_day_is_refused(
    organiser_client, event, with_grid, deadline
) -> None:
    if with_grid:
        grid(event)
    response = _post(
        organiser_client,
        "console-networking-set",
        event,
        {"request_deadline": deadline, "request_quota": "20"},
    )
    assert response.status_code == 422
    assert list(response.context["networking_form"].errors) == ["request_deadline"]
    event.refresh_from_db()
    assert (event.request_deadline, event.request_quota) == (None, None)


def test_a_deadline_the_evening_before_the_last_meeting_day_is_saved(
    organiser_client, event
) -> None:
    grid(event)
    page = organiser_client.get(reverse("console-setup", args=[event.slug])).content.decode()
    assert 'max="2026-06-27T23:59"' in page
    response = _post(
        organiser_client, "console-networking-set", event, {"request_deadline": "2026-06-27T18:00"}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.request_deadline == dt.datetime(2026, 6, 27, 10, 0, tzinfo=dt.UTC)


def test_an_invalid_form_says_so_at_the_top_and_gets_the_focus(organiser_client, event) -> None:
    """The programme form sits far down the page: the error must not stay out of sight."""
    response = _post(
        organiser_client,
        "console-session-add",
        event,
        {**SESSION, "start": "2026-06-27T12:00", "end": "2026-06-27T10:00"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    alert = re.search(r'<div class="error" role="alert"><p>(.*?)</p></div>', page)
    assert alert is not None
    assert "Nothing was saved" in alert.group(1)
    assert "Programme sessions and speakers" in alert.group(1)
    assert 'href="#session-form"' in alert.group(1)
    assert page.index(alert.group(0)) < page.index('id="halls"')  # before the first section
    form = page[page.index('<div id="session-form">') :]
    assert re.search(r'<input type="datetime-local" name="end"[^>]* autofocus', form)
    assert 'value="Energy forum"' in form  # what was typed is kept
    assert page.count("autofocus") == 1
