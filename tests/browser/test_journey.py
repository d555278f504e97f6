"""The whole journey in a real browser, in English and in Kazakh.

A new delegate registers, the organiser approves them, the delegate writes an offer that
the organiser publishes, finds a partner among their suggestions and requests a meeting;
the partner accepts; the organiser schedules and publishes; both delegates see the meeting
in their agenda and in their calendar feed.

Texts are looked up in the active message catalogue of the language under test, so the
test asserts what a Kazakh reader sees once the catalogue is complete, and keeps passing
while translations are being filled in.
"""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
from django.db.models import F
from django.utils import translation

from keruen.events.models import Event, Slot
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import MeetingRequest
from keruen.people.models import Participant
from tests.console.conftest import grid
from tests.factories import (
    PASSWORD,
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEW_EMAIL = "aigerim@steelworks.example"
NEW_NAME = ("Aigerim", "Seitkali")
OFFER_TITLE = "Steel grain silos with aeration, 5,000 t"
OFFER_BODY = (
    "We manufacture and install turnkey steel grain silos of 1,000 to 10,000 tonnes, with "
    "aeration, temperature monitoring and conveyors. Delivery to Kazakhstan and Central Asia."
)


class Texts:
    """The interface texts of one language, as the message catalogue renders them."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, message: str, **values: object) -> str:
        with translation.override(self.language):
            text = translation.gettext(message)
        return text % values if values else text

    def plural(self, singular: str, plural: str, n: int) -> str:
        with translation.override(self.language):
            return translation.ngettext(singular, plural, n) % {"n": n}

    def local_name(self) -> str:
        """The language's own name, as the switcher shows it ("Қазақша")."""
        from keruen.common.i18n import language_own_name

        return language_own_name(self.language)

    def label(self, choice) -> str:
        with translation.override(self.language):
            return str(choice.label)


def _scenario(language: str):
    """An expo with a slot grid, an organiser, a clear partner and two unrelated firms."""
    event = EventFactory(registration_open=True, coming=True)
    grid(event)
    organiser = ParticipantFactory(
        event=event,
        role=Participant.Role.ORGANISER,
        user=UserFactory(email="organiser@expo.example", language=language),
    )
    grain = OrganisationFactory(
        event=event, name={"en": "Steppe Grain Trading"}, country="KZ", sectors=["01"]
    )
    partner = ParticipantFactory(
        event=event,
        organisation=grain,
        role=Participant.Role.BUSINESS,
        given_name="Daulet",
        family_name="Nurlanov",
        languages=["kk", "ru", "en"],
        user=UserFactory(email="daulet@grain.example", language=language),
    )
    OpportunityFactory(
        organisation=grain,
        direction=Opportunity.Direction.REQUEST,
        title="We need grain silos for our new elevator",
        body="Looking for a supplier of steel grain silos with aeration for 8,000 t of wheat.",
    )
    for name, title, body in [
        ("Silk Road Travel", "Group tours to Xi'an", "Guided tours and hotels for delegations."),
        ("Altai Software", "Accounting software", "Cloud bookkeeping for small firms."),
    ]:
        other = OrganisationFactory(event=event, name={"en": name}, country="CN", sectors=["79"])
        ParticipantFactory(event=event, organisation=other, languages=["zh", "en"])
        OpportunityFactory(organisation=other, title=title, body=body, sectors=["79"])
    return event, organiser, partner


def _log_in(page, email: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_url(f"**{next_url}")


def _expect_language(page, t: Texts) -> None:
    """The page is in the language under test: html@lang and the main navigation."""
    assert page.get_attribute("html", "lang") == t.language
    chosen = page.locator("form.langform select[name=language] option:checked")
    assert chosen.inner_text().strip() == t.local_name()
    nav = page.locator("nav.mainnav")
    assert t("Organisations") in nav.inner_text()


def _register(page, event, t: Texts) -> None:
    page.goto(f"/{event.slug}/")
    if t.language != "en":
        # The language switcher in the top bar submits itself on change.
        with page.expect_navigation():
            page.select_option("form.langform select[name=language]", t.language)
    _expect_language(page, t)
    page.goto(f"/{event.slug}/me/register/")
    assert page.locator("select[name=language]").last.input_value() == t.language
    form = page.locator("form.portal-form")
    form.locator("input[name=email]").fill(NEW_EMAIL)
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator("input[name=given_name]").fill(NEW_NAME[0])
    form.locator("input[name=family_name]").fill(NEW_NAME[1])
    form.locator("input[name=organisation_name]").fill("Qazaq Steelworks")
    form.locator("select[name=country]").select_option("KZ")
    form.locator("select[name=role]").select_option("business")
    form.get_by_role("button", name=t("Register")).click()
    page.wait_for_url(f"**/{event.slug}/me/")
    assert t("Thank you: the organisers will review your registration.") in page.inner_text(
        "ul.messages"
    )
    _expect_language(page, t)


def _approve_registration(page, event, t: Texts) -> None:
    page.goto(f"/{event.slug}/console/approvals/")
    page.get_by_label(" ".join(NEW_NAME)).check()
    page.get_by_role("button", name=t("Approve selected")).click()
    page.wait_for_load_state()
    assert t("No registration is waiting.") in page.inner_text("main")


def _write_offer(page, event, t: Texts) -> None:
    page.goto(f"/{event.slug}/me/offers/new/")
    form = page.locator("form.portal-form")
    form.locator("select[name=direction]").select_option("offer")
    form.locator("select[name=kind]").select_option("product")
    form.locator("select[name=language]").select_option("en")
    form.locator("input[name=title]").fill(OFFER_TITLE)
    form.locator("textarea[name=body]").fill(OFFER_BODY)
    form.get_by_role("button", name=t("Save as draft")).click()
    page.wait_for_url(f"**/{event.slug}/me/offers/")
    row = page.locator("tr", has_text=OFFER_TITLE)
    row.get_by_role("button", name=t("Submit for review")).click()
    page.wait_for_load_state()
    row = page.locator("tr", has_text=OFFER_TITLE)
    assert t.label(Opportunity.Status.PENDING) in row.inner_text()


def _publish_offer(page, event, t: Texts) -> None:
    page.goto(f"/{event.slug}/console/approvals/")
    article = page.locator("article.opportunity", has_text=OFFER_TITLE)
    article.get_by_role("button", name=t("Publish"), exact=True).click()
    page.wait_for_load_state()
    assert t("No offer or request is waiting.") in page.inner_text("main")


def _request_from_suggestions(page, event, partner, t: Texts) -> None:
    page.goto(f"/{event.slug}/suggestions/")
    assert page.inner_text("h1") == t("Suggested partners")
    first = page.locator("li.suggestion").first
    assert "Steppe Grain Trading" in first.inner_text()
    first.get_by_role("link", name=t("Request a meeting")).click()
    page.wait_for_url(re.compile(rf"/me/requests/new/\?to={partner.pk}$"))
    assert partner.display_name in page.inner_text("h1")
    page.fill("textarea[name=message]", "Let us talk about silos for your elevator.")
    page.get_by_role("button", name=t("Send the request")).click()
    page.wait_for_load_state()
    sent = page.locator("tr", has_text=partner.display_name)
    assert t.label(MeetingRequest.Status.PENDING) in sent.inner_text()


def _accept(page, event, t: Texts) -> None:
    page.goto(f"/{event.slug}/me/requests/")
    row = page.locator("tr", has_text=" ".join(NEW_NAME))
    row.get_by_role("button", name=t("Accept")).click()
    page.wait_for_load_state()
    row = page.locator("tr", has_text=" ".join(NEW_NAME))
    assert t.label(MeetingRequest.Status.ACCEPTED) in row.inner_text()


def _schedule_and_publish(page, event, t: Texts) -> None:
    page.goto(f"/{event.slug}/console/schedule/")
    page.fill("input[name=time_limit]", "5")
    page.get_by_role("button", name=t("Schedule all accepted meetings")).click()
    page.wait_for_load_state()
    draft = page.locator("section#draft").inner_text()
    assert t.plural("%(n)s meeting in the draft.", "%(n)s meetings in the draft.", 1) in draft
    page.get_by_role("button", name=t("Publish the draft")).click()
    page.wait_for_url(re.compile(r"/console/schedule/releases/\d+/$"))
    assert page.inner_text("h1") == f"{t('Release')} v1"


def _agenda_shows(page, event, other_name: str, t: Texts) -> None:
    """The agenda page lists the meeting; the private feed has it as a VEVENT."""
    page.goto(f"/{event.slug}/me/agenda/")
    assert page.inner_text("h1") == t("My agenda")
    table = page.locator("table.agenda")
    assert other_name in table.inner_text()
    feed_url = page.locator("input.feedurl").input_value()
    response = page.context.request.get(feed_url)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert other_name in str(events[0]["SUMMARY"])
    assert events[0]["DTSTART"].dt.tzinfo is not None


def _the_expo_takes_place(event) -> None:
    """Time passes: the event (registration was open, so it lay ahead) and its slot grid move
    to last week, so that the meetings have started and their outcome can be recorded."""
    shift = event.start_date - (dt.date.today() - dt.timedelta(days=7))
    Event.objects.filter(pk=event.pk).update(
        start_date=F("start_date") - shift, end_date=F("end_date") - shift
    )
    Slot.objects.filter(event=event).update(start=F("start") - shift, end=F("end") - shift)


def _record_outcome_and_agreement(page, event, title: str, t: Texts) -> None:
    """The meeting's slot has started: it was held, and led to a memorandum."""
    page.goto(f"/{event.slug}/me/meetings/")
    page.get_by_role("button", name=t("It was held")).click()
    page.wait_for_load_state()
    assert t("Recorded: the meeting was held.") in page.inner_text("body")
    page.get_by_role("link", name=t("Record an agreement")).click()
    page.select_option("select[name=kind]", "mou")
    page.fill("input[name=title]", title)
    page.select_option("select[name=sector]", "agriculture")
    page.get_by_role("button", name=t("Record"), exact=True).click()
    page.wait_for_url(re.compile(r"/me/meetings/$"))
    assert t("The agreement is recorded.") in page.inner_text("body")


def _sees_agreement(page, event, title: str, t: Texts) -> None:
    page.goto(f"/{event.slug}/me/meetings/")
    agreements = page.locator("h2#agreements + table").inner_text()
    assert title in agreements
    assert t("under negotiation") in agreements


@pytest.mark.parametrize("language", ["en", "kk"])
def test_delegate_journey(language, new_context):
    from keruen.matchmaking.services import event_embeddings_refresh

    t = Texts(language)
    event, organiser, partner = _scenario(language)

    newcomer = new_context().new_page()
    console = new_context().new_page()
    _register(newcomer, event, t)
    _log_in(console, organiser.user.email, f"/{event.slug}/console/approvals/")
    _expect_language(console, t)  # the organiser's saved language applies after log-in
    _approve_registration(console, event, t)
    _write_offer(newcomer, event, t)
    _publish_offer(console, event, t)

    # The organiser's matchmaking job stores the vectors of published texts; here directly.
    event_embeddings_refresh(event=event)
    _request_from_suggestions(newcomer, event, partner, t)

    other = new_context().new_page()
    _log_in(other, partner.user.email, f"/{event.slug}/me/requests/")
    _expect_language(other, t)
    _accept(other, event, t)

    _schedule_and_publish(console, event, t)

    _agenda_shows(newcomer, event, partner.display_name, t)
    _agenda_shows(other, event, " ".join(NEW_NAME), t)

    _the_expo_takes_place(event)
    title = "Астық силостарын жеткізу туралы меморандум"
    _record_outcome_and_agreement(newcomer, event, title, t)
    _sees_agreement(other, event, title, t)
