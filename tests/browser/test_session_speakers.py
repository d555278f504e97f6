"""A programme session's speaker picker in a real Chromium: the filter box finds a delegate
by a Latin name, an organisation or a name typed without its accents, ticked speakers stay in
sight and listed, and ticking one more keeps the others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.people.models import Participant
from tests.browser.screenshots import log_in
from tests.factories import (
    PASSWORD,
    EventFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def session_page(transactional_db):
    event = EventFactory()
    organiser = ParticipantFactory(
        event=event, role=Participant.Role.ORGANISER, user=UserFactory(email="desk@example.org")
    )
    others = [ParticipantFactory(event=event) for _ in range(40)]
    dinara = ParticipantFactory(
        event=event,
        given_name="Дінара",
        family_name="Омарова",
        organisation=OrganisationFactory(event=event, name={"en": "Ministry of Trade"}),
    )
    dinara.name_latin = "Dinara Omarova"
    dinara.save()
    andras = ParticipantFactory(event=event, given_name="András", family_name="Molnár")
    session = ProgrammeSessionFactory(event=event)
    session.speakers.add(others[0])
    return event, organiser, session, others[0], dinara, andras


def test_the_speakers_are_found_by_typing_and_ticked_without_losing_any(
    new_context, session_page
) -> None:
    event, organiser, session, current, dinara, andras = session_page
    context = new_context()
    log_in(context, organiser.user.email, PASSWORD)
    page = context.new_page()
    page.goto(reverse("console-session-edit", args=[event.slug, session.pk]))
    box = page.locator("input.filterbox")
    shown = page.locator(".checklist label:not([hidden])")
    chosen = page.locator(".chosen-list")
    assert str(current.display_name) in chosen.inner_text()

    box.fill("dinara")  # the Latin form of a Cyrillic name
    assert shown.count() == 2  # Dinara, and the ticked speaker who stays in sight
    page.get_by_label("Дінара Омарова (Dinara Omarova) – Ministry of Trade").check()
    box.fill("ministry of")  # the organisation
    assert page.get_by_label("Дінара Омарова (Dinara Omarova) – Ministry of Trade").is_visible()
    box.press("Enter")  # filters; does not send the form
    assert page.url.endswith(reverse("console-session-edit", args=[event.slug, session.pk]))
    box.fill("molnar")  # without the accents
    page.locator(f".checklist input[value='{andras.pk}']").check()
    assert shown.count() == 3
    assert "Dinara Omarova" in chosen.inner_text()
    box.fill("")
    assert shown.count() == page.locator(".checklist label").count()

    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_load_state()
    assert set(session.speakers.all()) == {current, dinara, andras}
