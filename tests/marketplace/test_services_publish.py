"""Publishing several offers and requests at once: all of them or none."""

from __future__ import annotations

import pytest

from keruen.common.errors import ValidationFailed
from keruen.marketplace import services
from keruen.marketplace.models import Opportunity
from tests.factories import OpportunityFactory, OrganisationFactory


def _pending(event, title: str) -> Opportunity:
    return OpportunityFactory(
        organisation=OrganisationFactory(event=event),
        title=title,
        status=Opportunity.Status.PENDING,
        review_note="Add the HS code.",  # from an earlier rejection: publishing clears it
    )


def _stored(*opportunities: Opportunity) -> list[tuple[str, str]]:
    rows = dict(
        Opportunity.objects.filter(pk__in=[o.pk for o in opportunities]).values_list("pk", "status")
    )
    return [(o.title, rows[o.pk]) for o in opportunities]


def test_every_one_is_published_as_a_single_review_would(event) -> None:
    first, second = _pending(event, "Cotton yarn"), _pending(event, "Cathode copper")
    published = services.opportunities_publish(event=event, opportunities=[second, first])
    assert [o.pk for o in published] == sorted([first.pk, second.pk])
    assert set(
        Opportunity.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "status", "review_note"
        )
    ) == {("published", "")}


def test_what_the_row_holds_now_decides_not_the_copy_the_caller_read(event) -> None:
    fresh, stale = _pending(event, "Cotton yarn"), _pending(event, "Cathode copper")
    # Published by someone else after the caller read it: the caller's copy still says pending.
    Opportunity.objects.filter(pk=stale.pk).update(status=Opportunity.Status.PUBLISHED)
    assert stale.status == Opportunity.Status.PENDING
    with pytest.raises(ValidationFailed) as refused:
        services.opportunities_publish(event=event, opportunities=[fresh, stale])
    assert [p.message for p in refused.value.problems] == [
        "“Cathode copper”: This offer or request is already “published”."
    ]
    assert _stored(fresh) == [("Cotton yarn", "pending")]


def test_another_events_offer_refuses_the_batch(event, other_event) -> None:
    ours, theirs = _pending(event, "Cotton yarn"), _pending(other_event, "Cathode copper")
    with pytest.raises(ValidationFailed) as refused:
        services.opportunities_publish(event=event, opportunities=[ours, theirs])
    assert [p.message for p in refused.value.problems] == [
        "“Cathode copper” is no longer among this event's offers and requests."
    ]
    assert _stored(ours, theirs) == [("Cotton yarn", "pending"), ("Cathode copper", "pending")]


def test_every_refused_one_is_named(event) -> None:
    first, second, third = (_pending(event, title) for title in ("Yarn", "Copper", "Silos"))
    Opportunity.objects.filter(pk__in=[first.pk, third.pk]).update(status="draft")
    with pytest.raises(ValidationFailed) as refused:
        services.opportunities_publish(event=event, opportunities=[first, second, third])
    assert [p.message.split(":")[0] for p in refused.value.problems] == ["“Yarn”", "“Silos”"]
    assert refused.value.message == "Nothing was published."
    assert _stored(second) == [("Copper", "pending")]
