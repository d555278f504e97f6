"""The printed table plans: a meeting cancelled since the release is struck through, and the
check-in offers "no-show" only once the slot is over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.withdrawal import participant_withdraw
from tests.factories import MeetingFactory, MeetingTableFactory, ParticipantFactory, SlotFactory


def _release(event, start: dt.datetime, meetings: list[Meeting]) -> Schedule:
    slot = SlotFactory(event=event, number=1, start=start, end=start + dt.timedelta(minutes=30))
    release = Schedule.objects.create(event=event, version="v1", published_at=timezone.now())
    for number, meeting in enumerate(meetings, start=1):
        ScheduledMeeting.objects.create(
            schedule=release,
            meeting=meeting,
            slot=slot,
            table=MeetingTableFactory(event=event, number=number),
        )
    return release


def _row(page: str, name: str) -> str:
    """The table row that names ``name``."""
    before, _, after = page.partition(name)
    return before.rpartition("<tr")[2] + name + after.partition("</tr>")[0]


@pytest.mark.usefixtures("requests_open")
def test_a_meeting_cancelled_since_the_release_is_struck_through(organiser_client, event) -> None:
    leaving = ParticipantFactory(event=event, given_name="Elnur", family_name="Abbasov")
    kept = ParticipantFactory(event=event, given_name="Aigul", family_name="Serikova")
    cancelled = MeetingFactory(event=event, participant_a=leaving)
    live = MeetingFactory(event=event, participant_a=kept)
    _release(event, dt.datetime(2099, 6, 27, 2, tzinfo=dt.UTC), [cancelled, live])
    participant_withdraw(participant=leaving)

    page = organiser_client.get(reverse("console-table-plans", args=[event.slug])).content
    page = page.decode()

    row = _row(page, "Elnur Abbasov")
    assert "<del>Elnur Abbasov</del>" in row
    assert '<span class="status cancelled">cancelled</span>' in row
    assert "<del>" not in _row(page, "Aigul Serikova")


def test_during_the_slot_the_hosts_record_held_but_not_yet_a_no_show(
    organiser_client, event
) -> None:
    meeting = MeetingFactory(event=event)
    started = timezone.now() - dt.timedelta(minutes=5)
    _release(event, started, [meeting])
    plans = reverse("console-table-plans", args=[event.slug])
    page = organiser_client.get(plans).content.decode()
    assert 'value="held"' in page
    assert 'value="no_show"' not in page
    url = reverse("console-meeting-outcome", args=[event.slug, meeting.pk])
    response = organiser_client.post(url, {"outcome": "no_show"}, follow=True)
    assert "A no-show can be recorded once the meeting&#x27;s time is over" in (
        response.content.decode()
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
    organiser_client.post(url, {"outcome": "held"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.outcome_by_organiser) == ("held", True)


def test_a_name_in_another_script_is_also_given_in_latin_letters(organiser_client, event):
    """A hall steward reads 徐磊 as Xu Lei, and فیصل ملک as Faisal Malik."""
    xu = ParticipantFactory(event=event, given_name="磊", family_name="徐", name_latin="Xu Lei")
    latin = ParticipantFactory(event=event, given_name="Aigul", family_name="Serikova")
    _release(
        event,
        dt.datetime(2099, 6, 27, 2, tzinfo=dt.UTC),
        [MeetingFactory(event=event, participant_a=xu, participant_b=latin)],
    )
    page = organiser_client.get(reverse("console-table-plans", args=[event.slug])).content
    page = page.decode()
    assert '徐磊 <span class="latin">(Xu Lei)</span>' in page
    assert "Aigul Serikova<br>" in page  # no Latin repeated after a Latin name


def test_the_dashboard_counts_and_links_the_meetings_without_an_outcome(
    organiser_client, event
) -> None:
    """The dashboard said "436 scheduled, 374 held (49 missed)": 13 were left unsaid."""
    past = timezone.now() - dt.timedelta(hours=2)
    forgotten = MeetingFactory(
        event=event, participant_a=ParticipantFactory(event=event, given_name="Forgotten")
    )
    held = MeetingFactory(
        event=event,
        participant_a=ParticipantFactory(event=event, given_name="Recorded"),
        status=Meeting.Status.HELD,
    )
    coming = MeetingFactory(
        event=event, participant_a=ParticipantFactory(event=event, given_name="Coming")
    )
    release = _release(event, past, [forgotten, held])
    later = SlotFactory(
        event=event,
        number=2,
        start=timezone.now() + dt.timedelta(hours=1),
        end=timezone.now() + dt.timedelta(hours=2),
    )
    ScheduledMeeting.objects.create(
        schedule=release, meeting=coming, slot=later, table=MeetingTableFactory(event=event)
    )

    page = organiser_client.get(reverse("console-home", args=[event.slug])).content.decode()
    link = f"{reverse('console-table-plans', args=[event.slug])}?outcome=missing"
    assert f'id="without-outcome" href="{link}"' in page
    assert "1 without an outcome" in page

    plans = organiser_client.get(link).content.decode()
    assert "1 meeting whose time is over has no outcome recorded" in plans
    assert "Forgotten" in plans
    assert "Recorded" not in plans  # held: recorded already
    assert "Coming" not in plans  # its time has not come
    assert 'value="no_show"' in plans

    # Once the last outcome is recorded the page (where the form sends the organiser back)
    # says so, without the warning that counted them.
    forgotten.status = Meeting.Status.HELD
    forgotten.save(update_fields=["status"])
    plans = organiser_client.get(link).content.decode()
    assert "Every meeting whose time is over has its outcome recorded." in plans
    assert 'id="outcome-missing"' not in plans
