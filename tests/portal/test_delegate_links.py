"""Delegate-only links (suggestions, meeting requests) are offered to delegates alone.

An organiser who is no delegate of the event (staff) used to see them and land on a bare
403 page; that page now keeps the event's menu.
"""

from __future__ import annotations

import pytest
from django.test import Client

from keruen.people.models import Participant
from tests.factories import ParticipantFactory, UserFactory
from tests.portal.conftest import client_for


@pytest.fixture
def listed_delegate(event):
    """A delegate of another organisation who appears on its public page."""
    return ParticipantFactory(event=event, public_listing=True)


@pytest.fixture
def staff_client() -> Client:
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    return client


def suggestions_href(event) -> str:
    return f'href="/{event.slug}/suggestions/"'


def request_href(event, delegate) -> str:
    return f'href="/{event.slug}/me/requests/new/?to={delegate.pk}"'


def test_staff_organiser_is_offered_no_delegate_links(event, listed_delegate, staff_client):
    home = staff_client.get(f"/{event.slug}/").content.decode()
    assert suggestions_href(event) not in home
    assert f'href="/{event.slug}/console/"' in home  # the organiser's own menu stays

    page = staff_client.get(f"/{event.slug}/organisations/{listed_delegate.organisation_id}/")
    assert page.status_code == 200
    assert listed_delegate.display_name in page.content.decode()
    assert request_href(event, listed_delegate) not in page.content.decode()


@pytest.mark.usefixtures("requests_open")
def test_delegate_is_offered_suggestions_and_meeting_requests(event, alice, listed_delegate):
    client = client_for(alice)
    assert suggestions_href(event) in client.get(f"/{event.slug}/").content.decode()
    assert suggestions_href(event) in client.get(f"/{event.slug}/me/").content.decode()

    page = client.get(f"/{event.slug}/organisations/{listed_delegate.organisation_id}/")
    assert request_href(event, listed_delegate) in page.content.decode()


def test_no_request_link_to_oneself_or_a_colleague(event, listed_delegate):
    colleague = ParticipantFactory(event=event, organisation=listed_delegate.organisation)
    for viewer in (listed_delegate, colleague):
        page = client_for(viewer).get(
            f"/{event.slug}/organisations/{listed_delegate.organisation_id}/"
        )
        assert request_href(event, listed_delegate) not in page.content.decode()


def test_pending_delegate_and_visitor_get_no_delegate_links(event, listed_delegate):
    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING)
    for client in (client_for(pending), Client()):
        organisation_page = client.get(
            f"/{event.slug}/organisations/{listed_delegate.organisation_id}/"
        ).content.decode()
        assert request_href(event, listed_delegate) not in organisation_page
        assert suggestions_href(event) not in client.get(f"/{event.slug}/").content.decode()
    # The pending delegate's own page (its context holds the pending participation).
    assert (
        suggestions_href(event)
        not in client_for(pending).get(f"/{event.slug}/me/").content.decode()
    )


def test_delegate_of_another_event_gets_no_delegate_links(event, other_event, listed_delegate):
    stranger = ParticipantFactory(event=other_event)
    client = client_for(stranger)
    assert suggestions_href(event) not in client.get(f"/{event.slug}/").content.decode()
    page = client.get(f"/{event.slug}/organisations/{listed_delegate.organisation_id}/")
    assert request_href(event, listed_delegate) not in page.content.decode()


def test_forbidden_page_keeps_the_event_menu(event, staff_client):
    response = staff_client.get(f"/{event.slug}/suggestions/")
    assert response.status_code == 403
    page = response.content.decode()
    assert f'href="/{event.slug}/"' in page
    assert f'href="/{event.slug}/organisations/"' in page
    assert f'href="/{event.slug}/console/"' in page
    assert suggestions_href(event) not in page


def test_forbidden_page_of_a_hidden_event_has_no_event_menu(event, alice):
    """A hidden event has no public pages: its error page links to none of them."""
    event.is_public = False
    event.save(update_fields=["is_public"])
    response = client_for(alice).get(f"/{event.slug}/console/")
    assert response.status_code == 403
    assert f'href="/{event.slug}/organisations/"' not in response.content.decode()


