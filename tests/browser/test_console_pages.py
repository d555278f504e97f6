"""The organisers' console in a real Chromium: the approvals list's "select all" box, its
buttons in view at the end of a long list, the menu on one line in every language, and the
staff's "Data" group (exports, imports) dropping down inside the screen."""

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


@pytest.fixture
def staff_console(transactional_db):
    """An event whose organiser is also staff: the menu's "Data" groups exports and imports."""
    event = EventFactory()
    organiser = ParticipantFactory(
        event=event,
        role=Participant.Role.ORGANISER,
        user=UserFactory(email="staff.desk@example.org", is_staff=True),
    )
    return event, organiser


def _menu_entries_tops(page) -> list[int]:
    """The top of each entry of the menu as it stands (a group counts by its name)."""
    return page.locator("nav.consolenav > a, nav.consolenav > details > summary").evaluate_all(
        "entries => entries.map(entry => Math.round(entry.getBoundingClientRect().top))"
    )


def _inside_the_screen(page, selector: str) -> bool:
    return page.locator(selector).evaluate(
        """element => {
             const box = element.getBoundingClientRect();
             return box.left >= 0 && box.right <= document.documentElement.clientWidth
               && box.height > 0;
           }"""
    )


@pytest.mark.parametrize("language", ["en", "ru", "kk", "zh-hans"])
def test_the_staff_menu_with_its_data_group_fits_one_line(
    new_context, live_server, staff_console, language
) -> None:
    event, organiser = staff_console
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    set_language(context, live_server.url, language)
    page = context.new_page()
    page.goto(reverse("console-home", args=[event.slug]))
    tops = _menu_entries_tops(page)
    assert len(tops) == 12
    assert len(set(tops)) == 1, tops
    imports = page.locator("nav.consolenav .navmenu a").nth(1)
    assert not imports.is_visible()  # closed until asked for
    page.locator("nav.consolenav summary").click()
    assert imports.is_visible()
    assert _inside_the_screen(page, "nav.consolenav .navmenu")
    imports.click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("imports:upload"))


@pytest.mark.parametrize(
    ("width", "language"),
    [(390, "kk"), (1000, "en")],  # a phone; a small laptop, where the group starts a line
)
def test_the_data_group_drops_down_inside_the_screen(
    sized_context, staff_console, width, language
) -> None:
    event, organiser = staff_console
    context = sized_context(organiser.user.email, {"width": width, "height": 800}, language)
    page = context.new_page()
    page.goto(reverse("console-exports", args=[event.slug]))
    group = page.locator("nav.consolenav details.navgroup")
    assert "current" in (group.get_attribute("class") or "")  # the page shown is in it
    page.locator("nav.consolenav summary").click()
    assert group.evaluate("details => details.open")
    page.wait_for_function(
        """() => { const box = document.querySelector('nav.consolenav .navmenu')
                     .getBoundingClientRect();
                   return box.left >= 0 && box.right <= document.documentElement.clientWidth; }"""
    )
    width_seen = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width_seen[0] <= width_seen[1], width_seen
    page.keyboard.press("Escape")
    assert not group.evaluate("details => details.open")
    page.locator("nav.consolenav summary").click()
    page.locator("h1").click()  # a click elsewhere closes it too
    assert not group.evaluate("details => details.open")


def test_the_party_pickers_filter_box_stands_above_its_list(new_context, console) -> None:
    event, organiser, _ = console
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    page = context.new_page()
    page.goto(reverse("console-agreements", args=[event.slug]))
    box = page.locator("#record input.filterbox").bounding_box()
    picker = page.locator("#record select[name=parties]").bounding_box()
    assert box is not None
    assert picker is not None
    assert box["y"] + box["height"] <= picker["y"]  # above the list, not beside it
    assert abs(box["x"] - picker["x"]) < 1  # flush with its left edge
    page.locator("#record input.filterbox").fill("zzz-no-such-name")
    visible = page.locator("#record select[name=parties] option:not([hidden])")
    assert visible.count() == 0
