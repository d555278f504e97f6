from __future__ import annotations

import pytest

from keruen.common.errors import NotFound
from keruen.common.tenancy import get_for_event
from keruen.people.models import Organisation
from tests.factories import OrganisationFactory


def test_an_id_from_another_event_is_not_found(event, other_event) -> None:
    mine = OrganisationFactory(event=event)
    theirs = OrganisationFactory(event=other_event)
    assert get_for_event(Organisation, event=event, pk=mine.pk) == mine
    with pytest.raises(NotFound):
        get_for_event(Organisation, event=event, pk=theirs.pk)
    with pytest.raises(NotFound):
        get_for_event(Organisation, event=event, pk="not-a-number")
