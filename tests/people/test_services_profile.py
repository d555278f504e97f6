"""The delegate's profile and the organisation's, edited from a copy read earlier: what the
organisers recorded meanwhile stays, and only what changed is written and logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from keruen.common.audit import audit_context
from keruen.common.errors import Conflict
from keruen.common.models import AuditLogEntry
from keruen.people import profiles, services
from keruen.people.models import Organisation, Participant
from tests.factories import (
    DelegationFactory,
    EventFactory,
    OrganisationFactory,
    ParticipantFactory,
    SlotFactory,
)


@pytest.fixture
def coming(db):
    return EventFactory(coming=True)


def test_a_profile_save_from_a_stale_copy_does_not_undo_a_withdrawal(coming) -> None:
    from keruen.meetings.withdrawal import participant_withdraw

    alice = ParticipantFactory(event=coming)
    stale = Participant.objects.get(pk=alice.pk)  # what the profile request read
    participant_withdraw(participant=Participant.objects.get(pk=alice.pk), reason="visa")
    with pytest.raises(Conflict) as refused:
        profiles.participant_update_profile(participant=stale, phone="+7 701 555 0101")
    assert "withdrawn" in refused.value.message
    alice.refresh_from_db()
    assert (alice.status, alice.withdrawal_reason, alice.phone) == ("withdrawn", "visa", "")
    assert alice.withdrawn_at is not None


def test_a_profile_save_keeps_what_the_organisers_set_meanwhile(coming) -> None:
    alice = ParticipantFactory(event=coming)
    stale = Participant.objects.get(pk=alice.pk)
    delegation, now = DelegationFactory(event=coming), timezone.now()
    Participant.objects.filter(pk=alice.pk).update(
        delegation=delegation, checked_in_at=now, family_name="Seitkali"
    )
    profiles.participant_update_profile(participant=stale, phone="+7 701 555 0101")
    alice.refresh_from_db()
    assert (alice.delegation, alice.checked_in_at, alice.phone) == (
        delegation,
        now,
        "+7 701 555 0101",
    )
    # Not passed, so not written back: the name the organisers corrected stays.
    assert alice.family_name == "Seitkali"


def test_an_organisation_save_keeps_what_the_organisers_set_meanwhile(coming) -> None:
    organisation = OrganisationFactory(event=coming)
    stale = Organisation.objects.get(pk=organisation.pk)
    delegation = DelegationFactory(event=coming)
    Organisation.objects.filter(pk=organisation.pk).update(
        delegation=delegation, is_exhibitor=True, name={"en": "KazGrain"}
    )
    services.organisation_update(organisation=stale, city="Kostanay")
    organisation.refresh_from_db()
    assert (organisation.delegation, organisation.is_exhibitor) == (delegation, True)
    assert (organisation.city, organisation.name) == ("Kostanay", {"en": "KazGrain"})
    # The search text is made from the name read afresh, not the stale copy's.
    assert organisation.search_text.startswith("kazgrain")


def test_an_arrival_set_before_is_checked_only_when_it_changes(coming) -> None:
    alice = ParticipantFactory(event=coming)
    early = timezone.make_aware(
        dt.datetime.combine(coming.start_date - dt.timedelta(days=10), dt.time(12)), coming.tz
    )
    Participant.objects.filter(pk=alice.pk).update(arrives_at=early)
    # The portal sends every field, the unchanged arrival (as a naive local time) too.
    profiles.participant_update_profile(
        participant=alice, arrives_at=early.replace(tzinfo=None), phone="+7 701 555 0101"
    )
    alice.refresh_from_db()
    assert (alice.arrives_at, alice.phone) == (early, "+7 701 555 0101")


def test_lists_in_another_order_are_no_change(coming) -> None:
    alice = ParticipantFactory(event=coming, languages=["ru", "en"], target_countries=["UZ", "CN"])
    organisation = alice.organisation
    with audit_context(alice.user, source="api"):
        profiles.participant_update_profile(
            participant=alice, languages=["en", "ru"], target_countries=["CN", "UZ"]
        )
        services.organisation_update(
            organisation=organisation, sectors=list(reversed(organisation.sectors))
        )
    alice.refresh_from_db()
    assert (alice.languages, alice.target_countries) == (["ru", "en"], ["UZ", "CN"])
    assert not AuditLogEntry.objects.exists()


def test_changed_unavailable_slots_are_logged_with_before_and_after(coming) -> None:
    alice = ParticipantFactory(event=coming)
    slots = [SlotFactory(event=coming, number=n) for n in (1, 2, 3)]
    alice.unavailable_slots.set(slots[:2])
    with audit_context(alice.user, source="web"):
        profiles.participant_update_profile(
            participant=alice, unavailable_slot_ids=[slots[2].pk, slots[0].pk]
        )
        profiles.participant_update_profile(  # the same set again: nothing to log
            participant=alice, unavailable_slot_ids=[slots[0].pk, slots[2].pk]
        )
    assert set(alice.unavailable_slots.all()) == {slots[0], slots[2]}
    entry = AuditLogEntry.objects.get()
    assert (entry.object_type, entry.object_id) == ("people.Participant", str(alice.pk))
    # Slots 1-3 start at 09:30, 10:00, 10:30 UTC: 17:30, 18:00, 18:30 in Shanghai.
    assert entry.changes == {
        "action": "unavailable_slots",
        "before": "2026-06-27 17:30, 2026-06-27 18:00",
        "after": "2026-06-27 17:30, 2026-06-27 18:30",
    }
