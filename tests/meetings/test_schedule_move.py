"""Moving a meeting of the draft by hand: refusals in the organiser's words, the move log."""

from __future__ import annotations

import polib
import pytest
from django.utils import translation

from keruen.common.errors import Conflict, ValidationFailed
from keruen.meetings.models import Schedule
from keruen.meetings.scheduler import schedule_draft_review, schedule_entry_move_checked
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from tests.factories import BoothFactory, MeetingFactory, ParticipantFactory
from tests.meetings.test_scheduling import _grid

#: Slot 1 (27 June 2026, 09:00 in Shanghai, the factory's time zone) as the console writes it.
SLOT_1 = {"en": "27 Jun 2026, 09:00", "ru": "27.06.2026 09:00"}


@pytest.fixture(autouse=True)
def _in_english():
    """The messages below are English unless a test says otherwise (a request made by an
    earlier test in this thread may have left another language active)."""
    with translation.override("en"):
        yield


@pytest.fixture
def chain(event):
    """Five delegates and four meetings in a chain, in slots 1-4 of day 1 at table T1."""
    _grid(event)  # two days, 09:00-11:00 and 14:00-15:00, two tables
    people = [ParticipantFactory(event=event) for _ in range(5)]
    meetings = [
        MeetingFactory(event=event, participant_a=people[i], participant_b=people[i + 1])
        for i in range(4)
    ]
    draft = schedule_draft_get(event=event)
    table_1 = event.tables.get(number=1)
    for number, meeting in enumerate(meetings, start=1):
        slot = event.slots.get(number=number)
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table_1)
    return event, people, meetings


def _who(person) -> str:
    return f"{person.display_name} ({person.organisation})"


def _move(event, meeting, *, slot: int, table: int):
    return schedule_entry_move_checked(
        event=event,
        meeting=meeting,
        slot=event.slots.get(number=slot),
        table=event.tables.get(number=table),
        booth=None,
    )


def _refusals(event, meeting, *, slot: int, table: int) -> list[tuple[str | None, str]]:
    with pytest.raises(ValidationFailed) as error:
        _move(event, meeting, slot=slot, table=table)
    return [(problem.field, problem.message) for problem in error.value.problems]


def test_a_taken_table_is_refused_naming_who_sits_there_and_when(chain) -> None:
    event, people, meetings = chain
    # The last pair is free in slot 1, where the first pair holds table T1.
    assert _refusals(event, meetings[3], slot=1, table=1) == [
        (
            "table",
            f"Table T1 is taken at {SLOT_1['en']} by {_who(people[0])} – {_who(people[1])}.",
        )
    ]


def test_a_busy_delegate_is_refused_naming_whom_they_meet_and_when(chain) -> None:
    event, people, meetings = chain
    # Delegate 1 meets delegate 0 in slot 1; moving (1, 2) there books them twice.
    assert _refusals(event, meetings[1], slot=1, table=2) == [
        ("slot", f"At {SLOT_1['en']}, {_who(people[1])} already meets {_who(people[0])}.")
    ]


def test_an_unavailable_delegate_is_refused_by_name(chain) -> None:
    event, people, meetings = chain
    people[4].unavailable_slots.add(event.slots.get(number=6))
    assert _refusals(event, meetings[3], slot=6, table=2) == [
        ("slot", f"At 27 Jun 2026, 14:30, {_who(people[4])} is not available.")
    ]


def test_a_booth_is_only_for_its_exhibitors_meetings(chain) -> None:
    event, people, meetings = chain
    booth = BoothFactory(event=event, code="B-7")
    with pytest.raises(ValidationFailed) as error:
        schedule_entry_move_checked(
            event=event,
            meeting=meetings[3],
            slot=event.slots.get(number=4),
            table=None,
            booth=booth,
        )
    who = f"{_who(people[3])} – {_who(people[4])}"
    assert [(p.field, p.message) for p in error.value.problems] == [
        (
            "booth",
            f"{who} cannot be held at booth B-7: neither delegate exhibits there. Choose a table.",
        )
    ]


