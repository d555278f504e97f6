"""The services keep programme sessions and the request deadline within the event's days."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from keruen.common.errors import ValidationFailed
from keruen.events import services
from keruen.events.models import Event, ProgrammeSession
from tests.console.conftest import grid

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_a_session_outside_the_event_is_refused(event) -> None:
    # 26-30 June 2026 in Shanghai: 2031 and the eve of the first day are outside.
    for start, field in (
        (dt.datetime(2031, 1, 1, 10, tzinfo=SHANGHAI), "start"),
        (dt.datetime(2026, 6, 25, 23, tzinfo=SHANGHAI), "start"),
        (dt.datetime(2026, 6, 30, 23, tzinfo=SHANGHAI), "end"),
    ):
        with pytest.raises(ValidationFailed) as error:
            services.programme_session_create(
                event=event,
                kind="forum",
                title={"en": "Forum"},
                start=start,
                end=start + dt.timedelta(hours=2),
            )
        assert error.value.field == field, start
    assert not ProgrammeSession.objects.exists()


def test_the_request_deadline_precedes_the_last_meeting_day(event) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.event_networking_set(
            event=event, request_deadline=dt.datetime(2030, 1, 1, tzinfo=dt.UTC), request_quota=5
        )
    assert error.value.field == "request_deadline"
    grid(event)  # meeting days 27 and 28 June
    late = dt.datetime(2026, 6, 28, 0, 0, tzinfo=SHANGHAI)
    with pytest.raises(ValidationFailed):
        services.event_networking_set(event=event, request_deadline=late, request_quota=5)
    event.refresh_from_db()
    assert (event.request_deadline, event.request_quota) == (None, None)
    eve = late - dt.timedelta(minutes=1)
    services.event_networking_set(event=event, request_deadline=eve, request_quota=None)
    assert Event.objects.get(pk=event.pk).request_deadline == eve


def test_a_new_event_with_a_deadline_after_its_end_is_refused(db) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.event_create(
            slug="late",
            name={"en": "Late expo"},
            start_date=dt.date(2027, 6, 24),
            end_date=dt.date(2027, 6, 28),
            request_deadline=dt.datetime(2027, 6, 28, 2, 0, tzinfo=SHANGHAI),
        )
    assert error.value.field == "request_deadline"
    assert not Event.objects.filter(slug="late").exists()
