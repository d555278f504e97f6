"""Badge codes and checking in at the registration desk."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from keruen.common.audit import audit_context
from keruen.common.errors import Conflict, NotFound
from keruen.common.models import AuditLogEntry
from keruen.demo import people as demo_people
from keruen.demo.config import SMALL
from keruen.meetings.roster import RosterFilters, participant_roster
from keruen.people import arrivals
from keruen.people.arrivals import (
    BadgeFilters,
    arrivals_count,
    arrivals_latest,
    arrivals_search,
    badge_participants,
    participant_by_badge_code,
    participant_check_in,
    participant_check_in_undo,
)
from keruen.people.badge_codes import (
    ALPHABET,
    badge_code_display,
    new_badge_code,
    normalise_badge_code,
)
from keruen.people.models import Participant
from tests.factories import DelegationFactory, ParticipantFactory, UserFactory


def test_every_participant_gets_a_distinct_code_in_the_printed_alphabet(event) -> None:
    codes = [ParticipantFactory(event=event).badge_code for _ in range(30)]
    assert len(set(codes)) == 30
    assert all(len(code) == 8 and set(code) <= set(ALPHABET) for code in codes)


def test_a_typed_code_is_read_as_printed() -> None:
    code = new_badge_code()
    assert normalise_badge_code(badge_code_display(code).lower()) == code
    assert normalise_badge_code(" k7q2 - m9xd ") == "K7Q2M9XD"
    # Letters that look like digits are read as those digits: the alphabet has none of them.
    assert normalise_badge_code("O1IL") == "0111"
    assert badge_code_display("K7Q2M9XD") == "K7Q2-M9XD"


def test_the_code_finds_the_participant_of_this_event_only(event, other_event) -> None:
    mine = ParticipantFactory(event=event)
    theirs = ParticipantFactory(event=other_event)
    found = participant_by_badge_code(event=event, code=badge_code_display(mine.badge_code))
    assert found == mine
    with pytest.raises(NotFound) as refused:
        participant_by_badge_code(event=event, code=theirs.badge_code)
    assert refused.value.field == "badge_code"


def test_checking_in_twice_keeps_the_first_arrival(event) -> None:
    delegate = ParticipantFactory(event=event)
    first = dt.datetime(2026, 6, 27, 1, 5, tzinfo=dt.UTC)
    assert participant_check_in(participant=delegate, at=first) is True
    again = Participant.objects.get(pk=delegate.pk)  # another desk's copy of the row
    assert participant_check_in(participant=again, at=first + dt.timedelta(minutes=3)) is False
    assert again.checked_in_at == first
    delegate.refresh_from_db()
    assert delegate.checked_in_at == first


def test_a_registration_not_approved_is_not_checked_in(event) -> None:
    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING)
    with pytest.raises(Conflict) as refused:
        participant_check_in(participant=pending)
    assert "approve the registration first" in refused.value.message
    pending.refresh_from_db()
    assert pending.checked_in_at is None


def test_a_check_in_can_be_taken_back(event) -> None:
    delegate = ParticipantFactory(event=event)
    participant_check_in(participant=delegate)
    participant_check_in_undo(participant=delegate)
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None
    assert participant_check_in(participant=delegate) is True


def test_arrivals_count_only_approved_delegates(event) -> None:
    arrived = [ParticipantFactory(event=event) for _ in range(3)]
    ParticipantFactory(event=event)
    ParticipantFactory(event=event, status=Participant.Status.PENDING)
    for person in arrived:
        participant_check_in(participant=person)
    counts = arrivals_count(event=event)
    assert (counts.arrived, counts.expected, counts.percent) == (3, 4, 75)
    # The secretariat's staff may be checked in, but are not delegates the desk expects (the
    # dashboard leaves them out of its figures too).
    staff = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    participant_check_in(participant=staff)
    counts = arrivals_count(event=event)
    assert (counts.arrived, counts.expected) == (3, 4)
    assert staff not in arrivals_latest(event=event)


def test_the_desk_finds_by_code_by_name_in_any_script_and_by_organisation(event) -> None:
    aigul = ParticipantFactory(event=event, given_name="Айгүл", family_name="Серікова")
    wang = ParticipantFactory(event=event, given_name="伟", family_name="王", name_latin="Wang Wei")
    wang.organisation.name = {"en": "Xinjiang Grain Logistics"}
    wang.organisation.save()
    assert list(arrivals_search(event=event, query=aigul.badge_code.lower())) == [aigul]
    assert list(arrivals_search(event=event, query="Серік")) == [aigul]
    assert list(arrivals_search(event=event, query="wang")) == [wang]
    assert list(arrivals_search(event=event, query="王")) == [wang]
    assert list(arrivals_search(event=event, query="Grain Logistics")) == [wang]
    assert list(arrivals_search(event=event, query="  ")) == []


def test_badges_are_printed_for_approved_delegates_by_delegation(event) -> None:
    kz = DelegationFactory(event=event, code="a-kz")
    cn = DelegationFactory(event=event, code="b-cn", country="CN")
    later = ParticipantFactory(event=event, delegation=cn, role=Participant.Role.BUSINESS)
    first = ParticipantFactory(event=event, delegation=kz, role=Participant.Role.GOVERNMENT)
    ParticipantFactory(event=event, status=Participant.Status.REJECTED, delegation=kz)
    everyone = badge_participants(event=event, filters=BadgeFilters())
    assert list(everyone) == [first, later]
    by_delegation = BadgeFilters.from_query({"delegation": str(cn.pk)})
    assert list(badge_participants(event=event, filters=by_delegation)) == [later]
    by_role = BadgeFilters.from_query({"role": "government", "delegation": "x"})
    assert by_role.delegation is None
    assert list(badge_participants(event=event, filters=by_role)) == [first]
    participant_check_in(participant=first)
    waiting = BadgeFilters.from_query({"not_arrived": "1"})
    assert list(badge_participants(event=event, filters=waiting)) == [later]


def test_the_whole_scanned_address_finds_the_badge_of_this_event_only(event, other_event) -> None:
    delegate = ParticipantFactory(event=event)
    address = f"https://expo.example.org/{event.slug}/b/{delegate.badge_code}/"
    assert participant_by_badge_code(event=event, code=address) == delegate
    assert list(arrivals_search(event=event, query=address)) == [delegate]
    foreign = f"https://expo.example.org/{other_event.slug}/b/{delegate.badge_code}/"
    with pytest.raises(NotFound) as refused:
        participant_by_badge_code(event=event, code=foreign)
    assert other_event.slug in refused.value.message
    assert refused.value.field == "badge_code"
    with pytest.raises(NotFound) as searched:
        arrivals_search(event=event, query=foreign)
    assert searched.value.message == refused.value.message


def test_not_found_names_the_code_as_it_was_read(event) -> None:
    with pytest.raises(NotFound) as refused:
        participant_by_badge_code(event=event, code="ｚｚｚｚ－ｚｚｚｚ\x00")
    assert "ZZZZ-ZZZZ" in refused.value.message
    with pytest.raises(NotFound):
        participant_by_badge_code(event=event, code="-")


def test_a_badge_typed_on_a_cyrillic_keyboard_is_found(event) -> None:
    delegate = ParticipantFactory(event=event, badge_code="AB3CEHK7")
    assert participant_by_badge_code(event=event, code="ав3с-енк7") == delegate


def test_names_are_found_in_any_case_of_any_script(event) -> None:
    aigul = ParticipantFactory(event=event, given_name="Айгүл", family_name="Серікова")
    asem = ParticipantFactory(
        event=event, given_name="Әсем", family_name="Қайратқызы", name_latin="Asem Kairatkyzy"
    )
    olga = ParticipantFactory(event=event, given_name="Ольга", family_name="ШЕВЧЕНКО")
    for query, found in [
        ("серікова", aigul),
        ("СЕРІКОВА айгҮл", aigul),
        ("әсем", asem),
        ("ҚАЙРАТҚЫЗЫ", asem),
        ("kairatkyzy", asem),
        ("шевченко ольга", olga),
    ]:
        assert list(arrivals_search(event=event, query=query)) == [found], query
        roster = participant_roster(event=event, filters=RosterFilters(query=query))
        assert list(roster) == [found], query


def test_a_renamed_delegate_is_found_by_the_new_name(event) -> None:
    delegate = ParticipantFactory(event=event, given_name="Ерлан", family_name="Нұрланов")
    delegate.family_name = "Жұмабаев"
    delegate.save(update_fields=["family_name", "updated_at"])
    assert list(arrivals_search(event=event, query="жұмабаев")) == [delegate]
    assert list(arrivals_search(event=event, query="нұрланов")) == []


def test_the_demo_delegates_written_in_bulk_are_found_by_name(event) -> None:
    size = dataclasses.replace(SMALL, organisations=6, delegates=10)
    rng = random.Random(5)
    cast = demo_people.build_organisations(event, rng, size)
    demo_people.build_participants(event, rng, size, cast)  # bulk_create: no save()
    for person in Participant.objects.for_event(event):
        assert person in arrivals_search(event=event, query=person.family_name.lower())


def test_latest_arrivals_are_approved_delegates_as_counted(event) -> None:
    stays = ParticipantFactory(event=event)
    leaves = ParticipantFactory(event=event)
    for person in (stays, leaves):
        participant_check_in(participant=person)
    Participant.objects.filter(pk=leaves.pk).update(status=Participant.Status.WITHDRAWN)
    assert list(arrivals_latest(event=event)) == [stays]
    assert arrivals_count(event=event).arrived == 1


@pytest.mark.parametrize(
    ("status", "says"),
    [
        (Participant.Status.PENDING, "approve the registration first"),
        (Participant.Status.WITHDRAWN, "re-admit"),
        (Participant.Status.REJECTED, "cannot be checked in"),
    ],
)
def test_the_refusal_says_what_the_status_needs(event, status, says) -> None:
    person = ParticipantFactory(event=event, status=status)
    with pytest.raises(Conflict) as refused:
        participant_check_in(participant=person)
    assert says in refused.value.message
    if status != Participant.Status.PENDING:
        assert "approve the registration first" not in refused.value.message


def test_a_registration_withdrawn_meanwhile_is_not_checked_in(event) -> None:
    delegate = ParticipantFactory(event=event)
    Participant.objects.filter(pk=delegate.pk).update(status=Participant.Status.WITHDRAWN)
    with pytest.raises(Conflict) as refused:  # the desk's copy still says approved
        participant_check_in(participant=delegate)
    assert "re-admit" in refused.value.message
    assert Participant.objects.get(pk=delegate.pk).checked_in_at is None


def _actions(person: Participant) -> list[str]:
    entries = AuditLogEntry.objects.filter(object_id=str(person.pk)).order_by("pk")
    return [entry.changes.get("action", entry.action) for entry in entries]


def test_one_undo_is_one_audit_entry_and_a_second_undoes_nothing(event) -> None:
    delegate = ParticipantFactory(event=event)
    with audit_context(UserFactory(), source="web"):
        assert participant_check_in(participant=delegate) is True
        stale = Participant.objects.get(pk=delegate.pk)  # another desk's copy
        assert participant_check_in_undo(participant=delegate) is True
        assert participant_check_in_undo(participant=stale) is False
    assert _actions(delegate) == ["check_in", "check_in_undo"]
    assert stale.checked_in_at is None


def test_a_check_in_is_not_kept_without_its_audit_entry(event, monkeypatch) -> None:
    delegate = ParticipantFactory(event=event)

    def audit_fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(arrivals, "record_action", audit_fails)
    with pytest.raises(RuntimeError):
        participant_check_in(participant=delegate)
    assert Participant.objects.get(pk=delegate.pk).checked_in_at is None


def test_names_are_found_as_typed_on_a_russian_keyboard_or_written_whole_in_chinese(event):
    nurlan = ParticipantFactory(event=event, given_name="Нұрлан", family_name="Жұмабаев")
    ma = ParticipantFactory(
        event=event, given_name="婷婷", family_name="马", name_latin="Ma Tingting"
    )
    ParticipantFactory(event=event, given_name="婷婷", family_name="吴")
    for query, found in [
        ("нурлан", nurlan),  # no ұ on a Russian keyboard
        ("ЖУМАБАЕВ", nurlan),
        ("нұрлан", nurlan),
        ("马婷婷", ma),  # family name first, no space, as it is written
        ("ma tingting", ma),
    ]:
        assert list(arrivals_search(event=event, query=query)) == [found], query
        roster = participant_roster(event=event, filters=RosterFilters(query=query))
        assert list(roster) == [found], query


def test_an_exhibitors_badge_names_the_booth_where_visitors_find_them(event) -> None:
    from keruen.people.badges import badge_of
    from tests.factories import BoothFactory

    exhibitor = ParticipantFactory(
        event=event, role=Participant.Role.EXHIBITOR, booth=BoothFactory(event=event, code="A-101")
    )
    visitor = ParticipantFactory(event=event)
    assert badge_of(exhibitor, language="en", scan_url="x").booth == "A-101"
    assert badge_of(visitor, language="en", scan_url="x").booth == ""
