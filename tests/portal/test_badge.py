"""The delegate's e-badge: their own name and code, in their language, for the desk to scan."""

from __future__ import annotations

from django.urls import reverse

from keruen.people.arrivals import participant_check_in
from keruen.people.badge_codes import badge_code_display
from tests.portal.conftest import client_for


def test_the_e_badge_shows_the_delegates_own_code(alice, bob) -> None:
    page = client_for(alice, "ru").get(reverse("portal-badge", args=[alice.event.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert alice.display_name in text
    assert badge_code_display(alice.badge_code) in text
    assert badge_code_display(bob.badge_code) not in text
    assert '<svg viewBox="0 0' in text
    assert "Казахстан" in text  # the organisation's country, in the reader's language


def test_after_the_desk_the_page_says_the_badge_was_collected(alice) -> None:
    participant_check_in(participant=alice)
    text = client_for(alice).get(reverse("portal-badge", args=[alice.event.slug])).content
    assert "You have collected your badge" in text.decode()


def test_the_agenda_links_to_the_badge(alice) -> None:
    text = client_for(alice).get(reverse("portal-agenda", args=[alice.event.slug])).content
    assert reverse("portal-badge", args=[alice.event.slug]) in text.decode()
