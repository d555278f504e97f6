"""The meetings page: time and place from the published schedule, what happened, agreements."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keruen.agreements.models import Agreement
from keruen.common.errors import ValidationFailed
from keruen.meetings.models import Meeting, Schedule, ScheduledAttendance, ScheduledMeeting
from tests.factories import AgreementFactory, MeetingFactory, ParticipantFactory
from tests.portal.conftest import client_for


def _publish(meeting: Meeting, slot, table) -> Schedule:
    release = Schedule.objects.create(
        event=meeting.event, version="v1", published_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    )
    _place(release, meeting, slot, table)
    return release


def _place(release: Schedule, meeting: Meeting, slot, table) -> None:
    """An entry with its two attendances, as publishing writes them."""
    entry = ScheduledMeeting.objects.create(
        schedule=release, meeting=meeting, slot=slot, table=table
    )
    for pid in (meeting.participant_a_id, meeting.participant_b_id):
        ScheduledAttendance.objects.create(
            schedule=release, slot=slot, participant_id=pid, entry=entry
        )


@pytest.fixture
def meeting(event, alice, bob) -> Meeting:
    return MeetingFactory(event=event, participant_a=alice, participant_b=bob)


def _list(client, event) -> str:
    response = client.get(reverse("portal-meeting-list", args=[event.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_time_and_table_of_the_published_schedule(
    event, meeting, as_alice, slots, tables
) -> None:
    assert "not scheduled yet" in _list(as_alice, event)
    _publish(meeting, slots[1], tables[0])
    page = _list(as_alice, event)
    # 02:00 UTC is 10:00 in Shanghai, the event's time zone.
    assert "10:00–10:30" in page
    assert "Table T1" in page


def test_a_delegate_records_that_a_started_meeting_was_held(
    event, meeting, as_alice, slots, tables
) -> None:
    _publish(meeting, slots[0], tables[0])  # 27 June 2026, long past on this test's clock
    page = _list(as_alice, event)
    assert "It was held" in page
    assert "Record an agreement" in page
    url = reverse("portal-meeting-outcome", args=[event.slug, meeting.pk])
    response = as_alice.post(url, {"outcome": "held"}, follow=True)
    assert "Recorded: the meeting was held." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_a_meeting_that_has_not_started_cannot_be_marked(
    event, meeting, as_alice, slots, tables
) -> None:
    future = slots[0]
    future.start = dt.datetime(2099, 1, 1, 2, tzinfo=dt.UTC)
    future.end = future.start + dt.timedelta(minutes=30)
    future.save()
    _publish(meeting, future, tables[0])
    page = _list(as_alice, event)
    assert "It was held" not in page
    assert "can be recorded once it starts" in page
    assert "Record an agreement" not in page  # nothing has come out of it yet
    url = reverse("portal-meeting-outcome", args=[event.slug, meeting.pk])
    response = as_alice.post(url, {"outcome": "held"}, follow=True)
    assert "once the meeting has started" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED


def test_an_agreement_recorded_from_a_meeting_binds_both_organisations(
    event, meeting, alice, bob, as_alice, slots, tables
) -> None:
    _publish(meeting, slots[0], tables[0])  # on 27 June 2026, the day it is signed
    url = reverse("portal-agreement-create", args=[event.slug, meeting.pk])
    data = {
        "kind": "contract",
        "title": "Контракт на поставку зерна",
        "sector": "agriculture",
        "status": "signed",
        "signed_on": "2026-06-27",
        "value": "1500000",
        "currency": "usd",
    }
    response = as_alice.post(url, data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(event=event)
    assert set(agreement.parties.all()) == {alice.organisation, bob.organisation}
    assert agreement.meeting == meeting
    assert agreement.title == {"ru": "Контракт на поставку зерна"}
    assert agreement.currency == "USD"
    assert agreement.status == Agreement.Status.SIGNED
    # The other side sees it on their own page.
    assert "Контракт на поставку зерна" in _list(client_for(bob), event)


def test_no_signed_agreement_from_a_meeting_not_held_yet(
    event, meeting, as_alice, slots, tables
) -> None:
    url = reverse("portal-agreement-create", args=[event.slug, meeting.pk])
    signed = {"kind": "contract", "title": "Supply", "status": "signed", "signed_on": "2026-06-26"}
    response = as_alice.post(url, signed, follow=True)  # not in any published schedule
    assert response.redirect_chain == [(reverse("portal-meeting-list", args=[event.slug]), 302)]
    assert "not in the published schedule yet" in response.content.decode()
    assert not Agreement.objects.exists()
    _publish(meeting, slots[0], tables[0])  # 27 June 2026, the day after that date
    response = as_alice.post(url, signed)
    assert "The meeting takes place on" in response.context["form"].errors["signed_on"][0]
    assert not Agreement.objects.exists()  # public figures count only what was signed
    # Under negotiation is what a meeting to come can already have.
    response = as_alice.post(url, {**signed, "status": "negotiating", "signed_on": ""})
    assert response.status_code == 302
    assert Agreement.objects.get().status == Agreement.Status.NEGOTIATING
    # Once signed, recorded again: the same agreement is signed, not a second one added.
    response = as_alice.post(
        url, {**signed, "signed_on": "2026-06-27", "value": "900000", "currency": "usd"}
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.status, agreement.signed_on) == (
        Agreement.Status.SIGNED,
        dt.date(2026, 6, 27),
    )
    assert (agreement.value, agreement.currency) == (900000, "USD")
    # Recorded again after that: a duplicate, refused.
    response = as_alice.post(url, {**signed, "signed_on": "2026-06-27"})
    assert "recorded already" in str(response.context["form"].errors)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"status": "signed", "signed_on": ""}, "signed_on", "Give the date it was signed."),
        ({"value": "10", "currency": ""}, "currency", "Give the currency of the value."),
        ({"value": "10", "currency": "XYZ"}, "currency", "Not an ISO 4217 currency code."),
        ({"title": ""}, "title", "This field is required."),
        ({"sector": "shipbuilding"}, "sector", "Select a valid choice."),
    ],
)
def test_a_bad_agreement_is_refused_on_its_field(
    event, meeting, as_alice, slots, tables, changes, field, message
) -> None:
    _publish(meeting, slots[0], tables[0])  # started: the form is offered
    data = {"kind": "mou", "title": "MoU", "status": "negotiating", **changes}
    url = reverse("portal-agreement-create", args=[event.slug, meeting.pk])
    response = as_alice.post(url, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Agreement.objects.exists()


def test_no_agreement_from_a_meeting_the_other_side_missed(event, meeting, as_alice) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.NO_SHOW)
    url = reverse("portal-agreement-create", args=[event.slug, meeting.pk])
    response = as_alice.post(
        url, {"kind": "mou", "title": "MoU", "status": "negotiating"}, follow=True
    )
    assert response.redirect_chain == [(reverse("portal-meeting-list", args=[event.slug]), 302)]
    assert "accepted or held meeting" in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_list_shows_only_agreements_of_ones_own_organisation(
    event, meeting, alice, as_alice
) -> None:
    mine = AgreementFactory(event=event, title={"en": "Our memorandum"})
    mine.parties.set([alice.organisation, ParticipantFactory(event=event).organisation])
    theirs = AgreementFactory(event=event, title={"en": "Somebody else's contract"})
    theirs.parties.set(
        [ParticipantFactory(event=event).organisation, ParticipantFactory(event=event).organisation]
    )
    page = _list(as_alice, event)
    assert "Our memorandum" in page
    assert "Somebody else" not in page


def test_the_meetings_page_needs_no_query_per_meeting(
    event, alice, as_alice, slots, tables
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _list(as_alice, event)
        return len(captured)

    for _n in range(2):
        other = ParticipantFactory(event=event)
        meeting = MeetingFactory(event=event, participant_a=alice, participant_b=other)
        agreement = AgreementFactory(event=event, meeting=meeting)
        agreement.parties.set([alice.organisation, other.organisation])
    release = _publish(meeting, slots[0], tables[0])
    few = queries()
    for slot in slots[1:]:  # alice is free in the other three slots
        other = ParticipantFactory(event=event)
        extra = MeetingFactory(event=event, participant_a=alice, participant_b=other)
        _place(release, extra, slot, tables[1])
        agreement = AgreementFactory(event=event, meeting=extra)
        agreement.parties.set([alice.organisation, other.organisation])
    assert queries() == few
    assert _list(as_alice, event).count("Led to 1 agreement") == 5  # read without a query each


def _agreement_form(client, event, meeting):
    return client.get(
        reverse("portal-agreement-create", args=[event.slug, meeting.pk]), follow=True
    )


def test_the_agreement_form_of_a_meeting_to_come_is_refused_on_opening(
    event, meeting, as_alice, slots, tables
) -> None:
    """No form is filled in for nothing: the page says why at once, on the meetings page."""
    meetings_page = reverse("portal-meeting-list", args=[event.slug])
    response = _agreement_form(as_alice, event, meeting)  # not in the published schedule
    assert response.redirect_chain == [(meetings_page, 302)]
    assert "not in the published schedule yet" in response.content.decode()
    future = slots[0]
    future.start = dt.datetime(2099, 1, 1, 2, tzinfo=dt.UTC)
    future.end = future.start + dt.timedelta(minutes=30)
    future.save()
    _publish(meeting, future, tables[0])
    response = _agreement_form(as_alice, event, meeting)
    assert response.redirect_chain == [(meetings_page, 302)]
    assert "This meeting has not taken place yet" in response.content.decode()
    # Under negotiation is refused as well, before the service is reached.
    url = reverse("portal-agreement-create", args=[event.slug, meeting.pk])
    response = as_alice.post(url, {"kind": "mou", "title": "MoU", "status": "negotiating"})
    assert response.status_code == 302
    assert not Agreement.objects.exists()


def test_the_agreement_form_opens_once_the_meeting_has_started(
    event, meeting, as_alice, slots, tables
) -> None:
    _publish(meeting, slots[0], tables[0])
    response = _agreement_form(as_alice, event, meeting)
    assert response.redirect_chain == []
    assert 'name="title"' in response.content.decode()


def test_a_refusal_of_the_whole_form_is_shown_in_its_error_box(
    event, meeting, as_alice, slots, tables, monkeypatch
) -> None:
    """A meeting cancelled between the page's check and the service's: the service's
    refusal names no field of the form, and is listed in the box that says what to correct."""
    _publish(meeting, slots[0], tables[0])

    def refuse(**_kwargs):
        raise ValidationFailed("The meeting was cancelled meanwhile.", field="meeting")

    monkeypatch.setattr("keruen.portal.views.outcomes.agreement_record_for_meeting", refuse)
    url = reverse("portal-agreement-create", args=[event.slug, meeting.pk])
    response = as_alice.post(url, {"kind": "mou", "title": "MoU", "status": "negotiating"})
    assert response.status_code == 200
    page = response.content.decode()
    box = page[page.index('class="error-summary"') :]
    box = box[: box.index("</div>")]
    assert "<li>The meeting was cancelled meanwhile.</li>" in box
    assert page.count("The meeting was cancelled meanwhile.") == 1


def test_a_meeting_an_agreement_came_out_of_offers_no_no_show(
    event, meeting, alice, as_alice, slots, tables
) -> None:
    _publish(meeting, slots[0], tables[0])  # over, on this test's clock
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    page = _list(as_alice, event)
    assert "They did not come" in page  # held by mistake: can still be corrected
    assert "Led to" not in page
    agreements = [AgreementFactory(event=event, meeting=meeting) for _ in range(2)]
    for agreement in agreements:
        agreement.parties.set([alice.organisation, meeting.participant_b.organisation])
    page = _list(as_alice, event)
    assert "They did not come" not in page  # the service would refuse it
    row = page[page.index(f'id="meeting-{meeting.pk}"') :]
    row = row[: row.index("</tr>")]
    assert '<a href="#agreements">Led to 2 agreements</a>' in row
    assert 'id="agreements"' in page
