"""The console's activity log: what organisers and delegates changed at this event."""

from __future__ import annotations

import html

from django.urls import reverse

from keruen.common.models import AuditLogEntry
from keruen.meetings.services import schedule_draft_get, schedule_entry_place
from keruen.people.models import Participant
from tests.console.conftest import grid
from tests.factories import MeetingFactory, ParticipantFactory


def _activity(client, event, **query) -> str:
    response = client.get(reverse("console-activity", args=[event.slug]), query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_an_approval_is_listed_with_who_and_the_labels_of_the_change(
    organiser_client, organiser, event, other_event
) -> None:
    pending = ParticipantFactory(
        event=event, status=Participant.Status.PENDING, given_name="Bolat", family_name="Sadykov"
    )
    ParticipantFactory(event=other_event, status=Participant.Status.PENDING)
    organiser_client.post(
        reverse("console-participants-bulk", args=[event.slug]),
        {"action": "approve", "participants": [pending.pk]},
    )
    page = _activity(organiser_client, event)
    assert "Bolat Sadykov" in page
    assert "status: pending approval → approved" in page
    assert organiser.user.email in page
    # Filters: by who, by kind, by action.
    assert "Bolat Sadykov" in _activity(organiser_client, event, who=organiser.user.email[:6])
    assert "Bolat Sadykov" not in _activity(organiser_client, event, who="nobody-like-this")
    assert "Bolat Sadykov" in _activity(organiser_client, event, kind="people.Participant")
    assert "Bolat Sadykov" not in _activity(organiser_client, event, kind="meetings.Meeting")
    assert "Bolat Sadykov" not in _activity(organiser_client, event, action="delete")


def test_a_hand_move_says_from_where_to_where(organiser_client, event) -> None:
    grid(event)
    meeting = MeetingFactory(
        event=event,
        participant_a=ParticipantFactory(event=event),
        participant_b=ParticipantFactory(event=event),
    )
    slots = list(event.slots.order_by("number")[:2])
    tables = list(event.tables.order_by("number"))
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slots[0], table=tables[0]
    )
    organiser_client.post(
        reverse("console-schedule-move", args=[event.slug]),
        {"meeting": meeting.pk, "slot": slots[1].pk, "table": tables[1].pk},
    )
    page = _activity(organiser_client, event, action="move")
    # 09:00 and 09:30 in Shanghai, the event's clock; the tables by their labels.
    assert "before: 2026-06-27 09:00, T1; after: 2026-06-27 09:30, T2" in page
    assert "moved by hand" in page
    # The schedule entries belong to the event's log too (they have no event of their own).
    entries = AuditLogEntry.objects.filter(object_type="meetings.ScheduledMeeting")
    assert entries.exists()
    assert set(entries.values_list("event_id", flat=True)) == {event.pk}
    # Their attendances mirror them: left out of the page.
    listed = _activity(organiser_client, event, kind="meetings.ScheduledAttendance")
    assert "scheduled attendance" not in listed.lower()


def test_a_solver_run_is_summarised_and_the_action_cell_keeps_chinese_words(
    organiser_client, event
) -> None:
    """The solver's statistics dict and its "OPTIMAL" were shown raw; in Chinese the action
    ("日程已发布") stood one character per line in its narrow column."""
    AuditLogEntry.objects.create(
        event=event,
        action=AuditLogEntry.Action.UPDATE,
        object_type="meetings.Schedule",
        object_repr="draft",
        changes={
            "solver_status": ["", "OPTIMAL"],
            "stats": [{}, {"wall_s": 0.13, "greedy_s": 0.0768986260000002}],
        },
    )
    page = _activity(organiser_client, event)
    assert "solver status: — → optimal; computed in 0.13 s" in page
    assert "wall_s" not in page
    organiser_client.cookies["django_language"] = "zh-hans"
    page = _activity(organiser_client, event)
    assert "草稿" in page
    assert "OPTIMAL" not in page
    assert '<td class="keep" data-label="操作">' in page
