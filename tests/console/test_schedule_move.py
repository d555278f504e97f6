"""The organiser moves a meeting by hand: what the schedule page says afterwards."""

from __future__ import annotations

import html

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from keruen.meetings.models import Job
from keruen.meetings.services import schedule_draft_get, schedule_entry_place
from tests.console.conftest import grid
from tests.factories import MeetingFactory, ParticipantFactory


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _who(person) -> str:
    return f"{person.display_name} ({person.organisation})"


def _when(event, slot) -> str:
    return date_format(timezone.localtime(slot.start, event.tz), "SHORT_DATETIME_FORMAT")


def _move(client, event, meeting, slot, table):
    url = reverse("console-schedule-move", args=[event.slug])
    return client.post(
        url, {"meeting": meeting.pk, "slot": slot.pk, "table": table.pk}, follow=True
    )


def test_a_refused_move_says_who_when_and_where_in_words(organiser_client, event) -> None:
    grid(event)
    people = [ParticipantFactory(event=event) for _ in range(4)]
    first = MeetingFactory(event=event, participant_a=people[0], participant_b=people[1])
    second = MeetingFactory(event=event, participant_a=people[2], participant_b=people[3])
    draft = schedule_draft_get(event=event)
    slot_1, table_1 = event.slots.get(number=1), event.tables.get(number=1)
    schedule_entry_place(schedule=draft, meeting=first, slot=slot_1, table=table_1)
    response = _move(organiser_client, event, second, slot_1, table_1)
    assert response.status_code == 422
    text = _text(response)
    pair = f"{_who(people[0])} – {_who(people[1])}"
    assert f"Table T1 is taken at {_when(event, slot_1)} by {pair}." in text
    assert "table-clash" not in text
    assert f"'{first.pk}'" not in text


def test_after_a_move_the_summary_and_the_review_describe_the_draft_as_it_is(
    organiser_client, event
) -> None:
    grid(event)
    host, guest, visitor = (ParticipantFactory(event=event) for _ in range(3))
    kept = MeetingFactory(event=event, participant_a=host, participant_b=guest)
    moved = MeetingFactory(event=event, participant_a=host, participant_b=visitor)
    url = reverse("console-schedule-run", args=[event.slug])
    organiser_client.post(url, {"time_limit": 10, "schedule": ""})
    assert Job.objects.get(event=event).message == "optimal"
    draft = schedule_draft_get(event=event)
    entries = {e.meeting_id: e for e in draft.entries.select_related("slot", "table")}
    page = _text(organiser_client.get(reverse("console-schedule", args=[event.slug])))
    assert 'id="breaks-now">0<' in page
    assert "Solver: optimal · idle gaps: 0 · proved lower bound: 0" in page
    assert 'id="manual-changes"' not in page

    # The host's second meeting goes two slots or more away from the first, the same day:
    # the host now waits between them (one break).
    before = entries[moved.pk]
    anchor = entries[kept.pk].slot
    target = (
        event.slots.filter(day_index=anchor.day_index)
        .exclude(number__in=[anchor.number - 1, anchor.number, anchor.number + 1])
        .first()
    )
    response = _move(organiser_client, event, moved, target, before.table)
    assert response.redirect_chain
    page = _text(response)
    meeting = f"{_who(host)} – {_who(visitor)}"
    assert f"{meeting}: now at {_when(event, target)}, table {before.table}." in page
    assert 'id="breaks-now">1<' in page
    assert "Solver: optimal · idle gaps: 0" not in page
    assert (
        "Before 1 manual change, the solver found: optimal · idle gaps: 0 · proved lower bound: 0. "
        "The draft as it is now is not claimed to be optimal."
    ) in page
    assert "Changed by hand since the solver's run" in page
    changes = page[page.index('id="manual-changes"') :]
    assert meeting in changes
    assert f"{_when(event, before.slot)} · {before.table}" in changes
    assert f"{_when(event, target)} · {before.table}" in changes


def test_the_slot_of_a_refusal_is_written_in_the_organisers_language(
    organiser_client, event
) -> None:
    grid(event)
    people = [ParticipantFactory(event=event) for _ in range(3)]
    first = MeetingFactory(event=event, participant_a=people[0], participant_b=people[1])
    second = MeetingFactory(event=event, participant_a=people[0], participant_b=people[2])
    draft = schedule_draft_get(event=event)
    slot_1, table_1 = event.slots.get(number=1), event.tables.get(number=1)
    schedule_entry_place(schedule=draft, meeting=first, slot=slot_1, table=table_1)
    organiser_client.cookies["django_language"] = "ru"
    with translation.override(None):  # the request's language stays with this test
        response = _move(organiser_client, event, second, slot_1, event.tables.get(number=2))
    assert response.status_code == 422
    assert "27.06.2026 09:00" in _text(response)  # Russian dates, on the event's clock
