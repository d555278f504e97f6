"""Badges in a real Chromium: the printed QR code decodes to the badge's scan address, which
takes an organiser to the check-in page that admits the delegate; the print layout puts four
badges on each A4 sheet, and the e-badge fits a phone.

The QR code is read back from a screenshot by ZXing (zxing-cpp), as a phone's camera would.
"""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from keruen.people.models import Participant
from tests.browser.screenshots import log_in
from tests.factories import PASSWORD, EventFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.browser

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")


def _decode_qr(locator) -> str:
    """The text of the one QR code in the element's screenshot."""
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(locator.screenshot())))
    assert len(found) == 1, found
    return found[0].text


@pytest.fixture
def expo(transactional_db):
    event = EventFactory()
    organiser = ParticipantFactory(
        event=event,
        role=Participant.Role.ORGANISER,
        user=UserFactory(email="desk@example.org"),
    )
    wang = ParticipantFactory(
        event=event,
        given_name="伟",
        family_name="王",
        name_latin="Wang Wei",
        user=UserFactory(email="wang@example.org"),
    )
    others = [ParticipantFactory(event=event) for _ in range(3)]
    return event, organiser, wang, others


def test_the_printed_qr_code_leads_an_organiser_to_the_check_in(
    new_context, live_server, expo
) -> None:
    event, organiser, wang, _ = expo
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    page = context.new_page()
    page.goto(reverse("console-badges", args=[event.slug]))
    badge = page.locator(f'article.badge[data-participant="{wang.pk}"]')
    assert "王伟" in badge.inner_text()
    assert "Wang Wei" in badge.inner_text()
    scan = reverse("badge-scan", args=[event.slug, wang.badge_code])
    assert _decode_qr(badge.locator("svg.qr")) == live_server.url + scan
    # The role's colour band, from across the room: a business delegate's is blue, an
    # organiser's near black.
    bands = {
        person.pk: page.locator(
            f'article.badge[data-participant="{person.pk}"] .badge-role'
        ).evaluate("band => getComputedStyle(band).backgroundColor")
        for person in (wang, organiser)
    }
    assert bands == {wang.pk: "rgb(31, 95, 168)", organiser.pk: "rgb(34, 34, 34)"}

    # Five approved participants (the organiser too), four to a sheet: two A4 pages.
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 2

    # An organiser who scans it lands on the badge's check-in page.
    page.goto(scan)
    assert page.url.endswith(reverse("console-check-in-badge", args=[event.slug, wang.badge_code]))
    page.get_by_role("button", name="Check in").click()
    assert "王伟 is checked in." in page.locator(".messages").inner_text()
    assert "Arrived at" in page.locator(".arrived").inner_text()
    wang.refresh_from_db()
    assert wang.checked_in_at is not None


def test_the_e_badge_fits_a_phone_and_its_code_scans(browser, live_server, expo) -> None:
    event, _, wang, _ = expo
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    try:
        log_in(context, wang.user.email, PASSWORD)
        page = context.new_page()
        page.goto(reverse("portal-badge", args=[event.slug]))
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390
        scan = reverse("badge-scan", args=[event.slug, wang.badge_code])
        assert _decode_qr(page.locator("article.badge svg.qr")) == live_server.url + scan
    finally:
        context.close()
