"""Meeting requests through the pages: send, accept, decline, cancel, expire; e-mails;
contact details only after an accepted meeting; nobody reaches another delegate's requests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import escape

from keruen.meetings.models import Meeting, MeetingRequest
from keruen.meetings.services import meeting_cancel
from keruen.portal.selectors import contact_visible
from tests.factories import MeetingFactory, MeetingRequestFactory, ParticipantFactory
from tests.portal.conftest import client_for


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the callbacks that e-mail once a transaction commits (tests never commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.usefixtures("requests_open")
def test_request_lifecycle_accept(
    event, alice, bob, as_alice, as_bob, mailoutbox, on_commit
) -> None:
    bob.user.language = "kk"
    bob.user.save()
    alice.user.language = "ru"
    alice.user.save()
    page = as_alice.get(f"/{event.slug}/me/delegates/{bob.pk}/").content.decode()
    assert f"/me/requests/new/?to={bob.pk}" in page
    with on_commit():
        response = as_alice.post(
            f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "Grain, 10,000 t?"}
        )
    assert response.status_code == 302
    request = MeetingRequest.objects.get(requester=alice, target=bob)
    # Bob hears of it in Kazakh (the event has no Kazakh name: English is the fallback).
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [bob.user.email]
    assert alice.display_name in mailoutbox[0].subject
    assert f"Expo {event.slug}" in mailoutbox[0].subject
    assert "Grain, 10,000 t?" in mailoutbox[0].body
    received = as_bob.get(f"/{event.slug}/me/requests/").content.decode()
    assert "Grain, 10,000 t?" in received
    assert f"request-{request.pk}" in received
    with on_commit():
        response = as_bob.post(f"/{event.slug}/me/requests/{request.pk}/accept/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "accepted"
    meeting = Meeting.objects.get(request=request)
    assert meeting.language == "ru"
    # Alice hears of it in Russian: the event's Russian name is in the subject.
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == [alice.user.email]
    assert f"Выставка {event.slug}" in mailoutbox[1].subject
    assert contact_visible(viewer=alice, other=bob)
    assert contact_visible(viewer=bob, other=alice)
    meetings = as_alice.get(f"/{event.slug}/me/meetings/").content.decode()
    assert bob.contact_email in meetings


@pytest.mark.usefixtures("requests_open")
def test_e_mail_language_is_the_recipients_not_the_senders(
    event, alice, bob, mailoutbox, on_commit
) -> None:
    bob.user.language = "ru"
    bob.user.save()
    as_alice = client_for(alice, "en")  # Alice browses in English
    with on_commit():
        as_alice.post(f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "Hi"})
    assert f"Выставка {event.slug}" in mailoutbox[0].subject


def test_decline_with_reason_and_cancel(
    event, alice, bob, as_alice, as_bob, mailoutbox, on_commit
) -> None:
    first = MeetingRequestFactory(event=event, requester=alice, target=bob)
    url = f"/{event.slug}/me/requests/{first.pk}/decline/"
    assert as_bob.get(url).status_code == 200
    with on_commit():
        assert as_bob.post(url, {"reason": "Not our market"}).status_code == 302
    first.refresh_from_db()
    assert (first.status, first.decline_reason) == ("declined", "Not our market")
    assert mailoutbox[-1].to == [alice.user.email]
    assert "Not our market" in mailoutbox[-1].body
    assert "Not our market" in as_alice.get(f"/{event.slug}/me/requests/").content.decode()
    second = MeetingRequestFactory(event=event, requester=alice, target=bob)
    assert as_alice.post(f"/{event.slug}/me/requests/{second.pk}/cancel/").status_code == 302
    second.refresh_from_db()
    assert second.status == "cancelled"
    assert not Meeting.objects.exists()


@pytest.mark.usefixtures("requests_open")
def test_answering_twice_is_refused_and_changes_nothing(event, alice, bob, as_bob) -> None:
    request = MeetingRequestFactory(event=event, requester=alice, target=bob)
    as_bob.post(f"/{event.slug}/me/requests/{request.pk}/accept/")
    response = as_bob.post(
        f"/{event.slug}/me/requests/{request.pk}/decline/", {"reason": "x"}, follow=True
    )
    assert "no longer pending" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "accepted"
    assert Meeting.objects.count() == 1


@pytest.mark.usefixtures("requests_open")
def test_bad_request_input(event, alice, bob, as_alice, mailoutbox, on_commit) -> None:
    with on_commit():
        response = as_alice.post(
            f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "x" * 2001}
        )
    assert "message" in response.context["form"].errors
    # No form to request a meeting with oneself: back to one's own page, with the reason.
    response = as_alice.get(f"/{event.slug}/me/requests/new/?to={alice.pk}", follow=True)
    assert response.redirect_chain == [(f"/{event.slug}/me/delegates/{alice.pk}/", 302)]
    assert "yourself" in response.content.decode()
    with on_commit():
        response = as_alice.post(
            f"/{event.slug}/me/requests/new/?to={alice.pk}", {"message": ""}, follow=True
        )
    assert "yourself" in response.content.decode()
    for bad in ("", "abc", "999999"):
        assert as_alice.get(f"/{event.slug}/me/requests/new/?to={bad}").status_code == 404
    assert not MeetingRequest.objects.exists()
    assert not mailoutbox


@pytest.mark.usefixtures("requests_open")
def test_second_pending_request_to_the_same_delegate(event, alice, bob, as_alice) -> None:
    first = MeetingRequestFactory(event=event, requester=alice, target=bob)
    response = as_alice.post(f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "again"})
    page = response.content.decode()
    assert "is waiting for an answer. This one was not sent" in page
    assert f"#request-{first.pk}" in page
    assert MeetingRequest.objects.count() == 1


@pytest.mark.usefixtures("requests_open")
def test_deadline_shown_and_enforced(event, alice, bob, as_alice, as_bob) -> None:
    past = timezone.now() - dt.timedelta(hours=1)
    request = MeetingRequestFactory(event=event, requester=bob, target=alice, expires_at=past)
    event.request_deadline = past
    event.save()
    page = as_alice.get(f"/{event.slug}/me/requests/").content.decode()
    assert "expire" in page
    assert "Asia/Shanghai" in page
    request.refresh_from_db()
    assert request.status == "expired"
    response = as_alice.post(
        f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "late"}, follow=True
    )
    assert "deadline" in response.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_pending_request_blocks_no_slot(event, alice, bob) -> None:
    MeetingRequestFactory(event=event, requester=alice, target=bob)
    assert not contact_visible(viewer=alice, other=bob)
    assert not Meeting.objects.exists()


def test_contact_visible(event, other_event, alice, bob, carol) -> None:
    assert contact_visible(viewer=alice, other=alice)
    assert not contact_visible(viewer=alice, other=bob)
    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    assert contact_visible(viewer=alice, other=bob)
    assert contact_visible(viewer=bob, other=alice)
    assert not contact_visible(viewer=carol, other=bob)
    # The same person registered at another event is someone else there.
    elsewhere = ParticipantFactory(event=other_event, user=bob.user)
    assert not contact_visible(viewer=elsewhere, other=alice)
    meeting_cancel(meeting=meeting, by=alice)
    assert not contact_visible(viewer=alice, other=bob)


def test_delegate_page_shows_contact_only_after_accepted_meeting(
    event, alice, bob, as_alice
) -> None:
    bob.phone = "+7 701 555 0199"
    bob.save()
    page = as_alice.get(f"/{event.slug}/me/delegates/{bob.pk}/").content.decode()
    assert bob.contact_email not in page
    assert "555 0199" not in page
    MeetingFactory(event=event, participant_a=bob, participant_b=alice)
    page = as_alice.get(f"/{event.slug}/me/delegates/{bob.pk}/").content.decode()
    assert bob.contact_email in page
    assert "555 0199" in page


def test_a_delegates_languages_read_as_a_list_in_russian(event, alice, bob) -> None:
    bob.languages = ["kk", "ru"]
    bob.save()
    url = f"/{event.slug}/me/delegates/{bob.pk}/"
    assert "<dd>казахский, русский</dd>" in client_for(alice, "ru").get(url).content.decode()
    assert "<dd>Kazakh, Russian</dd>" in client_for(alice).get(url).content.decode()


def test_nobody_touches_other_peoples_requests(event, other_event, alice, bob, carol) -> None:
    """Carol tries every action on Alice→Bob's request; another event's ids too."""
    request = MeetingRequestFactory(event=event, requester=alice, target=bob, message="secret")
    as_carol = client_for(carol)
    base = f"/{event.slug}/me/requests/{request.pk}"
    assert as_carol.post(f"{base}/accept/").status_code == 404
    assert as_carol.post(f"{base}/cancel/").status_code == 404
    assert as_carol.get(f"{base}/decline/").status_code == 404
    assert as_carol.post(f"{base}/decline/", {"reason": "x"}).status_code == 404
    assert "secret" not in as_carol.get(f"/{event.slug}/me/requests/").content.decode()
    # The sender cannot accept their own request; the target cannot withdraw it.
    client_for(alice).post(f"{base}/accept/")
    client_for(bob).post(f"{base}/cancel/")
    request.refresh_from_db()
    assert request.status == "pending"
    assert not Meeting.objects.exists()
    # Ids of another event: not found, whatever the delegate tries.
    theirs = MeetingRequestFactory(event=other_event)
    stranger = theirs.target
    as_alice = client_for(alice)
    for url in (
        f"/{event.slug}/me/requests/{theirs.pk}/accept/",
        f"/{event.slug}/me/requests/{theirs.pk}/cancel/",
    ):
        assert as_alice.post(url).status_code == 404
    assert as_alice.get(f"/{event.slug}/me/delegates/{stranger.pk}/").status_code == 404
    assert as_alice.get(f"/{event.slug}/me/requests/new/?to={stranger.pk}").status_code == 404
    # And through the other event's URL, Alice is nobody there.
    assert as_alice.post(f"/{other_event.slug}/me/requests/{theirs.pk}/accept/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == "pending"


def test_unapproved_delegate_cannot_be_requested(event, as_alice) -> None:
    pending = ParticipantFactory(event=event, status="pending")
    assert as_alice.get(f"/{event.slug}/me/requests/new/?to={pending.pk}").status_code == 404
    assert as_alice.get(f"/{event.slug}/me/delegates/{pending.pk}/").status_code == 404


def test_request_list_query_count(event, alice, as_alice, django_assert_max_num_queries) -> None:
    for _ in range(12):
        MeetingRequestFactory(event=event, target=alice, message="hello")
        MeetingRequestFactory(event=event, requester=alice)
    with django_assert_max_num_queries(10):
        assert as_alice.get(f"/{event.slug}/me/requests/").status_code == 200


def test_meeting_list_query_count(event, alice, as_alice, django_assert_max_num_queries) -> None:
    for _ in range(12):
        MeetingFactory(event=event, participant_a=alice)
        MeetingFactory(event=event, participant_b=alice)
    with django_assert_max_num_queries(8):
        page = as_alice.get(f"/{event.slug}/me/meetings/")
    assert page.status_code == 200
    assert len(page.context["meetings"]) == 24


@pytest.mark.parametrize("language", ["en", "kk"])
def test_request_pages_in_language(event, alice, bob, language) -> None:
    MeetingRequestFactory(event=event, requester=bob, target=alice)
    client = client_for(alice, language)
    assert client.get(f"/{event.slug}/me/requests/").status_code == 200


# --- A request sent between the page's opening and its submit -----------------------------


def _open_the_form(client, event, other) -> str:
    url = f"/{event.slug}/me/requests/new/?to={other.pk}"
    page = client.get(url).content.decode()
    assert 'name="message"' in page
    return url


@pytest.mark.usefixtures("requests_open")
def test_a_request_they_sent_meanwhile_is_shown_instead_of_a_refusal(
    event, alice, bob, as_alice, mailoutbox, on_commit
) -> None:
    url = _open_the_form(as_alice, event, bob)
    theirs = MeetingRequestFactory(event=event, requester=bob, target=alice)
    with on_commit():
        response = as_alice.post(url, {"message": "Grain, 10,000 t?"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Meanwhile {escape(bob.display_name)} asked you for a meeting, so" in page
    assert f'href="/{event.slug}/me/requests/#request-{theirs.pk}"' in page
    assert 'name="message"' not in page  # the page is in the waiting state, no form
    assert "Grain, 10,000 t?" in page  # what she wrote is not lost
    assert list(MeetingRequest.objects.all()) == [theirs]
    assert not mailoutbox


@pytest.mark.usefixtures("requests_open")
def test_her_own_request_sent_meanwhile_is_not_sent_twice(
    event, alice, bob, as_alice, mailoutbox, on_commit
) -> None:
    url = _open_the_form(as_alice, event, bob)
    # The same form, sent from another window (or her phone) meanwhile.
    with on_commit():
        assert client_for(alice).post(url, {"message": "First"}).status_code == 302
    mine = MeetingRequest.objects.get()
    with on_commit():
        response = as_alice.post(url, {"message": "Second"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Your request to {escape(bob.display_name)} was sent meanwhile" in page
    assert f'href="/{event.slug}/me/requests/#request-{mine.pk}"' in page
    assert 'name="message"' not in page
    assert "A request to this delegate is already pending." not in page
    assert list(MeetingRequest.objects.all()) == [mine]
    assert len(mailoutbox) == 1  # Bob hears of the first only


@pytest.mark.usefixtures("requests_open")
def test_her_own_request_sent_meanwhile_is_shown_also_when_it_used_her_last_request(
    event, alice, bob, as_alice, mailoutbox, on_commit
) -> None:
    """The request sent from another window took the last one of her quota: the service
    refuses the second for the quota before it looks for a pending request (its refusal
    carries no request), and the page still shows the one that was sent, not the limit."""
    event.request_quota = 1
    event.save()
    url = _open_the_form(as_alice, event, bob)
    with on_commit():
        assert client_for(alice).post(url, {"message": "First"}).status_code == 302
    mine = MeetingRequest.objects.get()
    with on_commit():
        response = as_alice.post(url, {"message": "Second"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Your request to {escape(bob.display_name)} was sent meanwhile" in page
    assert f'href="/{event.slug}/me/requests/#request-{mine.pk}"' in page
    assert "You have reached the limit of meeting requests" not in page
    assert "Second" in page  # what she wrote is not lost
    assert list(MeetingRequest.objects.all()) == [mine]
    assert len(mailoutbox) == 1
