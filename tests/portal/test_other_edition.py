"""A delegate of one edition opening another edition's portal (an old e-mail, a bookmark):
told they did not take part in it, with the way to their own portal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.people.models import Participant
from tests.factories import EventFactory, ParticipantFactory
from tests.portal.conftest import client_for


@pytest.fixture
def past_edition(db):
    return EventFactory(name={"en": "CAE 2026"})


@pytest.fixture
def delegate_of_2027(db):
    return ParticipantFactory(event=EventFactory(name={"en": "CAE 2027"}))


def _meetings(client, event):
    return client.get(reverse("portal-meeting-list", args=[event.slug]))


def test_a_delegate_of_another_edition_is_shown_their_own_portal(
    past_edition, delegate_of_2027
) -> None:
    response = _meetings(client_for(delegate_of_2027), past_edition)
    assert response.status_code == 403
    page = response.content.decode()
    assert "You did not take part in CAE 2026 as a delegate." in page
    own = reverse("portal-home", args=[delegate_of_2027.event.slug])
    assert f'<a href="{own}">Go to your portal at CAE 2027</a>' in page
    assert "You are not an approved delegate of this event." not in page


def test_the_latest_of_ones_editions_is_linked(past_edition, delegate_of_2027) -> None:
    earlier = EventFactory(
        name={"en": "CAE 2025"}, start_date=past_edition.start_date.replace(2025)
    )
    ParticipantFactory(event=earlier, user=delegate_of_2027.user)
    page = _meetings(client_for(delegate_of_2027), past_edition).content.decode()
    assert "Go to your portal at CAE 2027" in page


def test_a_registration_at_this_edition_is_not_pointed_elsewhere(
    past_edition, delegate_of_2027
) -> None:
    """Registered here but not approved (pending, withdrawn): the refusal is about this one."""
    ParticipantFactory(
        event=past_edition, user=delegate_of_2027.user, status=Participant.Status.PENDING
    )
    response = _meetings(client_for(delegate_of_2027), past_edition)
    assert response.status_code == 403
    page = response.content.decode()
    assert "You are not an approved delegate of this event." in page
    assert "Go to your portal" not in page


def test_a_user_of_no_edition_is_refused_as_before(past_edition) -> None:
    stranger = ParticipantFactory(event=past_edition, status=Participant.Status.REJECTED)
    stranger.delete()  # the user stays, with no registration anywhere
    response = _meetings(client_for(stranger), past_edition)
    assert response.status_code == 403
    assert "You are not an approved delegate of this event." in response.content.decode()


def test_a_private_edition_is_not_offered(past_edition, delegate_of_2027) -> None:
    delegate_of_2027.event.is_public = False
    delegate_of_2027.event.save()
    page = _meetings(client_for(delegate_of_2027), past_edition).content.decode()
    assert "Go to your portal" not in page
