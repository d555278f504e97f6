"""The rules the portal and the console share are in keruen.css, which every page loads.

So a secondary button looks like one also on a public page: the exhibitors' "Print", marked
secondary, looked like the "Filter" beside it (the rule was in the portal's and the console's
stylesheets only). And the portal looks as before the move: a field sent back with an error
keeps its red border (the portal's own input rule, loaded later, sets the whole border), and
the statuses keep their colours, those both sides show and those only the portal shows.
"""

from __future__ import annotations

import pytest

from keruen.meetings.models import MeetingRequest
from keruen.people.models import Participant
from tests.factories import EventFactory, MeetingRequestFactory, ParticipantFactory

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 900}
ACCENT = "rgb(11, 110, 110)"
WHITE = "rgb(255, 255, 255)"
ERROR = "rgb(170, 17, 17)"
LINE = "rgb(223, 227, 234)"


def _styles(page, selector: str, *properties: str) -> list[str]:
    return page.locator(selector).first.evaluate(
        "(element, properties) => properties.map("
        "(name) => getComputedStyle(element).getPropertyValue(name))",
        list(properties),
    )


def test_a_public_pages_secondary_button_looks_secondary(new_context) -> None:
    event = EventFactory()
    page = new_context().new_page()
    response = page.goto(f"/{event.slug}/exhibitors/")
    assert response is not None
    assert response.ok
    colours = ("background-color", "color", "border-top-width", "border-top-color")
    assert _styles(page, "form.filters .button.secondary", *colours) == [
        WHITE,
        ACCENT,
        "1px",
        ACCENT,
    ]
    assert _styles(page, "form.filters .button:not(.secondary)", *colours[:3]) == [
        ACCENT,
        WHITE,
        "0px",
    ]


def test_the_portals_errors_and_statuses_keep_their_colours(sized_context) -> None:
    event = EventFactory()
    me = ParticipantFactory(event=event)
    MeetingRequestFactory(event=event, requester=me)
    MeetingRequestFactory(event=event, target=me, status=MeetingRequest.Status.DECLINED)
    page = sized_context(me.user.email, LAPTOP, "en").new_page()

    page.goto(f"/{event.slug}/me/requests/")
    pill = ("background-color", "color", "border-top-left-radius")
    assert _styles(page, ".status.pending", *pill) == [
        "rgb(255, 244, 214)",
        "rgb(122, 88, 0)",
        "999px",
    ]
    assert _styles(page, ".status.declined", *pill) == [
        "rgb(246, 225, 225)",
        "rgb(138, 28, 28)",
        "999px",
    ]

    page.goto(f"/{event.slug}/me/offers/new/")
    page.locator("form.portal-form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert _styles(page, ".has-error input", "border-top-color") == [ERROR]
    assert _styles(page, ".has-error textarea", "border-top-color") == [ERROR]
    assert _styles(page, ".field:not(.has-error) select", "border-top-color") == [LINE]


def test_the_consoles_fields_sent_back_with_an_error_have_a_red_border(sized_context) -> None:
    # The console's own input rule outranked the shared error rule: a subject left empty on
    # the announcement form was marked in words only.
    event = EventFactory()
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    page = sized_context(organiser.user.email, LAPTOP, "en").new_page()
    page.goto(f"/{event.slug}/console/announcements/new/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".has-error").count() >= 1
    erroneous = ".has-error input[type=text], .has-error textarea"
    assert _styles(page, erroneous, "border-top-color") == [ERROR]
    assert _styles(page, ".field:not(.has-error) input[type=text]", "border-top-color") == [LINE]
