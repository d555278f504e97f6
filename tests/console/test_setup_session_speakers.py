"""A programme session's speakers: the picker, and the warning when a session that keeps its
speakers free of meetings runs while one of their published meetings does."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from keruen.events.models import MeetingTable, Slot
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from tests.console.conftest import grid
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)

# 10:00-11:30 on 27 June 2026 in Shanghai, the event's clock.
SESSION = {
    "kind": "keynote",
    "title_en": "Green energy keynote",
    "start": "2026-06-27T10:00",
    "end": "2026-06-27T11:30",
}


def _edit_url(event, session) -> str:
    return reverse("console-session-edit", args=[event.slug, session.pk])


@pytest.fixture
def published(event):
    """A speaker-to-be's two published meetings, at 09:30 (before the session) and 10:30
    (while it runs), and a cancelled one at 10:00."""
    grid(event)
    speaker = ParticipantFactory(event=event, given_name="Дінара", family_name="Омарова")
    speaker.name_latin = "Dinara Omarova"
    speaker.save()
    partner = ParticipantFactory(event=event, given_name="Wei", family_name="Zhang")
    slots = {
        f"{slot.start.astimezone(event.tz):%H:%M}": slot
        for slot in Slot.objects.filter(event=event, day_index=1)
    }
    tables = list(MeetingTable.objects.filter(event=event))
    draft = schedule_draft_get(event=event)
    for at, table in (("09:30", 0), ("10:30", 0), ("10:00", 1)):
        meeting = MeetingFactory(event=event, participant_a=partner, participant_b=speaker)
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slots[at], table=tables[table])
    schedule_publish(event=event, by=None)
    cancelled = draft.entries.get(slot=slots["10:00"]).meeting
    cancelled.status = cancelled.Status.CANCELLED
    cancelled.save()
    return speaker, partner


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _warning(messages: list[str]) -> str:
    warnings = [text for text in messages if "keeps its speakers free" in text]
    assert len(warnings) <= 1
    return warnings[0] if warnings else ""


def test_adding_a_speaker_with_a_meeting_while_it_runs_warns(
    organiser_client, event, published
) -> None:
    speaker, _partner = published
    session = ProgrammeSessionFactory(event=event, blocks_meetings=True)
    response = organiser_client.post(
        _edit_url(event, session),
        {**SESSION, "speakers": [speaker.pk], "blocks_meetings": "on"},
        follow=True,
    )
    messages = _messages(response)
    assert messages[0] == "Session “Green energy keynote” updated."
    warning = _warning(messages)
    # Only the 10:30 meeting: the 09:30 one is over by 10:00, the 10:00 one cancelled.
    assert "1 meeting of theirs in the published schedule is at that time" in warning
    assert "Дінара Омарова (Dinara Omarova) with Wei Zhang at 27 Jun 2026, 10:30." in warning
    assert "re-schedule with minimal changes to the current release" in warning
    assert list(session.speakers.all()) == [speaker]  # saved all the same


def test_no_warning_when_the_session_lets_its_speakers_meet(
    organiser_client, event, published
) -> None:
    speaker, _ = published
    session = ProgrammeSessionFactory(event=event)
    response = organiser_client.post(
        _edit_url(event, session), {**SESSION, "speakers": [speaker.pk]}, follow=True
    )
    assert not _warning(_messages(response))
    # Ticking the box on the session as it is warns.
    response = organiser_client.post(
        _edit_url(event, session),
        {**SESSION, "speakers": [speaker.pk], "blocks_meetings": "on"},
        follow=True,
    )
    assert "at 27 Jun 2026, 10:30" in _warning(_messages(response))


def test_moving_the_session_onto_a_speakers_meetings_warns(
    organiser_client, event, published
) -> None:
    speaker, partner = published
    session = ProgrammeSessionFactory(event=event, blocks_meetings=True)
    session.speakers.add(speaker, partner)
    later = {**SESSION, "start": "2026-06-27T14:00", "end": "2026-06-27T15:00"}
    response = organiser_client.post(
        _edit_url(event, session),
        {**later, "speakers": [speaker.pk, partner.pk], "blocks_meetings": "on"},
        follow=True,
    )
    assert not _warning(_messages(response))
    earlier = {**SESSION, "start": "2026-06-27T09:00", "end": "2026-06-27T11:00"}
    response = organiser_client.post(
        _edit_url(event, session),
        {**earlier, "speakers": [speaker.pk, partner.pk], "blocks_meetings": "on"},
        follow=True,
    )
    warning = _warning(_messages(response))
    # Both speakers meet each other twice: two meetings, each named once.
    assert "2 meetings of theirs in the published schedule are at that time" in warning
    assert warning.count("at 27 Jun 2026, 09:30") == 1
    assert warning.count("at 27 Jun 2026, 10:30") == 1
    assert "They stay there until you move them" in warning


def test_a_session_added_with_a_busy_speaker_warns(organiser_client, event, published) -> None:
    speaker, _ = published
    response = organiser_client.post(
        reverse("console-session-add", args=[event.slug]),
        {
            **SESSION,
            "title": "Panel",
            "room": "",
            "speakers": [speaker.pk],
            "blocks_meetings": "on",
        },
        follow=True,
    )
    messages = _messages(response)
    assert messages[0] == "Session “Panel” added."
    assert "Dinara Omarova) with Wei Zhang at 27 Jun 2026, 10:30" in _warning(messages)


def test_the_speaker_picker_names_the_organisation_and_the_latin_form(
    organiser_client, event
) -> None:
    """Two delegates of one name are told apart by their organisation; a name in Cyrillic
    is found by its Latin form; names in the reader's alphabet order; ticking boxes."""
    twins = [
        ParticipantFactory(
            event=event,
            given_name="Aigerim",
            family_name="Bekova",
            organisation=OrganisationFactory(event=event, name={"en": name}),
        )
        for name in ("Steppe Grain", "Caspian Oil")
    ]
    cyrillic = ParticipantFactory(event=event, given_name="Ёлка", family_name="Ёлкина")
    cyrillic.name_latin = "Yolka Yolkina"
    cyrillic.save()
    ParticipantFactory(event=event, given_name="Ерлан", family_name="Жанов")
    ParticipantFactory(event=event, given_name="Ерлан", family_name="Ершов")
    session = ProgrammeSessionFactory(event=event)
    session.speakers.add(twins[1])
    page = organiser_client.get(_edit_url(event, session)).content.decode()
    assert "Aigerim Bekova – Steppe Grain" in page
    assert "Aigerim Bekova – Caspian Oil" in page
    assert f"Ёлка Ёлкина (Yolka Yolkina) – {cyrillic.organisation}" in page
    checked = re.search(r'<input type="checkbox" name="speakers" value="(\d+)"[^>]*checked', page)
    assert checked is not None
    assert checked.group(1) == str(twins[1].pk)  # one box ticked: the current speaker's
    assert not re.search(r'<select[^>]*name="speakers"', page)  # a plain click empties one
    assert "data-checklist" in page
    assert "console/checklist.js" in page
    # Russian order puts ё right after е; the database's (code points) puts Ё before А.
    organiser_client.cookies["django_language"] = "ru"
    ru = organiser_client.get(_edit_url(event, session)).content.decode()
    assert ru.index("Ершов") < ru.index("Ёлкина") < ru.index("Жанов")


