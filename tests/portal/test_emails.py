"""Every portal e-mail renders in each interface language, with the event's clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from keruen.common.emails import render_localized, send_localized
from keruen.people.services import invitation_create
from tests.factories import MeetingRequestFactory, ProgrammeSessionFactory


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru", "kk"])
def test_every_e_mail_renders(event, alice, bob, language) -> None:
    request = MeetingRequestFactory(
        event=event,
        requester=alice,
        target=bob,
        message="Let us talk",
        decline_reason="Busy",
        expires_at=dt.datetime(2026, 6, 20, 16, 0, tzinfo=dt.UTC),
    )
    invitation = invitation_create(
        event=event, email="x@example.org", organisation=bob.organisation
    )
    context = {
        "event": event,
        "meeting_request": request,
        "invitation": invitation,
        "link": "https://keruen.example/x",
        "changed": True,
    }
    names = (
        "request_received",
        "request_accepted",
        "request_declined",
        "schedule_published",
        "invitation",
    )
    for name in names:
        subject, body = render_localized(name, context, language)
        assert subject, name
        assert "https://keruen.example/x" in body, name
    _, body = render_localized("request_received", context, language)
    # 16:00 UTC is midnight on the event's clock (Asia/Shanghai).
    assert "Asia/Shanghai" in body
    assert "Let us talk" in body


def test_schedule_published_mail_for_the_console(event, alice, mailoutbox) -> None:
    """The console sends this one; the portal owns its templates."""
    alice.user.language = "ru"
    sent = send_localized(
        recipients=[alice.user],
        name="schedule_published",
        context={"event": event, "changed": False, "link": "https://k/agenda"},
    )
    assert sent == 1
    assert f"Выставка {event.slug}" in mailoutbox[0].subject


@pytest.mark.usefixtures("requests_open")
def test_public_page_tags(event, alice, bob) -> None:
    session = ProgrammeSessionFactory(event=event)
    template = Template(
        "{% load portal %}{% session_choice session %}|{% request_meeting_link delegate %}"
    )
    request = RequestFactory().get(f"/{event.slug}/programme/")
    request.user = alice.user
    with translation.override("en"):  # whatever an earlier test in this worker left active
        html = template.render(
            Context({"request": request, "event": event, "session": session, "delegate": bob})
        )
    assert "Add to my agenda" in html
    assert f"?to={bob.pk}" in html
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(f"/{event.slug}/programme/")
    request.user = AnonymousUser()
    html = template.render(
        Context({"request": request, "event": event, "session": session, "delegate": bob})
    )
    assert html.strip() == "|"


def test_invitation_e_mail(event, bob, mailoutbox, django_capture_on_commit_callbacks) -> None:
    from keruen.portal.notifications import notify_invitation

    invitation = invitation_create(
        event=event, email="x@example.org", organisation=bob.organisation
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify_invitation(invitation=invitation, language="ru")
    (message,) = mailoutbox
    assert message.to == ["x@example.org"]
    assert f"Выставка {event.slug}" in message.subject
    assert f"/{event.slug}/me/invitation/{invitation.token}/" in message.body


def test_schedule_mail_with_the_consoles_context(event) -> None:
    """The console passes ``release`` and ``first`` (no ``changed``, maybe no ``link``)."""
    from tests.factories import ScheduleFactory

    release = ScheduleFactory(event=event)
    first_subject, first_body = render_localized(
        "schedule_published", {"event": event, "release": release, "first": True}, "en"
    )
    later_subject, _ = render_localized(
        "schedule_published", {"event": event, "release": release, "first": False}, "en"
    )
    assert "is published" in first_subject
    assert "has changed" in later_subject
    assert f"/{event.slug}/me/agenda/" in first_body
