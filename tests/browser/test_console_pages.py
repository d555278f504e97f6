"""The organisers' console in a real Chromium: the approvals list's "select all" box, its
buttons in view at the end of a long list, and the menu on one line in every language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.people.models import Participant
from tests.browser.screenshots import log_in, set_language
from tests.factories import PASSWORD, EventFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.browser

PENDING = 30


@pytest.fixture
def console(transactional_db):
    event = EventFactory()
    organiser = ParticipantFactory(
        event=event, role=Participant.Role.ORGANISER, user=UserFactory(email="desk@example.org")
    )
    waiting = [
        ParticipantFactory(event=event, status=Participant.Status.PENDING) for _ in range(PENDING)
    ]
    return event, organiser, waiting


def _select_all_state(page) -> list[bool]:
    return page.locator("input[data-select-all]").evaluate(
        "box => [box.checked, box.indeterminate]"
    )


def test_select_all_then_one_left_out_approves_the_rest(new_context, console) -> None:
    event, organiser, waiting = console
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    page = context.new_page()
    page.goto(reverse("console-approvals", args=[event.slug]))
    page.locator("input[data-select-all]").check()
    assert page.locator("input[name=participants]:checked").count() == PENDING
    assert _select_all_state(page) == [True, False]
    left_out = waiting[0]
    page.locator(f"input[name=participants][value='{left_out.pk}']").uncheck()
    assert _select_all_state(page) == [False, True]  # some, not all

    # Scrolled to the middle of the list, the buttons are still on the screen.
    page.locator(
        f"input[name=participants][value='{waiting[PENDING // 2].pk}']"
    ).scroll_into_view_if_needed()
    button = page.get_by_role("button", name="Approve selected")
    box = button.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= 900
    button.click()
    page.wait_for_load_state()
    statuses = set(
        Participant.objects.filter(pk__in=[p.pk for p in waiting[1:]]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {Participant.Status.APPROVED}
    left_out.refresh_from_db()
    assert left_out.status == Participant.Status.PENDING


@pytest.mark.parametrize("language", ["en", "ru", "kk", "zh-hans"])
def test_the_console_menu_fits_one_line(new_context, live_server, console, language) -> None:
    event, organiser, _ = console
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    set_language(context, live_server.url, language)  # log-in applies the account's language
    page = context.new_page()
    page.goto(reverse("console-home", args=[event.slug]))
    tops = page.locator("nav.consolenav a").evaluate_all(
        "links => links.map(link => Math.round(link.getBoundingClientRect().top))"
    )
    assert len(tops) == 12
    assert len(set(tops)) == 1, tops
    assert page.get_attribute("html", "lang") == language