def test_a_meeting_between_two_speakers_is_named_and_counted_once(event) -> None:
    from keruen.console.views.setup_edit import session_clash_warnings
    from keruen.meetings.services import (
        schedule_draft_get,
        schedule_entry_place,
        schedule_publish,
    )
    from tests.factories import (
        MeetingFactory,
        MeetingTableFactory,
        ProgrammeSessionFactory,
        SlotFactory,
    )

    nine = dt.datetime(2026, 6, 27, 1, 0, tzinfo=dt.UTC)
    slot = SlotFactory(event=event, number=1, start=nine, end=nine + dt.timedelta(minutes=30))
    ann, ben = ParticipantFactory(event=event), ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=ann, participant_b=ben)
    draft = schedule_draft_get(event=event)
    schedule_entry_place(
        schedule=draft, meeting=meeting, slot=slot, table=MeetingTableFactory(event=event)
    )
    schedule_publish(event=event, by=None)
    session = ProgrammeSessionFactory(
        event=event, start=nine, end=nine + dt.timedelta(hours=1), blocks_meetings=True
    )
    session.speakers.add(ann, ben)
    [warning] = session_clash_warnings(session)
    assert "but 1 meeting of theirs" in warning
    assert warning.count("at 27 Jun 2026, 09:00") == 1
