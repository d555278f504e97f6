"""Reviewing offers and requests: publishing several at once, reading them in one's language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from keruen.common.errors import ValidationFailed
from keruen.common.models import AuditLogEntry
from keruen.marketplace import services
from keruen.marketplace.models import Opportunity
from tests.factories import OpportunityFactory, OrganisationFactory

CHINESE = {
    "language": "zh",
    "title": "供应CT和X射线设备",
    "body": "我们供应CT和X射线设备，并提供安装和培训。",
}
ENGLISH = {
    "title": "CT and X-ray equipment supplied",
    "body": "We supply CT and X-ray equipment, with installation and training.",
}
RUSSIAN = {
    "title": "Поставка оборудования КТ и рентгена",
    "body": "Поставляем оборудование КТ и рентгена с установкой и обучением.",
}


def _pending(event, **fields) -> Opportunity:
    fields.setdefault("organisation", OrganisationFactory(event=event))
    return OpportunityFactory(status=Opportunity.Status.PENDING, **fields)


def _publish(client, event, *opportunities: Opportunity):
    return client.post(
        reverse("console-opportunities-publish", args=[event.slug]),
        {"opportunities": [opportunity.pk for opportunity in opportunities]},
    )


def _statuses(*opportunities: Opportunity) -> list[str]:
    order = [opportunity.pk for opportunity in opportunities]
    found = dict(Opportunity.objects.filter(pk__in=order).values_list("pk", "status"))
    return [found[pk] for pk in order]


def _status_entries(opportunity: Opportunity) -> list[dict]:
    return list(
        AuditLogEntry.objects.filter(
            object_type="marketplace.Opportunity", object_id=str(opportunity.pk), action="update"
        ).values_list("changes", flat=True)
    )


def test_several_offers_are_published_at_once(organiser_client, event) -> None:
    first, second, third = (_pending(event, title=f"Offer {n}") for n in range(3))
    response = _publish(organiser_client, event, first, second)
    assert response.status_code == 302
    assert _statuses(first, second, third) == ["published", "published", "pending"]
    page = organiser_client.get(response["Location"]).content.decode()
    assert "2 offers and requests published." in page
    assert 'name="opportunities"' in page  # the third one still waits, with its box


def test_a_batch_writes_what_a_single_review_writes(organiser_client, event):
    alone, first, second = (_pending(event, title=f"Offer {n}") for n in range(3))
    organiser_client.post(
        reverse("console-opportunity-review", args=[event.slug]),
        {"opportunity": alone.pk, "action": "publish", "note": ""},
    )
    _publish(organiser_client, event, first, second)
    assert _status_entries(alone) == [{"status": ["pending", "published"]}]
    assert _status_entries(first) == _status_entries(second) == _status_entries(alone)
    assert mail.outbox == []  # the author reads the decision on their list: no mail, either way


def test_a_batch_with_one_reviewed_meanwhile_changes_nothing_and_names_it(
    organiser_client, event
) -> None:
    first = _pending(event, title="Cotton yarn Ne 20")
    second = _pending(event, title="Cathode copper")
    # Last in the batch's order, so the two before it are written before it is refused.
    decided = _pending(event, title="Turbine overhaul")
    # Another organiser, working down the same list, publishes it first.
    services.opportunity_set_status(
        opportunity=Opportunity.objects.get(pk=decided.pk), status="published"
    )
    response = _publish(organiser_client, event, first, second, decided)
    assert response.status_code == 409
    assert _statuses(first, second, decided) == ["pending", "pending", "published"]
    assert _status_entries(first) == _status_entries(second) == []
    page = response.content.decode()
    assert "Nothing was published." in page
    assert "“Turbine overhaul”: This offer or request is already “published”." in page
    # The two still waiting stay ticked: sending the form again publishes them.
    assert f'value="{first.pk}" id="o{first.pk}" checked' in page
    assert f'value="{second.pk}" id="o{second.pk}" checked' in page


def test_a_batch_with_one_its_author_took_back_to_draft_names_it(organiser_client, event):
    kept = _pending(event, title="Cotton yarn Ne 20")
    edited = _pending(event, title="Cathode copper")
    services.opportunity_update(
        opportunity=Opportunity.objects.get(pk=edited.pk), title="Cathode copper, grade A"
    )
    response = _publish(organiser_client, event, kept, edited)
    assert response.status_code == 409
    assert _statuses(kept, edited) == ["pending", "draft"]
    assert "“Cathode copper, grade A”: An offer or request cannot go from “draft”" in (
        response.content.decode()
    )


def test_another_events_offer_cannot_be_slipped_into_the_batch(
    organiser_client, event, other_event
) -> None:
    ours = _pending(event)
    theirs = _pending(other_event)
    response = _publish(organiser_client, event, ours, theirs)
    assert response.status_code == 422
    assert f"{theirs.pk} is not one of the available choices" in response.content.decode()
    assert _statuses(ours, theirs) == ["pending", "pending"]


def test_publishing_nothing_asks_for_a_tick(organiser_client, event) -> None:
    waiting = _pending(event)
    response = _publish(organiser_client, event)
    assert response.status_code == 422
    assert "Tick the offers and requests to publish." in response.content.decode()
    assert _statuses(waiting) == ["pending"]


def _approvals(client, event, language: str = "en") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("console-approvals", args=[event.slug])).content.decode()


def test_the_authors_translation_into_the_organisers_language_is_shown(organiser_client, event):
    offer = _pending(event, **CHINESE, translations={"en": ENGLISH, "ru": RUSSIAN})
    page = _approvals(organiser_client, event)
    # The original, as it will be published, and the English translation under it.
    assert f'<h3 lang="zh"><label for="o{offer.pk}">{CHINESE["title"]}</label></h3>' in page
    assert f'<h4 lang="en">{ENGLISH["title"]}</h4>' in page
    assert ENGLISH["body"] in page
    assert "Translated by the author; original in Chinese." in page
    assert RUSSIAN["title"] not in page  # only the reader's language


def test_no_translation_is_shown_when_none_is_into_the_organisers_language(
    organiser_client, event
) -> None:
    _pending(event, **CHINESE, translations={"en": ENGLISH})
    _pending(event, **{**CHINESE, "title": "出口报价：阴极铜"}, translations={"ru": RUSSIAN})
    _pending(event, title="Cotton yarn Ne 20", translations={"ru": RUSSIAN})  # English already
    page = _approvals(organiser_client, event)
    assert "出口报价：阴极铜" in page
    assert "Cotton yarn Ne 20" in page
    # Only the first has one into English: one translation on the page, and not the Russian.
    assert page.count("Translated by the author") == 1
    assert page.count('class="translation"') == 1
    assert RUSSIAN["title"] not in page


def test_a_russian_reading_organiser_gets_the_russian_translation(organiser_client, event):
    _pending(event, **CHINESE, translations={"en": ENGLISH, "ru": RUSSIAN})
    page = _approvals(organiser_client, event, "ru")
    assert f'<h4 lang="ru">{RUSSIAN["title"]}</h4>' in page
    assert ENGLISH["title"] not in page


def test_a_translation_whose_title_reads_as_the_original_is_still_shown(organiser_client, event):
    # A model number reads the same in every language; the body is what was translated.
    same_title = {"title": "KX-500", "body": ENGLISH["body"]}
    offer = _pending(event, **{**CHINESE, "title": "KX-500"}, translations={"en": same_title})
    page = _approvals(organiser_client, event)
    assert ENGLISH["body"] in page
    assert "Translated by the author; original in Chinese." in page
    assert f'<h3 lang="zh"><label for="o{offer.pk}">KX-500</label></h3>' in page


def test_a_review_of_one_decided_meanwhile_names_the_decision(organiser_client, event) -> None:
    decided = _pending(event, title="Turbine overhaul")
    # Another organiser rejects it while this one's page still shows it pending.
    services.opportunity_set_status(
        opportunity=Opportunity.objects.get(pk=decided.pk), status="rejected", note="vague"
    )
    response = organiser_client.post(
        reverse("console-opportunity-review", args=[event.slug]),
        {"opportunity": decided.pk, "action": "publish", "note": ""},
    )
    assert response.status_code == 422
    assert _statuses(decided) == ["rejected"]
    page = response.content.decode()
    assert (
        "“Turbine overhaul”: Decided or edited meanwhile: this offer or request is now “rejected”."
        in page
    )
    assert "Select a valid choice" not in page


def test_a_decision_checks_what_the_row_holds_not_what_was_read(event) -> None:
    offer = _pending(event)
    stale = Opportunity.objects.get(pk=offer.pk)  # read while pending
    services.opportunity_set_status(
        opportunity=Opportunity.objects.get(pk=offer.pk), status="published"
    )
    with pytest.raises(ValidationFailed, match="already “published”"):
        services.opportunity_set_status(opportunity=stale, status="published")
    # Taking a published one down is allowed, but not by a review that saw it pending.
    with pytest.raises(ValidationFailed, match=r"meanwhile: .* now “published”"):
        services.opportunity_set_status(
            opportunity=stale, status="rejected", note="late", expected="pending"
        )
    assert _statuses(offer) == ["published"]


def test_a_decision_on_a_deleted_offer_says_so(event) -> None:
    offer = _pending(event)
    gone = Opportunity.objects.get(pk=offer.pk)
    offer.delete()
    with pytest.raises(ValidationFailed, match="no longer exists"):
        services.opportunity_set_status(opportunity=gone, status="published")


def test_a_rejection_does_not_overturn_a_publication_made_meanwhile(organiser_client, event):
    offer = _pending(event, title="Cathode copper")
    services.opportunity_set_status(
        opportunity=Opportunity.objects.get(pk=offer.pk), status="published"
    )
    response = organiser_client.post(
        reverse("console-opportunity-review", args=[event.slug]),
        {"opportunity": offer.pk, "action": "reject", "note": "too vague"},
    )
    assert response.status_code == 422
    assert _statuses(offer) == ["published"]
    assert "this offer or request is now “published”." in response.content.decode()


def test_a_review_of_one_edited_and_sent_again_meanwhile_is_refused(organiser_client, event):
    offer = _pending(event, title="Cotton yarn Ne 20")
    page = _approvals(organiser_client, event)
    seen = re.search(
        rf'name="opportunity" value="{offer.pk}"><input type="hidden" name="seen" '
        r'value="([^"]+)"',
        page,
    ).group(1)
    # The author edits it (back to draft) and sends it again: pending, with another text.
    services.opportunity_update(opportunity=offer, title="Cotton yarn Ne 30")
    services.opportunity_submit(opportunity=Opportunity.objects.get(pk=offer.pk))
    response = organiser_client.post(
        reverse("console-opportunity-review", args=[event.slug]),
        {"opportunity": offer.pk, "action": "publish", "note": "", "seen": seen},
    )
    assert response.status_code == 422
    assert "Edited by its author meanwhile: read it again before deciding." in (
        response.content.decode()
    )
    assert _statuses(offer) == ["pending"]
    # Read again, it is published.
    page = _approvals(organiser_client, event)
    seen = re.search(
        rf'name="opportunity" value="{offer.pk}"><input type="hidden" name="seen" '
        r'value="([^"]+)"',
        page,
    ).group(1)
    response = organiser_client.post(
        reverse("console-opportunity-review", args=[event.slug]),
        {"opportunity": offer.pk, "action": "publish", "note": "", "seen": seen},
    )
    assert response.status_code == 302
    assert _statuses(offer) == ["published"]
