"""Badge codes and checking in at the registration desk."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.common.errors import Conflict, NotFound
from keruen.people.arrivals import (
    BadgeFilters,
    arrivals_count,
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
from tests.factories import DelegationFactory, ParticipantFactory


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
