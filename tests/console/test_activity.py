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
    assert "before: 27 Jun 09:00, T1; after: 27 Jun 09:30, T2" in page
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


def _entry(event, action, object_type, changes, **fields) -> AuditLogEntry:
    """An entry as stored, whatever version of Keruen wrote it."""
    fields.setdefault("object_repr", "")
    return AuditLogEntry.objects.create(
        event=event, action=action, object_type=object_type, changes=changes, **fields
    )


def test_ids_booleans_codes_and_timestamps_are_told_in_the_readers_words(
    organiser_client, event
) -> None:
    """The UX walk saw "speakers: [1033, 1078]", "False → True", "not_interested" and
    "2027-06-28T00:00:00+00:00 → 2027-06-24T08:00:00+08:00" on a page on the event's clock."""
    dinara = ParticipantFactory(event=event, given_name="Dinara", family_name="Omarova")
    kept = ParticipantFactory(event=event, given_name="Aibek", family_name="Serikov")
    gone = ParticipantFactory(event=event)
    gone_id = gone.pk
    gone.delete()
    action = AuditLogEntry.Action.ACTION
    update = AuditLogEntry.Action.UPDATE
    _entry(
        event,
        action,
        "events.ProgrammeSession",
        {"action": "speakers", "speakers": [dinara.pk, kept.pk], "previous": [kept.pk, gone_id]},
    )
    _entry(event, update, "events.ProgrammeSession", {"blocks_meetings": [False, True]})
    _entry(
        event,
        AuditLogEntry.Action.CREATE,
        "matchmaking.SuggestionFeedback",
        {"new": {}},
        object_repr="Dinara Omarova on Silk Road LLP: not_interested",
    )
    _entry(
        event,
        update,
        "people.Participant",
        {
            "arrives_at": ["2026-06-28T00:00:00+00:00", "2026-06-24T08:00:00+08:00"],
            "target_countries": [[], ["KG", "KZ"]],
            "organisation": [dinara.organisation_id, 10**9],
        },
    )
    page = _activity(organiser_client, event)
    assert f"speakers: + Dinara Omarova, − #{gone_id}" in page
    assert "Aibek" not in page  # a speaker before and after: not a change
    assert "no meetings for speakers: no → yes" in page
    assert "Dinara Omarova → Silk Road LLP: not interested" in page
    # Both on Shanghai's clock (the event's), written as the page writes its times.
    assert "arrival: 28 Jun 08:00 → 24 Jun 08:00" in page
    assert "target countries: — → Kyrgyzstan, Kazakhstan" in page
    assert f"organisation: {dinara.organisation} → #{10**9}" in page  # deleted since
    for raw in ("False", "True", "not_interested", "T00:00:00", "+08:00", "['KG'"):
        assert raw not in page, raw
    organiser_client.cookies["django_language"] = "ru"
    page = _activity(organiser_client, event)
    assert "28 июня 08:00 → 24 июня 08:00" in page
    assert "Кыргызстан, Казахстан" in page


def test_a_job_is_shown_in_its_state_now_not_queued_for_ever(organiser_client, event) -> None:
    """A job's row changes state by updates the log does not see: its name, stored when it
    was queued, said "(queued)" after the import had long finished."""
    from keruen.common.audit import audit_context
    from keruen.meetings.models import Job

    with audit_context(None, source="admin"):
        job = Job.objects.create(event=event, kind=Job.Kind.IMPORT)
    entry = AuditLogEntry.objects.get(object_type="meetings.Job", object_id=str(job.pk))
    assert entry.object_repr.endswith("(queued)")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE)
    gone = _entry(
        event,
        AuditLogEntry.Action.CREATE,
        "meetings.Job",
        {"new": {}},
        object_id="999999",
        object_repr="import job #999999 (queued)",
    )
    page = _activity(organiser_client, event)
    assert f"import of a file #{job.pk} (done)" in page
    assert f"import of a file #{gone.object_id}<" in page  # deleted: no state to tell
    assert "queued" not in page


def test_imports_exports_and_times_in_details_are_in_words(organiser_client, event) -> None:
    action = AuditLogEntry.Action.ACTION
    _entry(
        event,
        action,
        "events.Event",
        {"action": "import", "kind": "participants", "file": "p.csv", "counts": {"created": 2}},
    )
    _entry(
        event,
        action,
        "events.Event",
        {"action": "export", "kind": "delegates", "format": "xlsx", "schedule": "draft"},
    )
    _entry(
        event,
        action,
        "people.Participant",
        {
            "action": "unavailable_slots",
            "before": "",
            "after": "2026-06-26 09:30, 2026-06-27 14:00",
        },
    )
    _entry(
        event,
        action,
        "people.Participant",
        {"action": "check_in_undo", "previous": "2026-06-26T01:15:00+00:00"},
    )
    _entry(
        event,
        action,
        "events.SlotGrid",
        {"action": "slot_grid_set", "days": "2026-06-26, 2026-06-27", "slots": 4},
    )
    page = _activity(organiser_client, event)
    assert "rows: 2 created; file: p.csv; kind: Delegates" in page
    assert "format: XLSX; kind: Delegates; schedule: draft" in page
    assert "before: —; after: 26 Jun 09:30, 27 Jun 14:00" in page
    assert "before: 26 Jun 09:15" in page
    assert "meeting days: 26 Jun, 27 Jun; slots: 4" in page
    assert "{" not in page.split("<tbody>")[1]


def test_who_says_where_a_change_came_from_in_words(organiser_client, event) -> None:
    _entry(
        event,
        AuditLogEntry.Action.DELETE,
        "people.Participant",
        {},
        actor_label="cli",
        source="cli",
    )
    _entry(
        event,
        AuditLogEntry.Action.CREATE,
        "meetings.MeetingRequest",
        {},
        actor_label="anonymous",
        source="web",
    )
    page = _activity(organiser_client, event)
    assert '<span class="tag">command line</span>' in page
    assert ">cli<" not in page
    assert "visitor without an account" in page


def test_the_page_needs_no_query_per_entry(organiser_client, event) -> None:
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert (
                organiser_client.get(reverse("console-activity", args=[event.slug])).status_code
                == 200
            )
        return len(captured)

    def add(n: int) -> None:
        from keruen.common.audit import audit_context
        from keruen.meetings.models import Job

        for _ in range(n):
            speaker = ParticipantFactory(event=event)
            meeting = MeetingFactory(
                event=event,
                participant_a=ParticipantFactory(event=event),
                participant_b=ParticipantFactory(event=event),
            )
            _entry(
                event,
                AuditLogEntry.Action.ACTION,
                "events.ProgrammeSession",
                {"action": "speakers", "speakers": [speaker.pk], "previous": []},
            )
            _entry(
                event,
                AuditLogEntry.Action.UPDATE,
                "agreements.Agreement",
                {"meeting": [None, meeting.pk]},
            )
            with audit_context(None, source="admin"):  # its state is read for its name
                Job.objects.create(event=event, kind=Job.Kind.IMPORT)

    add(2)
    few = queries()
    add(6)
    assert queries() == few
