"""Editing and deleting halls, booths, tables, programme sessions and networking rules."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from keruen.common.models import AuditLogEntry
from keruen.events import editing as event_editing
from keruen.events import services as event_services
from keruen.events.models import Booth, Hall, MeetingTable, ProgrammeSession, RequestRule, Slot
from keruen.meetings.models import Schedule, ScheduledMeeting
from tests.factories import (
    BoothFactory,
    HallFactory,
    MeetingFactory,
    MeetingTableFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)

SESSION = {
    "kind": "keynote",
    "title_en": "Green energy keynote",
    "title_ru": "",
    "start": "2026-06-27T10:00",
    "end": "2026-06-27T11:30",
    "room_en": "Room 2",
    "room_ru": "",
}


def _url(name: str, event, pk: int) -> str:
    return reverse(name, args=[event.slug, pk])


def _setup_rows(event) -> dict[str, object]:
    """One of each editable row of ``event``."""
    hall = HallFactory(event=event, code="A", name={"en": "Hall A", "ru": "Зал А"})
    return {
        "hall": hall,
        "booth": BoothFactory(event=event, hall=HallFactory(event=event, code="B"), code="B-1"),
        "table": MeetingTableFactory(event=event, number=1, label="T1"),
        "session": ProgrammeSessionFactory(event=event, title={"en": "Forum", "ru": "Форум"}),
        "rule": RequestRule.objects.create(event=event, requester_role="visitor", allowed=False),
    }


def _snapshot(event) -> list[object]:
    """What the set-up rows of ``event`` hold (to assert that a refusal changed nothing)."""
    return [
        list(Hall.objects.filter(event=event).values()),
        list(Booth.objects.filter(event=event).values()),
        list(MeetingTable.objects.filter(event=event).values()),
        list(ProgrammeSession.objects.filter(event=event).values()),
        list(ProgrammeSession.speakers.through.objects.values()),
        list(RequestRule.objects.filter(event=event).values()),
    ]


def _slots(event) -> None:
    event_services.slot_grid_set(
        event=event,
        days=[dt.date(2026, 6, 27)],
        slot_minutes=30,
        am=(dt.time(9, 0), dt.time(11, 0)),
        pm=(dt.time(14, 0), dt.time(15, 0)),
    )


def _place(event, *, table=None, booth=None, published: bool = False):
    """A meeting of ``event`` placed at the table or booth in the draft (or a release v1)."""
    if not Slot.objects.filter(event=event).exists():
        _slots(event)
    meeting = MeetingFactory(
        event=event,
        participant_a=ParticipantFactory(event=event, given_name="Aida", family_name="Sarsen"),
        participant_b=ParticipantFactory(event=event, given_name="Li", family_name="Wei"),
    )
    if published:
        schedule = Schedule.objects.create(event=event, version="v1", published_at=timezone.now())
    else:
        schedule, _ = Schedule.objects.get_or_create(event=event, published_at=None)
    ScheduledMeeting.objects.create(
        schedule=schedule,
        meeting=meeting,
        slot=Slot.objects.filter(event=event).first(),
        table=table,
        booth=booth,
    )
    return meeting


def _audit(action: str, obj) -> AuditLogEntry:
    return AuditLogEntry.objects.get(
        action=action, object_type=obj._meta.label, object_id=str(obj.pk)
    )


# --- Halls ---------------------------------------------------------------------------------


def test_a_hall_is_renamed_in_every_language_it_has(organiser_client, organiser, event) -> None:
    hall = HallFactory(event=event, code="A", name={"en": "Hall A", "ru": "Зал А"})
    page = organiser_client.get(_url("console-hall-edit", event, hall.pk))
    assert page.status_code == 200
    assert "Зал А" in page.content.decode()  # the Russian name is shown, not only English
    response = organiser_client.post(
        _url("console-hall-edit", event, hall.pk),
        {"code": " A1 ", "name_en": "Hall A1", "name_ru": "Зал А1"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("console-setup", args=[event.slug])
    hall.refresh_from_db()
    assert (hall.code, hall.name) == ("A1", {"en": "Hall A1", "ru": "Зал А1"})
    entry = _audit("update", hall)
    assert entry.actor == organiser.user
    assert entry.changes["code"] == ["A", "A1"]


def test_a_language_left_blank_is_removed_and_one_is_required(organiser_client, event) -> None:
    hall = HallFactory(event=event, code="A", name={"en": "Hall A", "ru": "Зал А"})
    url = _url("console-hall-edit", event, hall.pk)
    response = organiser_client.post(url, {"code": "A", "name_en": "", "name_ru": ""})
    assert response.status_code == 422
    assert b"Give the name in at least one language" in response.content
    hall.refresh_from_db()
    assert hall.name == {"en": "Hall A", "ru": "Зал А"}
    organiser_client.post(url, {"code": "A", "name_en": "", "name_ru": "Зал А"})
    hall.refresh_from_db()
    assert hall.name == {"ru": "Зал А"}


def test_a_hall_cannot_take_another_halls_code(organiser_client, event) -> None:
    HallFactory(event=event, code="A")
    hall = HallFactory(event=event, code="B")
    response = organiser_client.post(
        _url("console-hall-edit", event, hall.pk), {"code": "A", "name_en": "Hall"}
    )
    assert response.status_code == 422
    assert b"This hall code is taken" in response.content
    hall.refresh_from_db()
    assert hall.code == "B"


def test_a_hall_is_deleted_and_its_tables_and_sessions_stay(
    organiser_client, organiser, event
) -> None:
    hall = HallFactory(event=event, code="C")
    table = MeetingTableFactory(event=event, hall=hall)
    session = ProgrammeSessionFactory(event=event, hall=hall)
    page = organiser_client.get(_url("console-hall-edit", event, hall.pk))
    assert b"Tables in this hall: 1; programme sessions: 1. They stay" in page.content
    response = organiser_client.post(_url("console-hall-delete", event, hall.pk))
    assert response.status_code == 302
    assert not Hall.objects.filter(pk=hall.pk).exists()
    table.refresh_from_db()
    session.refresh_from_db()
    assert table.hall is None
    assert session.hall is None
    assert _audit("delete", hall).actor == organiser.user


def test_a_hall_with_booths_is_not_deleted(organiser_client, event) -> None:
    booth = BoothFactory(event=event, code="A-07")
    before = _snapshot(event)
    response = organiser_client.post(_url("console-hall-delete", event, booth.hall_id))
    assert response.status_code == 409
    assert b"still has the booths A-07" in response.content
    assert _snapshot(event) == before


def test_a_hall_whose_tables_a_release_uses_is_not_deleted(organiser_client, event) -> None:
    hall = HallFactory(event=event, code="D")
    table = MeetingTableFactory(event=event, hall=hall)
    meeting = _place(event, table=table, published=True)
    before = _snapshot(event)
    response = organiser_client.post(_url("console-hall-delete", event, hall.pk))
    assert response.status_code == 409
    text = response.content.decode()
    assert f"#{meeting.pk} Aida Sarsen &amp; Li Wei (v1)" in text
    assert "Nothing was deleted" in text
    assert _snapshot(event) == before


# --- Booths --------------------------------------------------------------------------------


def test_a_booth_is_changed(organiser_client, event) -> None:
    booth = BoothFactory(event=event, code="B-1", area_m2=9)
    other_hall = HallFactory(event=event)
    exhibitor = OrganisationFactory(event=event)
    response = organiser_client.post(
        _url("console-booth-edit", event, booth.pk),
        {"hall": other_hall.pk, "code": "B-2", "exhibitor": exhibitor.pk, "area_m2": "18"},
    )
    assert response.status_code == 302
    booth.refresh_from_db()
    exhibitor.refresh_from_db()
    assert (booth.hall, booth.code, booth.area_m2) == (other_hall, "B-2", 18)
    assert booth.exhibitor == exhibitor
    assert exhibitor.is_exhibitor
    assert not booth.hosts_meetings  # the box was left unticked
    assert _audit("update", booth).changes["code"] == ["B-1", "B-2"]


def test_a_booth_cannot_take_a_taken_code_or_a_foreign_hall(
    organiser_client, event, other_event
) -> None:
    BoothFactory(event=event, code="B-1")
    booth = BoothFactory(event=event, code="B-2")
    url = _url("console-booth-edit", event, booth.pk)
    response = organiser_client.post(url, {"hall": booth.hall_id, "code": "B-1"})
    assert response.status_code == 422
    assert b"This booth code is taken" in response.content
    foreign_hall = HallFactory(event=other_event)
    response = organiser_client.post(url, {"hall": foreign_hall.pk, "code": "B-3"})
    assert response.status_code == 422
    assert b"Select a valid choice" in response.content
    booth.refresh_from_db()
    assert (booth.code, booth.hall.event) == ("B-2", event)


def test_a_booth_the_draft_uses_is_not_deleted(organiser_client, event) -> None:
    booth = BoothFactory(event=event, code="B-9")
    meeting = _place(event, booth=booth)
    page = organiser_client.get(_url("console-booth-edit", event, booth.pk))
    assert b"take place at booth B-9" in page.content  # said before anyone tries
    before = _snapshot(event)
    response = organiser_client.post(_url("console-booth-delete", event, booth.pk))
    assert response.status_code == 409
    assert f"#{meeting.pk} Aida Sarsen &amp; Li Wei (draft)" in response.content.decode()
    assert _snapshot(event) == before
    assert ScheduledMeeting.objects.filter(booth=booth).count() == 1


def test_a_free_booth_is_deleted(organiser_client, event) -> None:
    booth = BoothFactory(event=event)
    host = ParticipantFactory(event=event, booth=booth)
    page = organiser_client.get(_url("console-booth-edit", event, booth.pk))
    assert b"Delegates who meet at this booth: 1." in page.content
    response = organiser_client.post(_url("console-booth-delete", event, booth.pk))
    assert response.status_code == 302
    assert not Booth.objects.filter(pk=booth.pk).exists()
    host.refresh_from_db()
    assert host.booth is None
    _audit("delete", booth)


# --- Meeting tables ------------------------------------------------------------------------


def test_a_table_is_relabelled_moved_and_deactivated(organiser_client, event) -> None:
    table = MeetingTableFactory(event=event, number=4, label="T4")
    hall = HallFactory(event=event)
    response = organiser_client.post(
        _url("console-table-edit", event, table.pk), {"label": "VIP 1", "hall": hall.pk}
    )
    assert response.status_code == 302
    table.refresh_from_db()
    assert (table.label, table.hall, table.is_active) == ("VIP 1", hall, False)
    organiser_client.post(_url("console-table-edit", event, table.pk), {"is_active": "on"})
    table.refresh_from_db()
    assert (table.label, table.hall, table.is_active) == ("T4", None, True)
    assert AuditLogEntry.objects.filter(action="update", object_id=str(table.pk)).count() == 2


def test_a_table_used_by_the_draft_and_a_release_is_not_deleted(organiser_client, event) -> None:
    table = MeetingTableFactory(event=event, number=3, label="T3")
    meeting = _place(event, table=table)
    release = Schedule.objects.create(event=event, version="v1", published_at=timezone.now())
    entry = ScheduledMeeting.objects.get(meeting=meeting)
    ScheduledMeeting.objects.create(schedule=release, meeting=meeting, slot=entry.slot, table=table)
    before = _snapshot(event)
    response = organiser_client.post(_url("console-table-delete", event, table.pk))
    assert response.status_code == 409
    text = response.content.decode()
    assert "take place at table T3" in text
    assert f"#{meeting.pk} Aida Sarsen &amp; Li Wei (draft, v1)" in text
    assert "make the table inactive" in text
    assert _snapshot(event) == before


def test_the_refusal_lists_five_meetings_and_counts_the_rest(organiser_client, event) -> None:
    table = MeetingTableFactory(event=event, number=1)
    _slots(event)
    draft = Schedule.objects.create(event=event)
    for slot in Slot.objects.filter(event=event):  # six slots, six meetings
        ScheduledMeeting.objects.create(
            schedule=draft, meeting=MeetingFactory(event=event), slot=slot, table=table
        )
    response = organiser_client.post(_url("console-table-delete", event, table.pk))
    assert response.status_code == 409
    assert b"and 1 more" in response.content
    assert MeetingTable.objects.filter(pk=table.pk).exists()


def test_a_free_table_is_deleted(organiser_client, event) -> None:
    table = MeetingTableFactory(event=event)
    response = organiser_client.post(_url("console-table-delete", event, table.pk))
    assert response.status_code == 302
    assert not MeetingTable.objects.filter(pk=table.pk).exists()
    _audit("delete", table)


# --- Programme sessions --------------------------------------------------------------------


def test_a_session_and_its_speakers_are_changed(organiser_client, organiser, event) -> None:
    session = ProgrammeSessionFactory(event=event, title={"en": "Forum", "ru": "Форум"})
    old_speaker, new_speaker = ParticipantFactory(event=event), ParticipantFactory(event=event)
    session.speakers.add(old_speaker)
    hall = HallFactory(event=event)
    page = organiser_client.get(_url("console-session-edit", event, session.pk))
    assert page.status_code == 200
    assert "Форум" in page.content.decode()
    response = organiser_client.post(
        _url("console-session-edit", event, session.pk),
        {
            **SESSION,
            "title_ru": "Форум",
            "hall": hall.pk,
            "speakers": [new_speaker.pk],
            "blocks_meetings": "on",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == {"en": "Green energy keynote", "ru": "Форум"}
    assert (session.kind, session.room, session.hall) == ("keynote", {"en": "Room 2"}, hall)
    assert session.blocks_meetings
    assert session.start.astimezone(event.tz).time() == dt.time(10, 0)
    assert list(session.speakers.all()) == [new_speaker]
    assert _audit("update", session).actor == organiser.user
    speakers = _audit("action", session).changes
    assert speakers["speakers"] == [new_speaker.pk]
    assert speakers["previous"] == [old_speaker.pk]


def test_a_translation_made_elsewhere_survives_an_edit(organiser_client, event) -> None:
    """The event works in English and Russian; a Chinese title typed in the admin is kept."""
    event.languages = ["en", "ru"]
    event.save()
    session = ProgrammeSessionFactory(event=event, title={"en": "Forum", "zh-hans": "论坛"})
    organiser_client.post(_url("console-session-edit", event, session.pk), SESSION)
    session.refresh_from_db()
    assert session.title == {"en": "Green energy keynote", "zh-hans": "论坛"}


def test_the_room_is_edited_in_each_language(organiser_client, event) -> None:
    """One room field per language of the event, none required; other languages are kept."""
    event.languages = ["en", "ru", "zh-hans"]
    event.save()
    session = ProgrammeSessionFactory(
        event=event, room={"en": "Hall A", "ru": "Зал А", "kk": "А залы"}
    )
    url = _url("console-session-edit", event, session.pk)
    page = organiser_client.get(url).content.decode()
    assert 'name="room_ru" value="Зал А"' in page
    assert 'name="room_zh_hans"' in page
    assert 'name="room_kk"' not in page  # not a language of the event
    response = organiser_client.post(
        url, {**SESSION, "room_en": "", "room_ru": " Зал Б ", "room_zh_hans": "B厅"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    # English removed, Russian changed, Chinese added, Kazakh (typed elsewhere) kept.
    assert session.room == {"ru": "Зал Б", "zh-hans": "B厅", "kk": "А залы"}
    response = organiser_client.post(url, {**SESSION, "room_en": "", "room_zh_hans": ""})
    assert response.status_code == 302  # a room is optional in every language
    session.refresh_from_db()
    assert session.room == {"kk": "А залы"}


def test_a_too_long_room_is_refused(organiser_client, event) -> None:
    session = ProgrammeSessionFactory(event=event, room={"en": "Hall A"})
    response = organiser_client.post(
        _url("console-session-edit", event, session.pk), {**SESSION, "room_ru": "З" * 101}
    )
    assert response.status_code == 422
    session.refresh_from_db()
    assert session.room == {"en": "Hall A"}


def test_a_session_ending_before_it_starts_is_not_saved(organiser_client, event) -> None:
    session = ProgrammeSessionFactory(event=event)
    before = _snapshot(event)
    response = organiser_client.post(
        _url("console-session-edit", event, session.pk),
        {**SESSION, "start": "2026-06-27T12:00", "end": "2026-06-27T11:00"},
    )
    assert response.status_code == 422
    assert b"A session must end after it starts" in response.content
    response = organiser_client.post(
        _url("console-session-edit", event, session.pk), {**SESSION, "title_en": ""}
    )
    assert response.status_code == 422
    assert b"Give the title in at least one language" in response.content
    assert _snapshot(event) == before


def test_a_speaker_of_another_event_is_refused(organiser_client, event, other_event) -> None:
    session = ProgrammeSessionFactory(event=event)
    foreign = ParticipantFactory(event=other_event)
    response = organiser_client.post(
        _url("console-session-edit", event, session.pk), {**SESSION, "speakers": [foreign.pk]}
    )
    assert response.status_code == 422
    assert not session.speakers.exists()


def test_a_session_is_deleted(organiser_client, event) -> None:
    session = ProgrammeSessionFactory(event=event)
    response = organiser_client.post(_url("console-session-delete", event, session.pk))
    assert response.status_code == 302
    assert not ProgrammeSession.objects.filter(pk=session.pk).exists()
    _audit("delete", session)


# --- Networking rules ----------------------------------------------------------------------


def test_a_rule_is_changed_and_deleted(organiser_client, event) -> None:
    rule = RequestRule.objects.create(event=event, requester_role="visitor", allowed=False)
    response = organiser_client.post(
        _url("console-rule-edit", event, rule.pk),
        {"requester_role": "visitor", "allowed": "1", "target_role": "government"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.requester_role, rule.target_role, rule.allowed) == ("visitor", "government", True)
    _audit("update", rule)
    response = organiser_client.post(_url("console-rule-delete", event, rule.pk))
    assert response.status_code == 302
    assert not RequestRule.objects.filter(event=event).exists()
    _audit("delete", rule)


def test_two_rules_cannot_name_the_same_roles(organiser_client, event) -> None:
    RequestRule.objects.create(event=event, requester_role="media", allowed=False)
    rule = RequestRule.objects.create(event=event, requester_role="visitor", allowed=False)
    response = organiser_client.post(
        _url("console-rule-edit", event, rule.pk),
        {"requester_role": "media", "allowed": "1", "target_role": ""},
    )
    assert response.status_code == 422
    assert b"Another rule already covers these two roles" in response.content
    rule.refresh_from_db()
    assert (rule.requester_role, rule.allowed) == ("visitor", False)


# --- The set-up page links to the edit pages ----------------------------------------------


def test_the_setup_page_links_every_row_to_its_edit_page(organiser_client, event) -> None:
    rows = _setup_rows(event)
    page = organiser_client.get(reverse("console-setup", args=[event.slug])).content.decode()
    for kind, row in rows.items():
        assert _url(f"console-{kind}-edit", event, row.pk) in page, kind


# --- Access --------------------------------------------------------------------------------

EDIT = ["hall", "booth", "table", "session", "rule"]


def _requests(kind: str, event, pk: int) -> list[tuple[str, str]]:
    edit, delete = (
        _url(f"console-{kind}-edit", event, pk),
        _url(f"console-{kind}-delete", event, pk),
    )
    return [("get", edit), ("post", edit), ("post", delete)]


@pytest.mark.parametrize("kind", EDIT)
def test_anonymous_visitors_go_to_the_login_page(client, event, kind) -> None:
    row = _setup_rows(event)[kind]
    before = _snapshot(event)
    for method, url in _requests(kind, event, row.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    assert _snapshot(event) == before


@pytest.mark.parametrize("kind", EDIT)
@pytest.mark.parametrize("who", ["delegate_client", "foreign_organiser_client"])
def test_delegates_and_other_organisers_are_refused(request, event, kind, who) -> None:
    client = request.getfixturevalue(who)
    row = _setup_rows(event)[kind]
    before = _snapshot(event)
    for method, url in _requests(kind, event, row.pk):
        assert getattr(client, method)(url, {"code": "X"}).status_code == 403, url
    assert _snapshot(event) == before


@pytest.mark.parametrize("kind", EDIT)
def test_an_id_of_another_event_is_not_found(organiser_client, event, other_event, kind) -> None:
    foreign = _setup_rows(other_event)[kind]
    before = _snapshot(other_event)
    for method, url in _requests(kind, event, foreign.pk):
        assert getattr(organiser_client, method)(url, {"code": "X"}).status_code == 404, url
    assert _snapshot(other_event) == before


@pytest.mark.parametrize("kind", EDIT)
def test_deletion_is_post_only_and_needs_the_csrf_token(organiser, event, kind) -> None:
    row = _setup_rows(event)[kind]
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser.user)
    url = _url(f"console-{kind}-delete", event, row.pk)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert type(row).objects.filter(pk=row.pk).exists()
    page = client.get(_url(f"console-{kind}-edit", event, row.pk))
    assert b"csrfmiddlewaretoken" in page.content


def test_edit_pages_answer_only_get_and_post(organiser_client, event) -> None:
    hall = HallFactory(event=event)
    assert organiser_client.put(_url("console-hall-edit", event, hall.pk)).status_code == 405


def test_the_refusal_is_in_the_organisers_language(organiser_client, event) -> None:
    booth = BoothFactory(event=event, code="B-9")
    _place(event, booth=booth)
    organiser_client.cookies["django_language"] = "ru"
    response = organiser_client.post(_url("console-booth-delete", event, booth.pk))
    assert response.status_code == 409
    assert "B-9" in response.content.decode()
    text = response.content.decode()
    assert "take place at booth" not in text
    assert "Ничего не удалено" in text


def test_a_placement_written_after_the_check_still_refuses(
    organiser_client, event, monkeypatch
) -> None:
    """The database's RESTRICT backs the check: a schedule saved meanwhile is not broken."""
    booth = BoothFactory(event=event, code="B-5")
    meeting = _place(event, booth=booth)
    checks = []

    def blocker_that_looks_too_early(*, booth):
        checks.append(booth)
        return None if len(checks) == 1 else real_blocker(booth=booth)

    real_blocker = event_editing.booth_delete_blocker
    monkeypatch.setattr(event_editing, "booth_delete_blocker", blocker_that_looks_too_early)
    response = organiser_client.post(_url("console-booth-delete", event, booth.pk))
    assert response.status_code == 409
    assert f"#{meeting.pk} Aida Sarsen" in response.content.decode()
    assert Booth.objects.filter(pk=booth.pk).exists()


def test_every_help_text_a_field_points_to_is_on_the_page(organiser_client, event) -> None:
    # Django ties an input to its help text with aria-describedby="<id>_helptext": the
    # console's form must give the help text that id, or screen readers read nothing.
    table = MeetingTableFactory(event=event, number=1, label="T1")
    page = organiser_client.get(_url("console-table-edit", event, table.pk)).content.decode()
    described = set(re.findall(r'aria-describedby="([^"]+)"', page))
    named = {name for ids in described for name in ids.split()}
    assert any(name.endswith("_helptext") for name in named)
    for name in named:
        assert f'id="{name}"' in page, name
