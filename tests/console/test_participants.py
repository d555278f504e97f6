"""The organisers' participants pages: find anyone, see their meetings, withdraw, re-admit."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from keruen.meetings.models import Meeting, MeetingRequest
from keruen.people.models import Participant
from tests.factories import (
    MeetingFactory,
    MeetingRequestFactory,
    OrganisationFactory,
    ParticipantFactory,
)


def _list(client, event, **query) -> str:
    url = reverse("console-participants", args=[event.slug])
    return client.get(url, query).content.decode()


def test_the_list_finds_every_status_by_name_in_any_script_or_email(
    organiser_client, event
) -> None:
    kazakh = ParticipantFactory(
        event=event, given_name="Айгүл", family_name="Серікова", name_latin="Aigul Serikova"
    )
    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING, given_name="Wei")
    ParticipantFactory(event=event, status=Participant.Status.WITHDRAWN, given_name="Olzhas")
    assert "Айгүл Серікова" in _list(organiser_client, event, q="serikova")
    assert "Айгүл Серікова" in _list(organiser_client, event, q=kazakh.user.email.upper())
    assert "Айгүл Серікова" in _list(organiser_client, event, q=kazakh.badge_code)
    only_pending = _list(organiser_client, event, status="pending")
    assert pending.display_name in only_pending
    assert "Айгүл" not in only_pending
    assert "Olzhas" not in only_pending
    page = _list(organiser_client, event)
    assert '<span class="status withdrawn">withdrawn</span></a> 1' in page


def test_the_list_counts_live_meetings_and_filters_by_country(organiser_client, event) -> None:
    busy = ParticipantFactory(
        event=event, given_name="Busy", organisation=OrganisationFactory(country="UZ")
    )
    MeetingFactory(event=event, participant_a=busy)
    MeetingFactory(event=event, participant_b=busy, status=Meeting.Status.HELD)
    MeetingFactory(event=event, participant_a=busy, status=Meeting.Status.CANCELLED)
    page = _list(organiser_client, event, country="UZ")
    row = page.split("Busy")[1].split("</tr>")[0]
    assert '<td class="num" data-label="Meetings">2</td>' in row
    assert page.count("<tr>") == 2  # the header and Busy: no one else is from Uzbekistan


@pytest.mark.usefixtures("requests_open")  # an event still ahead
def test_withdrawing_from_the_console_cancels_and_mails_the_partners(
    organiser_client, event, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    leaving = ParticipantFactory(event=event)
    meetings = [MeetingFactory(event=event, participant_a=leaving) for _ in range(3)]
    request = MeetingRequestFactory(event=event, target=leaving)
    detail = reverse("console-participant", args=[event.slug, leaving.pk])
    page = organiser_client.get(detail).content.decode()
    assert "Withdrawing cancels 3 accepted meetings" in page
    assert "It also cancels 1 request" in page
    url = reverse("console-participant-withdraw", args=[event.slug, leaving.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(url, {"reason": "visa refused", "confirm": "on"})
    assert response.status_code == 302
    # The three partners, and the sender of the request they had not answered yet.
    assert len(mailoutbox) == 4
    partners = {m.participant_b.user.email for m in meetings}
    assert {m.to[0] for m in mailoutbox} == partners | {request.requester.user.email}
    assert "http://testserver/" in mailoutbox[-1].body  # full addresses of the portal pages
    page = organiser_client.get(detail).content.decode()
    assert "visa refused" in page
    assert "Re-admit" in page
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.CANCELLED


def test_a_failed_withdrawal_changes_nothing_and_mails_nobody(
    organiser_client, event, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    leaving = ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=leaving)
    url = reverse("console-participant-withdraw", args=[event.slug, leaving.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(url, {"reason": "x" * 600, "confirm": "on"})
    assert response.status_code == 422
    assert "at most 500 characters" in response.content.decode()
    meeting.refresh_from_db()
    leaving.refresh_from_db()
    assert (meeting.status, leaving.status) == ("accepted", "approved")
    assert not mailoutbox


def test_a_pending_registration_is_approved_from_its_page(organiser_client, event) -> None:
    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING)
    url = reverse("console-participant-status", args=[event.slug, pending.pk])
    organiser_client.post(url, {"action": "approve"})
    pending.refresh_from_db()
    assert pending.status == Participant.Status.APPROVED
    # An approved registration is not "rejected" by a stale form: it is withdrawn instead.
    organiser_client.post(url, {"action": "reject"})
    pending.refresh_from_db()
    assert pending.status == Participant.Status.APPROVED


def test_a_withdrawn_delegate_is_readmitted_and_sees_the_portal_again(
    organiser_client, event
) -> None:
    leaving = ParticipantFactory(event=event, status=Participant.Status.WITHDRAWN)
    delegate = Client()
    delegate.force_login(leaving.user)
    home = delegate.get(reverse("portal-home", args=[event.slug])).content.decode()
    assert "You have withdrawn from this event" in home
    url = reverse("console-participant-status", args=[event.slug, leaving.pk])
    organiser_client.post(url, {"action": "readmit"})
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.APPROVED


@pytest.mark.usefixtures("requests_open")  # an event still ahead
def test_the_activity_log_tells_the_withdrawal_in_the_readers_language(
    organiser_client, event
) -> None:
    leaving = ParticipantFactory(event=event, given_name="Elnur", family_name="Abbasov")
    MeetingFactory(event=event, participant_a=leaving)
    url = reverse("console-participant-withdraw", args=[event.slug, leaving.pk])
    organiser_client.post(url, {"reason": "visa refused", "confirm": "on"})
    activity = reverse("console-activity", args=[event.slug])
    page = organiser_client.get(activity, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "отказался от участия" in page  # the action
    assert "встречи: 1; причина: visa refused; запросы: 0" in page
    assert "отказался: Elnur Abbasov" in page  # on the cancelled meeting's line


def test_the_filtered_list_downloads_as_csv(organiser_client, event) -> None:
    kazakh = ParticipantFactory(
        event=event, given_name="=Айгүл", organisation=OrganisationFactory(country="TJ")
    )
    MeetingFactory(event=event, participant_a=kazakh)
    ParticipantFactory(event=event, organisation=OrganisationFactory(country="CN"))
    url = reverse("console-participants", args=[event.slug])
    response = organiser_client.get(url, {"country": "TJ", "format": "csv"})
    assert response["Content-Disposition"].endswith('-participants.csv"')
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("name,name_latin,email,organisation,country")
    assert len(lines) == 2  # the header and the one delegate from Tajikistan
    assert lines[1].startswith("'=Айгүл")  # a spreadsheet would run it as a formula
    assert ",TJ," in lines[1]
    assert ",approved,1," in lines[1]


def test_an_organiser_cannot_withdraw_themselves_or_another_organiser(
    organiser_client, organiser, event
) -> None:
    colleague = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    for target in (organiser, colleague):
        page = organiser_client.get(reverse("console-participant", args=[event.slug, target.pk]))
        assert "Withdraw and cancel the meetings" not in page.content.decode()
        url = reverse("console-participant-withdraw", args=[event.slug, target.pk])
        response = organiser_client.post(url, {"reason": "a coup", "confirm": "on"})
        assert response.status_code == 409
        assert "An organiser's registration is not withdrawn here" in response.content.decode()
        target.refresh_from_db()
        assert target.status == Participant.Status.APPROVED
    # Still in charge.
    assert organiser_client.get(reverse("console-home", args=[event.slug])).status_code == 200


def test_two_organisers_deciding_at_once_do_not_overwrite_each_other(event) -> None:
    """The second decision, made on a registration read while it was pending, finds the
    first made instead of overwriting it."""
    import pytest

    from keruen.common.errors import Conflict
    from keruen.people.services import participant_set_status

    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING)
    seen_by_the_second = Participant.objects.get(pk=pending.pk)
    participant_set_status(participant=pending, status=Participant.Status.APPROVED)
    with pytest.raises(Conflict, match="no longer pending: it is approved"):
        participant_set_status(participant=seen_by_the_second, status=Participant.Status.REJECTED)
    pending.refresh_from_db()
    assert pending.status == Participant.Status.APPROVED


@pytest.mark.usefixtures("requests_open")  # an event still ahead
def test_withdrawing_needs_the_box_ticked_which_says_what_goes(
    organiser_client, event, mailoutbox
) -> None:
    """The old page withdrew on one click; the delegate's own page asked for a tick box."""
    leaving = ParticipantFactory(event=event, given_name="Elnur", family_name="Abbasov")
    meetings = [MeetingFactory(event=event, participant_a=leaving) for _ in range(2)]
    MeetingRequestFactory(event=event, target=leaving)
    detail = reverse("console-participant", args=[event.slug, leaving.pk])
    page = organiser_client.get(detail).content.decode()
    assert 'type="checkbox" name="confirm"' in page
    assert (
        "Withdraw Elnur Abbasov: cancel 2 accepted meetings and e-mail their partners."
        " Cancel 1 waiting request too." in " ".join(page.split())
    )
    url = reverse("console-participant-withdraw", args=[event.slug, leaving.pk])
    response = organiser_client.post(url, {"reason": "visa refused"})
    assert response.status_code == 422
    assert response.context["form"].errors["confirm"] == ["Tick the box to confirm the withdrawal."]
    assert "Tick the box to confirm the withdrawal." in response.content.decode()
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.APPROVED
    assert {m.status for m in Meeting.objects.filter(pk__in=[m.pk for m in meetings])} == {
        Meeting.Status.ACCEPTED
    }
    assert not mailoutbox
    assert (
        organiser_client.post(url, {"reason": "visa refused", "confirm": "on"}).status_code == 302
    )
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.WITHDRAWN


def test_once_the_event_is_over_the_box_says_only_the_status_changes(
    organiser_client, event
) -> None:
    leaving = ParticipantFactory(event=event, given_name="Elnur", family_name="Abbasov")
    page = organiser_client.get(
        reverse("console-participant", args=[event.slug, leaving.pk])
    ).content.decode()
    assert "Withdraw Elnur Abbasov: only the status changes." in page
    assert "Withdraw and cancel the meetings" not in page


@pytest.mark.parametrize(
    ("language", "spoken"),
    [("en", "Kazakh, Russian"), ("ru", "казахский, русский"), ("zh-hans", "哈萨克语、俄语")],
)
def test_the_participant_page_names_the_languages_they_speak(
    organiser_client, event, language, spoken
) -> None:
    delegate = ParticipantFactory(event=event, languages=["kk", "ru"])
    organiser_client.cookies["django_language"] = language
    page = organiser_client.get(reverse("console-participant", args=[event.slug, delegate.pk]))
    facts = page.content.decode().split('<dl class="facts">')[1].split("</dl>")[0]
    assert f"<dd>{spoken}</dd>" in facts
    assert "kk, ru" not in facts
