"""Pages fit a phone's screen, and the top bar one line of a laptop's.

A delegate with a long e-mail address and a full agenda (long Russian organisation names,
an interpreter needed) looks at their pages at 390 px: nothing may be wider than the screen
(the agenda's Where and Language columns and the header's "Log out" used to be off it).
At 1280 px their top bar and their portal menu hold on one line each, and the figures of the
event's home page keep their labels inside their cards.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from keruen.events import services as event_services
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.models import Participant
from tests.factories import (
    EventFactory,
    MeetingFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
LONG_EMAIL = "aigerim.seitkali-nurlanova@qazaq-steelworks-engineering.example"
PARTNER_ORGANISATIONS = [
    {
        "en": "Ministry of Industry and Construction of the Republic of Azerbaijan",
        "ru": "Министерство промышленности и строительства Азербайджанской Республики",
    },
    {
        "en": "Xinjiang Ruifeng Environmental Engineering Company",
        "ru": "Экологическая компания «Жуйфэн» (Синьцзян)",
    },
    {
        "en": "Shandong Antai International Logistics Group",
        "ru": "Логистическая компания «Аньтай» (Шаньдун)",
    },
]


def _busy_delegate():
    """A delegate with a long e-mail and four meetings and a session on a coming day."""
    day = timezone.localdate() + dt.timedelta(days=30)
    event = EventFactory(start_date=day, end_date=day + dt.timedelta(days=2))
    event_services.slot_grid_set(
        event=event,
        days=[day],
        slot_minutes=30,
        am=(dt.time(9, 0), dt.time(11, 0)),
        pm=(dt.time(14, 0), dt.time(15, 0)),
    )
    tables = event_services.tables_create(event=event, count=1)
    organisation = OrganisationFactory(
        event=event, name={"en": "Qazaq Steelworks", "ru": "Казахские сталелитейные заводы"}
    )
    me = ParticipantFactory(
        event=event,
        organisation=organisation,
        role=Participant.Role.BUSINESS,
        user=UserFactory(email=LONG_EMAIL),
    )
    schedule = schedule_draft_get(event=event)
    slots = list(event.slots.order_by("start"))
    for index, name in enumerate([*PARTNER_ORGANISATIONS, PARTNER_ORGANISATIONS[0]]):
        partner = ParticipantFactory(
            event=event, organisation=OrganisationFactory(event=event, name=name, country="AZ")
        )
        meeting = MeetingFactory(
            event=event, participant_a=me, participant_b=partner, language="ru" if index % 2 else ""
        )
        schedule_entry_place(schedule=schedule, meeting=meeting, slot=slots[index], table=tables[0])
    schedule_publish(event=event, by=None)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))
    me.chosen_sessions.add(
        ProgrammeSessionFactory(
            event=event,
            title={
                "en": "Forum on infrastructure and connectivity",
                "ru": "Форум по инфраструктуре и взаимосвязанности",
            },
            start=start,
            end=start + dt.timedelta(hours=2),
        )
    )
    return event, me


def _page_width(context, path: str) -> tuple[int, int]:
    page = context.new_page()
    response = page.goto(path)
    assert response is not None, path
    assert response.ok, (path, response.status)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    # "Log out" is on the screen, not only in the document.
    box = page.locator("header.topbar form button[type=submit]").bounding_box()
    assert box is not None, path
    assert box["x"] + box["width"] <= widths[1], (path, box)
    page.close()
    return widths[0], widths[1]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_delegate_pages_fit_a_phone(language, sized_context):
    event, me = _busy_delegate()
    context = sized_context(me.user.email, PHONE, language)
    for path in ("me/agenda/", "me/", "suggestions/", ""):
        scroll_width, screen_width = _page_width(context, f"/{event.slug}/{path}")
        assert scroll_width <= screen_width, (language, path, scroll_width)
    # The agenda still shows where and in which language, once per meeting.
    page = context.new_page()
    page.goto(f"/{event.slug}/me/agenda/")
    assert page.locator("table.agenda td[data-label]:visible").count() >= 8
    page.close()


def _top_bar_centres(page) -> list[int]:
    """The vertical centre of each visible link and tool of the top bar."""
    return page.evaluate(
        """[...document.querySelectorAll('.mainnav a, .tools > *')]
             .filter(e => e.offsetParent !== null)
             .map(e => e.getBoundingClientRect())
             .map(box => Math.round(box.top + box.height / 2))"""
    )


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_an_organisers_top_bar_is_one_line_on_a_laptop(language, sized_context):
    """Organisers have one link more ("Console"; «Консоль организатора» took a second line)."""
    event, _ = _busy_delegate()
    organiser = ParticipantFactory(
        event=event,
        role=Participant.Role.ORGANISER,
        user=UserFactory(email="secretariat.b2b-programme@china-eurasia-expo.example"),
    )
    page = sized_context(organiser.user.email, LAPTOP, language).new_page()
    page.goto(f"/{event.slug}/console/")
    tops = _top_bar_centres(page)
    assert max(tops) - min(tops) <= 4, tops


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_top_bar_is_one_line_on_a_laptop(language, sized_context):
    event, me = _busy_delegate()
    context = sized_context(me.user.email, LAPTOP, language)
    page = context.new_page()
    page.goto(f"/{event.slug}/me/")
    tops = _top_bar_centres(page)
    assert max(tops) - min(tops) <= 4, tops
    # So is the portal's own menu (its long Kazakh labels took two), the page marked.
    menu = page.locator("nav.subnav a")
    tops = menu.evaluate_all(
        "links => links.map(link => Math.round(link.getBoundingClientRect().top))"
    )
    assert len(tops) == 9
    assert len(set(tops)) == 1, tops
    assert menu.first.get_attribute("aria-current") == "page"
    # The figures of the home page keep their labels in their cards.
    page.goto(f"/{event.slug}/")
    spilling = page.evaluate(
        """[...document.querySelectorAll('.figure')].filter(card => {
             const inner = card.getBoundingClientRect().right
               - parseFloat(getComputedStyle(card).paddingRight);
             const text = document.createRange();
             text.selectNodeContents(card);
             return [...text.getClientRects()].some(box => box.right > inner + 0.5);
           }).map(card => card.innerText)"""
    )
    assert spilling == []
    page.close()


def _line_counts(page, selector: str) -> list[tuple[str, int]]:
    """(text, lines it takes) of each element matching ``selector``."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(element => {
             const range = document.createRange();
             range.selectNodeContents(element);
             const tops = new Set([...range.getClientRects()].map(box => Math.round(box.top)));
             return [element.textContent.trim(), tops.size];
           })""",
        selector,
    )


def test_the_printed_agenda_keeps_short_chinese_words_on_one_line(sized_context):
    """Chinese may break between any two characters: the Language column's heading (语言) and
    its cells (俄语) stood one character per line on the printed agenda."""
    event, me = _busy_delegate()
    context = sized_context(me.user.email, {"width": 794, "height": 1123}, "zh-hans")
    page = context.new_page()
    page.emulate_media(media="print")
    response = page.goto(f"/{event.slug}/me/agenda/print/")
    assert response is not None
    assert response.ok
    headings = _line_counts(page, "table.agenda th")
    assert ["语言", 1] in headings, headings
    languages = [cell for cell in _line_counts(page, "table.agenda td.keep") if cell[0]]
    assert ["俄语", 1] in languages, languages
    assert all(lines == 1 for _text, lines in languages), languages
    # The table still fits the A4 page's width.
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    page.close()
