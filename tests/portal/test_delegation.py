"""The head of a delegation's page: members, their published meetings, agreements."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from keruen.agreements.models import Agreement
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.arrivals import participant_check_in
from keruen.people.models import Participant
from tests.factories import (
    AgreementFactory,
    DelegationFactory,
    MeetingFactory,
    MeetingTableFactory,
    OrganisationFactory,
    ParticipantFactory,
)
from tests.portal.conftest import client_for


def _publish(event, placements) -> None:
    """Publish a release with each (meeting, slot) at a table of its own."""
    draft = schedule_draft_get(event=event)
    for number, (meeting, slot) in enumerate(placements, start=1):
        table = MeetingTableFactory(event=event, number=number)
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table)
    schedule_publish(event=event, by=None)


def _delegation(event):
    delegation = DelegationFactory(event=event, name={"en": "Government delegation of Kazakhstan"})
    head = ParticipantFactory(
        event=event, delegation=delegation, given_name="Serik", family_name="Zhumabayev"
    )
    member = ParticipantFactory(
        event=event, delegation=delegation, given_name="Aigerim", family_name="Nurlanova"
    )
    delegation.head = head
    delegation.save()
    return delegation, head, member


def test_the_head_sees_the_members_meetings_by_day_without_contact_details(event, slots) -> None:
    delegation, head, member = _delegation(event)
    ParticipantFactory(event=event, delegation=delegation, status=Participant.Status.PENDING)
    partner = ParticipantFactory(
        event=event, given_name="Wei", family_name="Wang", phone="+86 991 555 0101"
    )
    outsider_a, outsider_b = ParticipantFactory(event=event), ParticipantFactory(event=event)
    with_partner = MeetingFactory(event=event, participant_a=partner, participant_b=member)
    between_members = MeetingFactory(event=event, participant_a=head, participant_b=member)
    others = MeetingFactory(event=event, participant_a=outsider_a, participant_b=outsider_b)
    _publish(event, [(with_partner, slots[0]), (between_members, slots[1]), (others, slots[2])])
    participant_check_in(participant=member)

    page = client_for(head).get(reverse("portal-delegation", args=[event.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Government delegation of Kazakhstan" in text
    assert "09:30–10:00" in text  # on the event's clock
    assert "Wei Wang" in text
    assert partner.contact_email not in text
    assert partner.phone not in text
    assert outsider_a.display_name not in text  # not the delegation's meeting
    schedule = text.split("The delegation's meetings</h2>")[1].split("<h2>")[0]
    assert schedule.count('class="time"') == 2  # a meeting between two members: once
    figures = text.split('<div class="figures">')[1].split("</div>\n</div>")[0]
    assert '<span class="n">2</span>members' in figures  # the pending one is not a member
    assert '<span class="n">1</span>checked in at the desk' in figures
    assert '<span class="n">2</span>meetings accepted' in figures


def test_agreements_of_member_organisations_are_listed(event) -> None:
    _, head, member = _delegation(event)
    elsewhere = OrganisationFactory(event=event)
    signed = AgreementFactory(
        event=event,
        title={"en": "Grain terminal MoU"},
        status=Agreement.Status.SIGNED,
        signed_on=dt.date(2026, 6, 1),
    )
    signed.parties.set([member.organisation, elsewhere])
    unrelated = AgreementFactory(event=event, title={"en": "Not ours"})
    unrelated.parties.set([elsewhere])
    text = client_for(head).get(reverse("portal-delegation", args=[event.slug])).content.decode()
    assert "Grain terminal MoU" in text
    assert "Not ours" not in text
    assert '<span class="n">1</span>agreement signed' in text


def test_only_the_head_opens_the_page_and_sees_the_link(event) -> None:
    _, head, member = _delegation(event)
    url = reverse("portal-delegation", args=[event.slug])
    assert client_for(member).get(url).status_code == 403
    home = reverse("portal-home", args=[event.slug])
    assert url in client_for(head).get(home).content.decode()
    assert url not in client_for(member).get(home).content.decode()
