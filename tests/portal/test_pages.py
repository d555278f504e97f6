"""Every portal page renders for a delegate, in English and Kazakh (and the others)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import (
    EventFactory,
    MeetingFactory,
    MeetingRequestFactory,
    OpportunityFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)
from tests.portal.conftest import client_for

PAGES = (
    "",
    "profile/",
    "organisation/",
    "offers/",
    "offers/new/",
    "requests/",
    "meetings/",
    "agenda/",
    "agenda/print/",
    "sessions/",
    "language/",
)


@pytest.mark.usefixtures("requests_open")
@pytest.mark.parametrize("language", ["en", "kk"])
def test_every_page_renders(event, alice, bob, slots, language) -> None:
    OpportunityFactory(organisation=alice.organisation, author=alice)
    MeetingRequestFactory(event=event, requester=bob, target=alice, message="Hello")
    MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    ProgrammeSessionFactory(event=event)
    client = client_for(alice, language)
    for page in PAGES:
        response = client.get(f"/{event.slug}/me/{page}")
        assert response.status_code == 200, (page, response.status_code)
        assert f'lang="{language}"' in response.content.decode(), page
    opportunity = alice.organisation.opportunities.first()
    detail_pages = (
        f"offers/{opportunity.pk}/edit/",
        f"delegates/{bob.pk}/",
        f"requests/new/?to={bob.pk}",
    )
    for page in detail_pages:
        assert client.get(f"/{event.slug}/me/{page}").status_code == 200, page


@pytest.mark.parametrize(
    ("language", "word"), [("kk", "Ұйымдар"), ("ru", "Организации"), ("zh-hans", "机构")]
)
def test_home_in_each_language(event, alice, language, word) -> None:
    page = client_for(alice, language).get(f"/{event.slug}/me/").content.decode()
    # The base template's menu is translated already: the page is served in that language.
    assert f'lang="{language}"' in page
    assert word in page


@pytest.mark.usefixtures("requests_open")  # the checklist is for an event still ahead
def test_the_profile_checklist_is_in_the_readers_language(event, alice) -> None:
    """Its items were marked through an alias makemessages does not see: English everywhere."""
    alice.arrives_at = None
    alice.save()
    page = client_for(alice, "ru").get(f"/{event.slug}/me/").content.decode()
    assert "даты вашего прибытия и отъезда" in page
    assert "your arrival and departure" not in page


def test_anonymous_home_offers_login_and_registration(db) -> None:
    event = EventFactory(coming=True)
    page = Client().get(f"/{event.slug}/me/").content.decode()
    assert "/accounts/login/" in page
    assert f"/{event.slug}/me/register/" in page


def test_pending_delegate_sees_status_only(event) -> None:
    pending = ParticipantFactory(event=event, status="pending")
    client = client_for(pending)
    page = client.get(f"/{event.slug}/me/").content.decode()
    assert "waiting for the organisers" in page
    assert client.get(f"/{event.slug}/me/requests/").status_code == 403
    assert client.get(f"/{event.slug}/me/agenda/").status_code == 403


def test_delegate_pages_need_login(event) -> None:
    response = Client().get(f"/{event.slug}/me/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_registered_elsewhere_is_refused(event, other_event) -> None:
    stranger = ParticipantFactory(event=other_event)
    client = client_for(stranger)
    for page in PAGES[1:-1]:  # the language page is the account's, not the event's
        assert client.get(f"/{event.slug}/me/{page}").status_code == 403, page
