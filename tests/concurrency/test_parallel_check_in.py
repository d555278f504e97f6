"""Two desks scan the same badge at the same moment: one check-in, the first arrival kept."""

from __future__ import annotations

import pytest

from keruen.people.arrivals import participant_check_in
from keruen.people.models import Participant
from tests.concurrency.test_parallel_booking import POSTGRES, run_together
from tests.factories import EventFactory, ParticipantFactory

DESKS = 8


@pytest.mark.django_db(transaction=True)
def test_simultaneous_scans_of_one_badge_check_in_once(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    delegate = ParticipantFactory(event=EventFactory())

    def scan() -> tuple[bool, object]:
        copy = Participant.objects.get(pk=delegate.pk)  # each desk's own read of the row
        return participant_check_in(participant=copy), copy.checked_in_at

    outcomes = run_together([scan] * DESKS, serialise=not POSTGRES)
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert not errors, errors
    assert sorted(first for first, _ in outcomes) == [False] * (DESKS - 1) + [True]
    delegate.refresh_from_db()
    # Every desk was told the one recorded arrival.
    assert {at for _, at in outcomes} == {delegate.checked_in_at}