@pytest.fixture
def russian_catalog(settings, tmp_path):
    """A Russian catalog of the given msgids, ahead of the project's: shows gettext is used
    (and with which msgid) whether or not the real translations are merged yet."""

    def install(entries: dict[str, str]) -> None:
        po = polib.POFile()
        po.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
            "n%10<=4 && (n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
            "(n%100>=11 && n%100<=14)? 2 : 3);",
        }
        for msgid, msgstr in entries.items():
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
        folder = tmp_path / "ru" / "LC_MESSAGES"
        folder.mkdir(parents=True)
        po.save_as_mofile(str(folder / "django.mo"))
        settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]

    return install


def test_refusals_are_in_the_organisers_language(chain, russian_catalog) -> None:
    event, people, meetings = chain
    russian_catalog(
        {
            "Table %(place)s is taken at %(time)s by %(other)s.": (
                "Стол %(place)s занят в %(time)s: %(other)s."
            ),
            "At %(time)s, %(delegate)s already meets %(other)s.": (
                "В %(time)s у %(delegate)s уже встреча с %(other)s."
            ),
        }
    )
    with translation.override("ru"):
        taken = _refusals(event, meetings[3], slot=1, table=1)
        busy = _refusals(event, meetings[1], slot=1, table=2)
    pair = f"{_who(people[0])} – {_who(people[1])}"
    assert taken == [("table", f"Стол T1 занят в {SLOT_1['ru']}: {pair}.")]
    assert busy == [
        ("slot", f"В {SLOT_1['ru']} у {_who(people[1])} уже встреча с {_who(people[0])}.")
    ]


def test_the_database_guard_names_the_time_too(chain) -> None:
    event, _people, meetings = chain
    draft = schedule_draft_get(event=event)
    table_1 = event.tables.get(number=1)
    with pytest.raises(Conflict, match=f"^At {SLOT_1['en']}, table T1 is already taken.$"):
        schedule_entry_place(
            schedule=draft, meeting=meetings[3], slot=event.slots.get(number=1), table=table_1
        )


def test_the_review_has_the_breaks_now_and_the_meetings_moved_by_hand(chain) -> None:
    event, people, meetings = chain
    review = schedule_draft_review(event=event)
    assert review.objective.breaks == 0
    assert review.manual is not None
    assert (review.manual.rows, review.manual.since_solve) == ([], 0)

    # The last pair goes from slot 4 to slot 6 (14:30): delegate 3 waits a slot (a break).
    _move(event, meetings[3], slot=6, table=2)
    review = schedule_draft_review(event=event)
    assert review.objective.breaks == 1
    assert review.breaks[people[3].pk] == 1
    assert review.manual.since_solve == 1
    assert review.manual.since_release is None
    [row] = review.manual.rows
    assert (row.change, row.meeting) == ("moved", meetings[3])
    assert (row.before.slot.number, str(row.before.table)) == (4, "T1")
    assert (row.after.slot.number, str(row.after.table)) == (6, "T2")

    # Moved again, it is one change from its first place; moved back, none.
    _move(event, meetings[3], slot=5, table=2)
    [row] = schedule_draft_review(event=event).manual.rows
    assert (row.before.slot.number, row.after.slot.number) == (4, 5)
    _move(event, meetings[3], slot=4, table=1)
    manual = schedule_draft_review(event=event).manual
    assert (manual.rows, manual.since_solve) == ([], 0)


def test_after_a_release_the_review_lists_the_moves_since_it(chain) -> None:
    event, _people, meetings = chain
    _move(event, meetings[3], slot=6, table=2)
    release = schedule_publish(event=event, by=None)
    assert schedule_draft_review(event=event).manual.rows == []
    _move(event, meetings[0], slot=5, table=2)  # delegates 0 and 1 are free at 14:00
    manual = schedule_draft_review(event=event).manual
    assert manual.since_release == release
    assert [row.meeting for row in manual.rows] == [meetings[0]]
    assert manual.since_solve == 2  # the solver's figures are two moves away
    assert Schedule.objects.get(pk=release.pk).entries.count() == 4


