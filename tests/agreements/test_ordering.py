"""Agreements are listed signed first, newest first, and those under negotiation after them.

PostgreSQL puts NULLs first in a descending order (SQLite puts them last): ordered by
``signed_on DESC`` alone, the agreements under negotiation (no date) came first there. These
tests fail on PostgreSQL without ``nulls_last``.
"""

from __future__ import annotations

import datetime as dt

from keruen.agreements.models import Agreement
from keruen.agreements.selectors import agreement_list
from keruen.analytics.delegations import delegation_agreements
from tests.factories import (
    AgreementFactory,
    DelegationFactory,
    OrganisationFactory,
    ParticipantFactory,
)


def _three(event, parties=()) -> list[Agreement]:
    """An older signed, a newer signed and a negotiating agreement, made in the order that a
    wrong ordering by creation would list first: the negotiating one last made."""
    made = [
        AgreementFactory(event=event, title={"en": "Older"}, signed_on=dt.date(2026, 6, 27)),
        AgreementFactory(event=event, title={"en": "Newer"}, signed_on=dt.date(2026, 6, 29)),
        AgreementFactory(
            event=event,
            title={"en": "Talks"},
            status="negotiating",
            signed_on=None,
            value=None,
            currency="",
        ),
    ]
    for agreement in made:
        agreement.parties.set(parties)
    return made


def _titles(agreements) -> list[str]:
    return [agreement.title["en"] for agreement in agreements]


def test_the_list_shows_signed_ones_newest_first_then_those_under_negotiation(event) -> None:
    _three(event)
    assert _titles(agreement_list(event=event)) == ["Newer", "Older", "Talks"]


def test_the_default_order_puts_those_under_negotiation_last(event) -> None:
    _three(event)
    assert _titles(Agreement.objects.filter(event=event)) == ["Newer", "Older", "Talks"]


def test_a_delegations_agreements_put_those_under_negotiation_last(event) -> None:
    delegation = DelegationFactory(event=event)
    member = ParticipantFactory(event=event, delegation=delegation)
    _three(event, parties=[member.organisation, OrganisationFactory(event=event)])
    assert _titles(delegation_agreements(delegation=delegation)) == ["Newer", "Older", "Talks"]
