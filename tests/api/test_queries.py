"""No N+1: list endpoints run a fixed number of queries, however many rows they return."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keruen.matchmaking.models import SuggestionFeedback
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from tests import factories as f
from tests.api.conftest import key_for


def _queries(api, path, **kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        reply = api.get(path, **kwargs)
    assert reply.status == 200, reply.body
    return len(captured.captured_queries)


def _grow(event, me, rows):
    """Add `rows` of everything a list endpoint shows, all involving `me`."""
    delegation = f.DelegationFactory(event=event)
    for _ in range(rows):
        organisation = f.OrganisationFactory(event=event, delegation=delegation)
        other = f.ParticipantFactory(event=event, organisation=organisation, public_listing=True)
        f.OpportunityFactory(organisation=organisation)
        f.OpportunityFactory(organisation=me.organisation, status="draft")
        f.MeetingRequestFactory(event=event, requester=other, target=me)
        f.MeetingRequestFactory(event=event, requester=me, target=other)
        f.MeetingFactory(event=event, participant_a=me, participant_b=other)
        SuggestionFeedback.objects.create(
            event=event, participant=me, organisation=organisation, kind="met_before"
        )
        f.EventFactory()


def _publish_all(event):
    from keruen.events.models import Slot
    from keruen.meetings.models import Meeting

    base = Slot.objects.filter(event=event).count()
    draft = schedule_draft_get(event=event)
    draft.entries.all().delete()
    table = f.MeetingTableFactory(event=event)
    for number, meeting in enumerate(Meeting.objects.filter(event=event).order_by("id"), 1):
        slot = f.SlotFactory(event=event, number=base + number)
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table)
    schedule_publish(event=event, by=None)


@pytest.fixture
def scene(db):
    event = f.EventFactory()
    me = f.ParticipantFactory(event=event)
    return event, me, key_for(me)


LISTS = [
    ("/events", False),
    ("/events/{slug}/organisations", False),
    ("/events/{slug}/opportunities", False),
    ("/events/{slug}/opportunities/mine", True),
    ("/events/{slug}/meeting-requests?box=received", True),
    ("/events/{slug}/meeting-requests?box=sent", True),
    ("/events/{slug}/meetings", True),
    ("/events/{slug}/agenda", True),
    ("/events/{slug}/suggestions", True),
    ("/events/{slug}/suggestions/corrections", True),
]


@pytest.mark.parametrize(("template", "private"), LISTS)
def test_list_queries_do_not_grow_with_rows(api, scene, template, private):
    event, me, key = scene
    path = template.format(slug=event.slug)
    kwargs = {"key": key} if private else {}
    _grow(event, me, 2)
    _publish_all(event)
    api.get(path, **kwargs)  # the token's first use records last_used_at: not a list query
    few = _queries(api, path, **kwargs)
    _grow(event, me, 8)
    _publish_all(event)
    api.get(path, **kwargs)  # suggestions store the vectors of new texts on first sight
    many = _queries(api, path, **kwargs)
    assert many == few, f"{path}: {few} queries for few rows, {many} for many"


@pytest.mark.parametrize(("template", "private"), LISTS)
def test_list_queries_stay_small(api, scene, template, private, django_assert_max_num_queries):
    event, me, key = scene
    _grow(event, me, 5)
    _publish_all(event)
    kwargs = {"key": key} if private else {}
    path = template.format(slug=event.slug)
    api.get(path, **kwargs)  # first use: token last_used_at, suggestion vectors stored
    with django_assert_max_num_queries(10):
        api.get(path, **kwargs)


def test_organisation_detail_queries_do_not_grow(api, scene):
    event, me, _ = scene
    organisation = me.organisation
    for _ in range(2):
        f.ParticipantFactory(event=event, organisation=organisation, public_listing=True)
        f.OpportunityFactory(organisation=organisation)
        f.BoothFactory(event=event, exhibitor=organisation)
    path = f"/events/{event.slug}/organisations/{organisation.pk}"
    few = _queries(api, path)
    for _ in range(6):
        f.ParticipantFactory(event=event, organisation=organisation, public_listing=True)
        f.OpportunityFactory(organisation=organisation)
        f.BoothFactory(event=event, exhibitor=organisation)
    assert _queries(api, path) == few
