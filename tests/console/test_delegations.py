"""The console's delegations: figures side by side, each one's page, agreeing with the head's."""

from __future__ import annotations

from django.urls import reverse

from keruen.agreements.models import Agreement
from keruen.analytics.delegations import delegation_overview, delegation_report
from keruen.meetings.models import Meeting
from keruen.people.arrivals import participant_check_in
from keruen.people.models import Participant
from tests.factories import AgreementFactory, DelegationFactory, MeetingFactory, ParticipantFactory


def _world(event):
    kz = DelegationFactory(event=event, code="kz", name={"en": "Kazakhstan"})
    cn = DelegationFactory(event=event, code="cn", name={"en": "China"}, country="CN")
    kz_people = [ParticipantFactory(event=event, delegation=kz) for _ in range(3)]
    cn_people = [ParticipantFactory(event=event, delegation=cn) for _ in range(2)]
    ParticipantFactory(event=event, delegation=kz, status=Participant.Status.PENDING)
    loner = ParticipantFactory(event=event)
    kz.head = kz_people[0]
    kz.save()
    MeetingFactory(event=event, participant_a=kz_people[0], participant_b=cn_people[0])
    MeetingFactory(event=event, participant_a=kz_people[1], participant_b=kz_people[2])
    MeetingFactory(
        event=event, participant_a=cn_people[1], participant_b=loner, status=Meeting.Status.HELD
    )
    MeetingFactory(
        event=event,
        participant_a=kz_people[1],
        participant_b=loner,
        status=Meeting.Status.CANCELLED,
    )
    participant_check_in(participant=kz_people[1])
    signed = AgreementFactory(event=event, status=Agreement.Status.SIGNED)
    signed.parties.set([kz_people[0].organisation, cn_people[0].organisation])
    talking = AgreementFactory(event=event, status=Agreement.Status.NEGOTIATING, signed_on=None)
    talking.parties.set([kz_people[2].organisation, loner.organisation])
    return kz, cn


def test_the_overview_counts_each_meeting_once_per_delegation(event) -> None:
    kz, cn = _world(event)
    figures = {row.delegation.code: row.figures for row in delegation_overview(event=event)}
    assert (figures["kz"].members, figures["kz"].arrived) == (3, 1)
    assert (figures["kz"].meetings, figures["kz"].held) == (2, 0)  # cancelled left out
    assert (figures["cn"].meetings, figures["cn"].held) == (2, 1)
    assert figures["kz"].agreements_signed == figures["cn"].agreements_signed == 1
    # The head's page says the same.
    for delegation in (kz, cn):
        assert delegation_report(delegation=delegation).figures == figures[delegation.code]


def test_organisers_see_the_list_and_any_delegations_page(organiser_client, event) -> None:
    kz, _ = _world(event)
    page = organiser_client.get(reverse("console-delegations", args=[event.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kazakhstan" in text
    assert "China" in text
    assert kz.head.display_name in text
    detail = organiser_client.get(reverse("console-delegation", args=[event.slug, kz.pk]))
    assert detail.status_code == 200
    assert "The delegation's meetings" in detail.content.decode()


def test_another_events_delegation_is_not_found(organiser_client, event, other_event) -> None:
    foreign = DelegationFactory(event=other_event)
    url = reverse("console-delegation", args=[event.slug, foreign.pk])
    assert organiser_client.get(url).status_code == 404


def test_a_member_who_withdrew_stays_on_the_page_marked_with_what_they_did(
    organiser_client, event
) -> None:
    """Their held meeting and their organisation's agreement are still the delegation's;
    the member count is of those coming, on the page and in the overview alike."""
    kz = DelegationFactory(event=event, code="kz", name={"en": "Kazakhstan"})
    staying = ParticipantFactory(event=event, delegation=kz)
    left = ParticipantFactory(
        event=event,
        delegation=kz,
        given_name="Elnur",
        family_name="Abbasov",
        status=Participant.Status.WITHDRAWN,
    )
    MeetingFactory(event=event, participant_a=left, status=Meeting.Status.HELD)
    signed = AgreementFactory(event=event, status=Agreement.Status.SIGNED)
    signed.parties.set([left.organisation])
    report = delegation_report(delegation=kz)
    assert {m.participant for m in report.members} == {staying, left}
    assert [a.pk for a in report.agreements] == [signed.pk]
    assert (report.figures.members, report.figures.held, report.figures.agreements_signed) == (
        1,
        1,
        1,
    )
    (row,) = delegation_overview(event=event)
    assert row.figures == report.figures
    page = organiser_client.get(reverse("console-delegation", args=[event.slug, kz.pk]))
    text = page.content.decode()
    assert "Elnur Abbasov" in text
    assert '<span class="status withdrawn">withdrawn</span>' in text


def test_names_in_another_script_carry_their_latin_form(organiser_client, event) -> None:
    # An organiser who reads English finds "王婷婷" as Wang Tingting, as on the table plans.
    china = DelegationFactory(event=event, code="cn", name={"en": "China"}, country="CN")
    head = ParticipantFactory(
        event=event,
        delegation=china,
        given_name="婷婷",
        family_name="王",
        name_latin="Wang Tingting",
    )
    china.head = head
    china.save()
    ParticipantFactory(
        event=event,
        status=Participant.Status.PENDING,
        given_name="俊杰",
        family_name="胡",
        name_latin="Hu Junjie",
    )
    expected = {"console-delegations": "(Wang Tingting)", "console-approvals": "(Hu Junjie)"}
    for page, latin in expected.items():
        text = organiser_client.get(reverse(page, args=[event.slug])).content.decode()
        assert latin in text


def test_members_are_listed_in_protocol_order(event) -> None:
    kz = DelegationFactory(event=event)

    def member(family_name: str, role: str, **kw) -> Participant:
        return ParticipantFactory(
            event=event, delegation=kz, family_name=family_name, role=role, **kw
        )

    business = member("Abenov", Participant.Role.BUSINESS)
    withdrew = member("Aaliev", Participant.Role.GOVERNMENT, status=Participant.Status.WITHDRAWN)
    minister = member("Zhaksylykov", Participant.Role.GOVERNMENT)
    deputy = member("Bekov", Participant.Role.GOVERNMENT)
    expert = member("Aidarov", Participant.Role.EXPERT)
    kz.head = minister
    kz.save()
    members = [m.participant for m in delegation_report(delegation=kz).members]
    assert members == [minister, deputy, business, expert, withdrew]