def test_a_placement_of_an_unscheduled_meeting_is_listed_as_added(chain) -> None:
    event, people, _meetings = chain
    late = MeetingFactory(event=event, participant_a=people[0], participant_b=people[4])
    _move(event, late, slot=12, table=1)
    [row] = schedule_draft_review(event=event).manual.rows
    assert (row.change, row.meeting, row.before) == ("added", late, None)


def test_a_move_made_while_the_solver_ran_is_not_overwritten(chain, monkeypatch) -> None:
    """The solver reads the event when it starts; a move by hand before it stores its result
    wins, and the organiser is told to run it again."""
    from keruen.meetings.scheduler import solve as solve_module

    event, _people, meetings = chain
    solve_fresh = solve_module._solve_fresh

    def meanwhile_a_move_by_hand(*args, **kwargs):
        result = solve_fresh(*args, **kwargs)
        _move(event, meetings[3], slot=5, table=2)  # another organiser, during the run
        return result

    monkeypatch.setattr(solve_module, "_solve_fresh", meanwhile_a_move_by_hand)
    with pytest.raises(Conflict, match="changed while the solver ran"):
        solve_module.schedule_draft_solve(event=event, time_limit=5)
    draft = schedule_draft_get(event=event)
    assert draft.entries.get(meeting=meetings[3]).slot.number == 5
    monkeypatch.setattr(solve_module, "_solve_fresh", solve_fresh)
    solved = solve_module.schedule_draft_solve(event=event, time_limit=5)  # run again: stored
    assert solved.entries.count() == 4


def test_the_move_form_names_each_meeting_with_its_time_in_the_draft(event) -> None:
    """Among hundreds of meetings the organiser finds one by a name or its time."""
    from keruen.console.forms import MoveForm
    from keruen.meetings.services import schedule_draft_get, schedule_entry_place
    from tests.factories import MeetingFactory, MeetingTableFactory, SlotFactory

    waiting, placed = MeetingFactory(event=event), MeetingFactory(event=event)
    placed.participant_a.given_name, placed.participant_a.family_name = "Фатима", "Шейх"
    placed.participant_a.name_latin = "Fatima Sheikh"
    placed.participant_a.save()
    slot = SlotFactory(event=event, number=1)  # 27 June 2026, 09:30 UTC: 17:30 in Shanghai
    schedule_entry_place(
        schedule=schedule_draft_get(event=event),
        meeting=placed,
        slot=slot,
        table=MeetingTableFactory(event=event),
    )
    choices = [(value, label) for value, label in MoveForm(event=event).fields["meeting"].choices]
    labels = dict(choices)
    assert labels[placed.pk].startswith("27 Jun 2026, 17:30 · Фатима Шейх (Fatima Sheikh) – ")
    assert labels[waiting.pk].startswith("not placed · ")
    # In the order of the day, those not placed last (not by id: the waiting one is older).
    assert [value for value, _label in choices if value] == [placed.pk, waiting.pk]


def test_a_meeting_at_a_table_taken_out_of_use_is_named_before_publishing(chain) -> None:
    from keruen.meetings.scheduler import schedule_draft_publish_problems

    event, _people, meetings = chain
    event.tables.filter(number=1).update(is_active=False)
    problems = [p.message for p in schedule_draft_publish_problems(event=event)]
    assert len(problems) == 4
    first = problems[0]
    assert first.startswith(f"{_who(meetings[0].participant_a)} – ")
    assert first.endswith(
        "is at a table taken out of use since: move it to another table, or re-schedule."
    )
    assert "out of range" not in " ".join(problems)
    assert not [p for p in problems if "is taken at" in p]  # all at "table 0": no clash