def test_pages_name_their_icon(client, event, alice):
    """With a declared icon, browsers no longer ask for a missing /favicon.ico."""
    icon = 'rel="icon" href="/static/keruen/favicon.svg"'
    assert icon in client.get(f"/{event.slug}/").content.decode()
    assert icon in client_for(alice).get(f"/{event.slug}/me/agenda/print/").content.decode()


def test_no_request_link_once_the_event_has_taken_place(event, alice, listed_delegate):
    """The factory's event is over (June 2026): no link, and the delegate page says why."""
    client = client_for(alice)
    organisation_page = client.get(
        f"/{event.slug}/organisations/{listed_delegate.organisation_id}/"
    ).content.decode()
    assert request_href(event, listed_delegate) not in organisation_page
    delegate_page = client.get(f"/{event.slug}/me/delegates/{listed_delegate.pk}/")
    assert delegate_page.status_code == 200
    assert request_href(event, listed_delegate) not in delegate_page.content.decode()
    assert "meeting requests are closed" in delegate_page.content.decode()


@pytest.mark.usefixtures("requests_open")
def test_a_pending_request_is_shown_instead_of_the_request_link(event, alice, listed_delegate):
    """The organisation's page offered "Request a meeting" to a delegate whose request was
    waiting already; the refusal came only once the message was written."""
    from keruen.meetings.services import meeting_request_create

    pending = meeting_request_create(event=event, requester=alice, target=listed_delegate)
    client = client_for(alice)
    page = client.get(f"/{event.slug}/organisations/{listed_delegate.organisation_id}/")
    text = page.content.decode()
    assert request_href(event, listed_delegate) not in text
    assert f'href="/{event.slug}/me/requests/#request-{pending.pk}"' in text
    assert "Request sent, awaiting reply" in text
    # The delegate's own page links the waiting request too.
    page = client.get(f"/{event.slug}/me/delegates/{listed_delegate.pk}/").content.decode()
    assert f'href="/{event.slug}/me/requests/#request-{pending.pk}"' in page
    # The request form is not offered for nothing: the page says the request is waiting.
    response = client.get(f"/{event.slug}/me/requests/new/?to={listed_delegate.pk}")
    page = response.content.decode()
    assert 'id="pending-request"' in page
    assert f'href="/{event.slug}/me/requests/#request-{pending.pk}"' in page
    assert 'name="message"' not in page
    # The other way round, the invited delegate is sent to answer it.
    alice.public_listing = True
    alice.save(update_fields=["public_listing"])
    page = client_for(listed_delegate).get(f"/{event.slug}/organisations/{alice.organisation_id}/")
    text = page.content.decode()
    assert "They asked you for a meeting: answer" in text
    assert f'href="/{event.slug}/me/requests/#request-{pending.pk}"' in text
    # On the delegate's own page and the request form too, not only on the organisation's.
    invited = client_for(listed_delegate)
    page = invited.get(f"/{event.slug}/me/delegates/{alice.pk}/").content.decode()
    assert "They asked you for a meeting: answer" in page
    assert "request-button" not in page
    page = invited.get(f"/{event.slug}/me/requests/new/?to={alice.pk}").content.decode()
    assert "They asked you for a meeting: answer" in page
    assert 'name="message"' not in page


def test_the_organisation_page_asks_once_for_the_pending_requests(
    event, alice, django_assert_max_num_queries
):
    """One query for the viewer's waiting requests, however many delegates are listed."""
    organisation = ParticipantFactory(event=event, public_listing=True).organisation
    for _ in range(5):
        ParticipantFactory(event=event, organisation=organisation, public_listing=True)
    client = client_for(alice)
    path = f"/{event.slug}/organisations/{organisation.pk}/"
    client.get(path)
    with django_assert_max_num_queries(20) as queries:
        client.get(path)
    pending_queries = [q for q in queries.captured_queries if "meetings_meetingrequest" in q["sql"]]
    assert len(pending_queries) <= 1
