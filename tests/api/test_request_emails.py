"""Sending, accepting or declining a meeting request over the API e-mails the other delegate
exactly as the portal's pages do: the same message, in the recipient's language, once the
change is committed (a review found the API sent none)."""

from __future__ import annotations

import smtplib

import pytest
from django.test import Client

from keruen.common.emails import render_localized
from keruen.meetings.models import MeetingRequest
from tests.api.conftest import key_for
from tests.factories import ParticipantFactory


@pytest.fixture
def pair(requests_open, event):
    """Alice (reads Russian) and Bob (reads Kazakh), each with an API key."""
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    for delegate, language in ((alice, "ru"), (bob, "kk")):
        delegate.user.language = language
        delegate.user.save()
    return alice, bob, key_for(alice), key_for(bob)


def as_the_portal_writes_it(name: str, request: MeetingRequest, recipient) -> tuple[str, str]:
    """The e-mail ``keruen.portal.notifications`` renders for the portal's pages."""
    event = request.event
    context = {
        "meeting_request": request,
        "event": event,
        "link": f"http://testserver/{event.slug}/me/requests/",
        "recipient": recipient.user,
    }
    return render_localized(name, context, recipient.user.language)


def test_a_request_sent_over_the_api_e_mails_what_the_portal_does(
    api, event, pair, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    alice, bob, key_a, _key_b = pair
    url = f"/events/{event.slug}/meeting-requests"
    with django_capture_on_commit_callbacks(execute=True):
        reply = api.post(url, key=key_a, body={"target_id": bob.pk, "message": "Grain?"})
    assert reply.status == 201, reply.body
    (by_api,) = mailoutbox
    assert by_api.to == [bob.user.email]
    request = MeetingRequest.objects.get(pk=reply.body["id"])
    assert (by_api.subject, by_api.body) == as_the_portal_writes_it(
        "request_received", request, bob
    )
    # Withdrawn, and sent again from the portal's form: word for word the same e-mail.
    assert api.post(f"{url}/{request.pk}/cancel", key=key_a).status == 200
    portal = Client()
    portal.force_login(alice.user)
    with django_capture_on_commit_callbacks(execute=True):
        page = portal.post(f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "Grain?"})
    assert page.status_code == 302
    by_portal = mailoutbox[1]
    assert (by_portal.to, by_portal.subject, by_portal.body) == (
        by_api.to,
        by_api.subject,
        by_api.body,
    )


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_an_answer_over_the_api_e_mails_the_sender_in_her_language(
    api, event, pair, mailoutbox, django_capture_on_commit_callbacks, answer
) -> None:
    alice, bob, key_a, key_b = pair
    url = f"/events/{event.slug}/meeting-requests"
    sent = api.post(url, key=key_a, body={"target_id": bob.pk}).body
    body = {"reason": "Not our market"} if answer == "decline" else None
    with django_capture_on_commit_callbacks(execute=True):
        reply = api.post(f"{url}/{sent['id']}/{answer}", key=key_b, body=body, lang="en")
    assert reply.status == 200, reply.body
    (mail,) = mailoutbox  # the request itself was sent outside a commit: no e-mail for it
    assert mail.to == [alice.user.email]
    assert f"Выставка {event.slug}" in mail.subject  # Alice's language, not the caller's
    request = MeetingRequest.objects.get(pk=sent["id"])
    name = "request_accepted" if answer == "accept" else "request_declined"
    assert (mail.subject, mail.body) == as_the_portal_writes_it(name, request, alice)
    if answer == "decline":
        assert "Not our market" in mail.body


def test_nothing_is_mailed_before_the_commit_or_for_a_refusal(
    api, event, pair, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    _alice, bob, key_a, _key_b = pair
    url = f"/events/{event.slug}/meeting-requests"
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        reply = api.post(url, key=key_a, body={"target_id": bob.pk})
    assert reply.status == 201
    assert (len(waiting), mailoutbox) == (1, [])  # queued for the commit, not sent
    with django_capture_on_commit_callbacks(execute=True) as sent:
        again = api.post(url, key=key_a, body={"target_id": bob.pk})  # already waiting
        declined_by_her = api.post(f"{url}/{reply.body['id']}/decline", key=key_a)
    assert (again.status, declined_by_her.status) == (409, 403)
    assert (sent, mailoutbox) == ([], [])


def test_a_mail_server_that_fails_does_not_fail_the_request(
    api, event, pair, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
) -> None:
    """The request is committed: the caller is told so, not given an error that would make
    them send it again. The failure is logged."""
    from keruen.portal import notifications

    def refuse(**message):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(notifications, "send_localized", refuse)
    _alice, bob, key_a, _key_b = pair
    with django_capture_on_commit_callbacks(execute=True):
        reply = api.post(
            f"/events/{event.slug}/meeting-requests", key=key_a, body={"target_id": bob.pk}
        )
    assert reply.status == 201, reply.body
    assert MeetingRequest.objects.filter(pk=reply.body["id"]).exists()
    assert "The request_received e-mail" in caplog.text
