"""The dashboard's figures."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from keruen.analytics.selectors import event_dashboard
from keruen.events.selectors import event_figures
from keruen.marketplace.models import Opportunity
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.models import Participant
from keruen.people.selectors import PROFILE_ITEMS
from keruen.portal.selectors import profile_completeness
from tests.factories import (
    BEFORE_THE_EVENT,
    AgreementFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingTableFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    SlotFactory,
)


def test_the_dashboard_counts_the_funnel(event, other_event) -> None:
    kz = OrganisationFactory(event=event, country="KZ")
    cn = OrganisationFactory(event=event, country="CN")
    complete = ParticipantFactory(event=event, organisation=kz, title={"en": "CEO"})
    ParticipantFactory(event=event, organisation=kz, role=Participant.Role.GOVERNMENT)
    ParticipantFactory(event=event, organisation=cn, status=Participant.Status.PENDING)
    ParticipantFactory(event=event, organisation=cn, status=Participant.Status.REJECTED)
    ParticipantFactory(event=other_event)
    OpportunityFactory(organisation=kz, status=Opportunity.Status.PUBLISHED)
    for status in ("pending", "accepted", "accepted", "declined", "expired"):
        MeetingRequestFactory(event=event, status=status)
    MeetingFactory(event=event)
    MeetingFactory(event=event, status="held")
    MeetingFactory(event=event, status="held")
    MeetingFactory(event=event, status="no_show")
    MeetingFactory(event=event, status="cancelled")
    MeetingFactory(event=other_event, status="held")
    AgreementFactory(event=event, value=Decimal(100), currency="USD")
    AgreementFactory(event=event, value=Decimal(50), currency="USD")
    AgreementFactory(event=event, value=Decimal(70), currency="CNY")
    AgreementFactory(event=other_event, value=Decimal(1000), currency="USD")

    data = event_dashboard(event=event)

    # MeetingRequestFactory and MeetingFactory register delegates of their own, from KZ.
    assert dict(data.registrations_by_country)["CN"] == 1  # the rejected one is left out
    assert dict(data.registrations_by_role)["government"] == 1
    assert dict(data.registrations_by_status)["pending"] == 1
    assert dict(data.requests_by_status) == {
        "pending": 1,
        "accepted": 2,
        "declined": 1,
        "expired": 1,
        "cancelled": 0,
    }
    assert data.requests_sent == 5
    assert data.meetings_accepted == 4  # accepted, then held or missed; not cancelled
    assert (data.meetings_held, data.meetings_missed) == (2, 1)
    assert data.agreements_signed == 3
    assert data.agreement_value_by_currency == [("USD", Decimal(150)), ("CNY", Decimal(70))]
    # The dashboard counts the checklist each delegate sees on their own page.
    approved = Participant.objects.filter(event=event, status=Participant.Status.APPROVED)
    own = Counter(
        len(PROFILE_ITEMS) - len(profile_completeness(participant=p).missing) for p in approved
    )
    assert data.completeness.total == approved.count()
    assert data.completeness.items == len(PROFILE_ITEMS)
    assert {k: n for k, n in data.completeness.by_items.items() if n} == dict(own)
    assert len(own) >= 2  # the title and the offer set ``complete`` apart
    # The headline figure is their mean completeness, as each sees it on their own page.
    mean = sum(profile_completeness(participant=p).percent for p in approved) / approved.count()
    assert abs(data.completeness.percent - mean) <= 1
    assert complete.title == {"en": "CEO"}


def test_organisers_and_withdrawn_delegates_are_not_counted_as_delegates(event) -> None:
    kz = OrganisationFactory(event=event, country="KZ")
    secretariat = OrganisationFactory(event=event, country="CN")
    ParticipantFactory(event=event, organisation=kz)
    for _ in range(3):
        ParticipantFactory(event=event, organisation=secretariat, role=Participant.Role.ORGANISER)
    uz = OrganisationFactory(event=event, country="UZ")
    ParticipantFactory(event=event, organisation=uz, status=Participant.Status.WITHDRAWN)
    ParticipantFactory(event=event, organisation=uz, status=Participant.Status.REJECTED)

    data = event_dashboard(event=event)

    assert data.completeness.total == 1
    assert dict(data.registrations_by_country) == {"KZ": 1}
    assert "organiser" not in dict(data.registrations_by_role)
    # The status chart keeps every outcome of a registration.
    assert dict(data.registrations_by_status) == {"approved": 1, "withdrawn": 1, "rejected": 1}
    assert event_figures(event=event).participants == 1


def test_a_meeting_cancelled_after_the_release_leaves_the_scheduled_count(event) -> None:
    from keruen.meetings.services import meeting_cancel

    slot = SlotFactory(event=event)
    table = MeetingTableFactory(event=event)
    meetings = [MeetingFactory(event=event) for _ in range(2)]
    draft = schedule_draft_get(event=event)
    for index, meeting in enumerate(meetings):
        schedule_entry_place(
            schedule=draft,
            meeting=meeting,
            slot=SlotFactory(event=event) if index else slot,
            table=table,
        )
    schedule_publish(event=event, by=None)
    meeting_cancel(meeting=meetings[0], by=None, now=BEFORE_THE_EVENT)

    data = event_dashboard(event=event)

    assert (data.meetings_accepted, data.meetings_scheduled_release) == (1, 1)
    assert data.meetings_scheduled_draft == 1
