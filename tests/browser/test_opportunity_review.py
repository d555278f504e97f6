"""Reviewing offers and requests in a real Chromium: ticking several and publishing them at once,
rejecting one with its note from inside the ticked list (its own form, through the form
attribute), and the author's translation on a phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.marketplace.models import Opportunity
from keruen.people.models import Participant
from tests.browser.screenshots import log_in
from tests.factories import (
    PASSWORD,
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 400, "height": 800}
RUSSIAN = {
    "title": "Техническое обслуживание и капитальный ремонт газовых турбин: исполнитель из Урумчи",
    "body": "Предоставляем техническое обслуживание и капитальный ремонт газовых турбин "
    "компаниям, которые торгуют между Китаем, Центральной Азией и Европой.",
}


@pytest.fixture
def review_desk(transactional_db):
    event = EventFactory()
    organiser = ParticipantFactory(
        event=event, role=Participant.Role.ORGANISER, user=UserFactory(email="desk@example.org")
    )
    ParticipantFactory(event=event, status=Participant.Status.PENDING)  # a registration too
    waiting = [
        OpportunityFactory(
            organisation=OrganisationFactory(event=event),
            status=Opportunity.Status.PENDING,
            language="zh",
            title=f"乌鲁木齐服务商：燃气轮机维护与大修 {n}",
            body="我们为从事中国、中亚与欧洲之间贸易的企业提供燃气轮机维护与大修。",
            translations={"ru": RUSSIAN},
        )
        for n in range(5)
    ]
    return event, organiser, waiting


def _statuses(waiting) -> list[str]:
    found = dict(
        Opportunity.objects.filter(pk__in=[o.pk for o in waiting]).values_list("pk", "status")
    )
    return [found[o.pk] for o in waiting]


def test_reject_one_then_publish_the_rest_but_one(new_context, review_desk) -> None:
    event, organiser, waiting = review_desk
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    page = context.new_page()
    page.goto(reverse("console-approvals", args=[event.slug]))

    # A box ticked, then another offer rejected with its note: only that one is sent.
    page.locator(f"#o{waiting[0].pk}").check()
    page.fill(f"#note{waiting[1].pk}", "Say which turbines.")
    page.locator(f"button[form=review{waiting[1].pk}][value=reject]").click()
    page.wait_for_load_state()
    assert _statuses(waiting) == ["pending", "rejected", "pending", "pending", "pending"]
    assert Opportunity.objects.get(pk=waiting[1].pk).review_note == "Say which turbines."

    # "Select all" of the offers ticks the offers, not the registrations above them.
    page.locator("#pick-all-opportunities").check()
    assert page.locator("input[name=opportunities]:checked").count() == 4
    assert page.locator("input[name=participants]:checked").count() == 0
    page.locator(f"#o{waiting[4].pk}").uncheck()
    page.get_by_role("button", name="Publish selected").click()
    page.wait_for_load_state()
    assert "3 offers and requests published." in page.locator(".messages").inner_text()
    assert _statuses(waiting) == ["published", "rejected", "published", "published", "pending"]


def test_the_translation_on_a_phone_in_russian(sized_context, review_desk) -> None:
    event, organiser, waiting = review_desk
    context = sized_context(organiser.user.email, PHONE, "ru")
    page = context.new_page()
    page.goto(reverse("console-approvals", args=[event.slug]))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    translation = page.locator(".translation").first
    assert translation.locator("h4").inner_text() == RUSSIAN["title"]
    assert "Перевод автора; язык оригинала: китайский." in translation.inner_text()
    # The box to tick and the card's text share the line: the box does not push it down.
    box = page.locator(f"#o{waiting[0].pk}").bounding_box()
    tag = page.locator(f"#o{waiting[0].pk} + div .tag").first.bounding_box()
    assert box is not None
    assert tag is not None
    assert box["x"] + box["width"] < tag["x"]
    assert abs(box["y"] - tag["y"]) < tag["height"]


def test_a_refused_batch_comes_back_at_the_offers_not_at_the_top(new_context, review_desk) -> None:
    # Above the offers sits the whole list of registrations (56 in the demo): the refusal's
    # message would be out of sight if the page came back at its top.
    event, organiser, waiting = review_desk
    ParticipantFactory.create_batch(30, event=event, status=Participant.Status.PENDING)
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    page = context.new_page()
    page.goto(reverse("console-approvals", args=[event.slug]))
    page.locator(f"#o{waiting[0].pk}").check()
    Opportunity.objects.filter(pk=waiting[0].pk).update(status=Opportunity.Status.PUBLISHED)
    page.get_by_role("button", name="Publish selected").click()
    page.wait_for_load_state()
    assert page.url.endswith("#offers")
    assert page.locator("#offers h2").first.evaluate(
        "(h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
