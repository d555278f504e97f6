"""Approving registrations in bulk and reviewing offers and requests."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from keruen.marketplace.models import Opportunity
from keruen.people.models import Participant
from tests.factories import OpportunityFactory, OrganisationFactory, ParticipantFactory


def _pending(event, n: int) -> list[Participant]:
    return [ParticipantFactory(event=event, status=Participant.Status.PENDING) for _ in range(n)]


def test_pending_registrations_are_approved_in_bulk(organiser_client, event) -> None:
    first, second, third = _pending(event, 3)
    response = organiser_client.post(
        reverse("console-participants-bulk", args=[event.slug]),
        {"action": "approve", "participants": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    statuses = dict(Participant.objects.filter(event=event).values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == "approved"
    assert statuses[third.pk] == "pending"
    page = organiser_client.get(response["Location"])
    assert b"2 registrations set to approved" in page.content


def test_registrations_are_rejected_in_bulk(organiser_client, event) -> None:
    (pending,) = _pending(event, 1)
    organiser_client.post(
        reverse("console-participants-bulk", args=[event.slug]),
        {"action": "reject", "participants": [pending.pk]},
    )
    pending.refresh_from_db()
    assert pending.status == "rejected"


def test_another_events_registration_cannot_be_approved(organiser_client, event, other_event):
    (foreign,) = _pending(other_event, 1)
    response = organiser_client.post(
        reverse("console-participants-bulk", args=[event.slug]),
        {"action": "approve", "participants": [foreign.pk]},
    )
    assert response.status_code == 422
    assert b"participants" in response.content or b"valid choice" in response.content
    foreign.refresh_from_db()
    assert foreign.status == "pending"


def _pending_opportunity(event) -> Opportunity:
    organisation = OrganisationFactory(event=event)
    return OpportunityFactory(organisation=organisation, status=Opportunity.Status.PENDING)


def test_a_pending_opportunity_is_published(organiser_client, event) -> None:
    opportunity = _pending_opportunity(event)
    response = organiser_client.post(
        reverse("console-opportunity-review", args=[event.slug]),
        {"opportunity": opportunity.pk, "action": "publish", "note": ""},
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == "published"


def test_a_rejection_needs_a_note_and_keeps_it(organiser_client, event) -> None:
    opportunity = _pending_opportunity(event)
    url = reverse("console-opportunity-review", args=[event.slug])
    refused = organiser_client.post(url, {"opportunity": opportunity.pk, "action": "reject"})
    assert refused.status_code == 422
    assert b"Say why" in refused.content
    opportunity.refresh_from_db()
    assert opportunity.status == "pending"
    organiser_client.post(
        url, {"opportunity": opportunity.pk, "action": "reject", "note": "Add the HS code."}
    )
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.review_note) == ("rejected", "Add the HS code.")


def test_the_approvals_page_lists_both_queues(organiser_client, event) -> None:
    (person,) = _pending(event, 1)
    opportunity = _pending_opportunity(event)
    page = organiser_client.get(reverse("console-approvals", args=[event.slug])).content.decode()
    assert person.user.email in page
    assert opportunity.title in page


def test_the_approvals_page_query_count_does_not_grow(
    organiser_client, event, django_assert_max_num_queries
) -> None:
    _pending(event, 12)
    for _ in range(8):  # written in Chinese, translated into English by their authors
        OpportunityFactory(
            organisation=OrganisationFactory(event=event),
            status=Opportunity.Status.PENDING,
            language="zh",
            title="供应CT和X射线设备",
            translations={"en": {"title": "CT and X-ray equipment", "body": "Supplied."}},
        )
    with django_assert_max_num_queries(14):
        response = organiser_client.get(reverse("console-approvals", args=[event.slug]))
    page = response.content.decode()
    assert page.count('name="participants"') == 12
    assert page.count('name="opportunities"') == 8  # each box to publish it with others
    assert page.count("Translated by the author; original in Chinese.") == 8


def test_registration_times_are_shown_in_the_event_time_zone(organiser_client, event) -> None:
    (person,) = _pending(event, 1)
    registered = dt.datetime(2027, 5, 2, 20, 4, tzinfo=dt.UTC)  # 04:04 next day in Shanghai
    Participant.objects.filter(pk=person.pk).update(created_at=registered)
    page = organiser_client.get(reverse("console-approvals", args=[event.slug])).content.decode()
    assert "3 May 2027, 04:04" in page
    assert "(Asia/Shanghai)" in page


def test_a_registration_decided_meanwhile_is_named_and_nothing_changes(
    organiser_client, event
) -> None:
    first, second = _pending(event, 2)
    Participant.objects.filter(pk=second.pk).update(status=Participant.Status.APPROVED)
    response = organiser_client.post(
        reverse("console-participants-bulk", args=[event.slug]),
        {"action": "reject", "participants": [first.pk, second.pk]},
    )
    assert response.status_code == 409
    assert f"{second.display_name}&#x27;s registration is no longer pending" in (
        response.content.decode()
    )
    first.refresh_from_db()
    assert first.status == "pending"
