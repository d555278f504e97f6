"""The organiser's console and the public catalogue fit a phone in Kazakh and Chinese.

Seen at 390 px in a real browser: the Participants filter's delegation list made the page
48 px too wide in Kazakh; the Set-up booth table was 230 px too wide, its Edit links off the
screen (a .visually-hidden text in a card that scrolls widened the page); a participant's
long e-mail address was cut off in Chinese; the approvals and catalogue tables scrolled
sideways inside themselves with no hint, the approvals' e-mail addresses one letter a line;
the dashboard's chart labels were drawn at 7 px, and then the charts scrolled sideways in
their boxes. Here: nothing is wider than the screen, those tables fit it (stacked, one card a
row), and charts are as wide as the screen with readable labels.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from keruen.events import services as event_services
from keruen.meetings.services import schedule_draft_get, schedule_entry_place
from keruen.people.models import Participant
from tests.factories import (
    AgreementFactory,
    BoothFactory,
    DelegationFactory,
    EventFactory,
    HallFactory,
    MeetingFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LONG_EMAIL = "lixin.zhou@shengyuan-internationalfreightforwarding.com.cn"
DELEGATION = {
    "en": "Government delegation of the Republic of Azerbaijan",
    "ru": "Правительственная делегация Азербайджанской Республики",
    "kk": "Әзірбайжан Республикасының үкіметтік делегациясы (Сауда министрлігі)",
    "zh": "阿塞拜疆共和国政府代表团",
}
#: Exhibitors' names with long words, as in the demo ("«ТуркменТекстильЭкспорт»").
EXHIBITORS = [
    {"en": "TurkmenTextileExport", "ru": "«ТуркменТекстильЭкспорт»", "zh": "土库曼纺织出口公司"},
    {"en": "Shengyuan International Freight Forwarding", "ru": "«СибДиджиталХолдинг»"},
    {"en": "Xinjiang Ruifeng Environmental Engineering Company", "ru": "«Иссык-Куль-Энерго»"},
]


def _expo():
    """An expo with what made its pages too wide: long names, e-mails, booths, agreements."""
    event = EventFactory()
    organiser = ParticipantFactory(
        event=event,
        role=Participant.Role.ORGANISER,
        user=UserFactory(email="secretariat.b2b-programme@china-eurasia-expo.example"),
    )
    delegation = DelegationFactory(event=event, name=DELEGATION, country="AZ")
    hall = HallFactory(event=event, code="A", name={"en": "Hall A"})
    organisations = []
    for index, name in enumerate(EXHIBITORS):
        organisation = OrganisationFactory(
            event=event, name=name, country="TM", sectors=["49", "52"], is_exhibitor=True
        )
        BoothFactory(event=event, hall=hall, code=f"A-1{index:02}", exhibitor=organisation)
        organisations.append(organisation)
    ParticipantFactory(
        event=event,
        organisation=organisations[1],
        delegation=delegation,
        user=UserFactory(email=LONG_EMAIL),
    )
    for index, organisation in enumerate(organisations):
        ParticipantFactory(
            event=event,
            organisation=organisation,
            status=Participant.Status.PENDING,
            user=UserFactory(email=f"pending-{index}.{LONG_EMAIL}"),
        )
    start = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)
    session = ProgrammeSessionFactory(
        event=event,
        title={"en": "Forum on infrastructure and connectivity", "zh": "基础设施互联互通论坛"},
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    session.speakers.add(organiser)
    agreement = AgreementFactory(
        event=event,
        title={
            "en": "Memorandum on a logistics hub at Khorgos",
            "zh": "关于霍尔果斯物流枢纽的备忘录",
        },
        value=Decimal("125000000"),
    )
    agreement.parties.add(*organisations[:2])
    return event, organiser


def _open(context, path: str):
    page = context.new_page()
    response = page.goto(path)
    assert response is not None, path
    assert response.ok, (path, response.status)
    return page


def _fits(page) -> tuple[int, int]:
    return tuple(
        page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    )


def _boxes_scrolling_sideways(page) -> list[str]:
    """Table boxes whose content is wider than they are (they scroll inside themselves)."""
    return page.evaluate(
        """[...document.querySelectorAll('.tablescroll, table.list')]
             .filter(box => box.scrollWidth > box.clientWidth + 1)
             .map(box => box.className + ' ' + box.scrollWidth + '/' + box.clientWidth)"""
    )


@pytest.mark.parametrize("language", ["kk", "zh-hans"])
def test_console_pages_fit_a_phone(language, sized_context) -> None:
    event, organiser = _expo()
    context = sized_context(organiser.user.email, PHONE, language)
    detail = Participant.objects.get(user__email=LONG_EMAIL).pk
    console = f"/{event.slug}/console/"
    for path in (
        "",
        "participants/",
        "setup/",
        f"participants/{detail}/",
        "approvals/",
        "agreements/",
    ):
        page = _open(context, console + path)
        scroll_width, screen_width = _fits(page)
        assert scroll_width <= screen_width, (language, path, scroll_width)
        if path in ("setup/", "approvals/", "agreements/"):
            assert _boxes_scrolling_sideways(page) == [], (language, path)
        page.close()


@pytest.mark.parametrize("language", ["kk", "zh-hans"])
def test_long_e_mails_edit_links_and_chart_labels_stay_readable(language, sized_context) -> None:
    event, organiser = _expo()
    context = sized_context(organiser.user.email, PHONE, language)
    console = f"/{event.slug}/console/"

    page = _open(context, console + "setup/")
    screen = page.evaluate("document.documentElement.clientWidth")
    edits = page.locator("#booths a[href*='/setup/booths/']")
    assert edits.count() == len(EXHIBITORS)
    for index in range(edits.count()):
        box = edits.nth(index).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= screen, box
    page.close()

    # The whole address is on the screen, broken over at most three lines, never a letter
    # a line (its table column used to shrink to one letter).
    detail = Participant.objects.get(user__email=LONG_EMAIL).pk
    for path, selector in (
        (f"participants/{detail}/", f"dl.facts a[href='mailto:{LONG_EMAIL}']"),
        ("approvals/", "td .email a"),
    ):
        page = _open(context, console + path)
        shape = page.locator(selector).first.evaluate(
            """link => {
                 const box = link.getBoundingClientRect();
                 const line = parseFloat(getComputedStyle(link).lineHeight)
                   || 1.5 * parseFloat(getComputedStyle(link).fontSize);
                 return {right: box.right, width: box.width, lines: Math.round(box.height / line),
                         screen: document.documentElement.clientWidth};
               }"""
        )
        assert shape["right"] <= shape["screen"], (path, shape)
        assert shape["width"] >= 150, (path, shape)
        assert shape["lines"] <= 3, (path, shape)
        page.close()

    page = _open(context, console)
    charts = _charts_seen(page)
    assert charts, "no chart on the dashboard"
    assert min(chart["label_px"] for chart in charts) >= 11, charts
    page.close()


def _charts_seen(page) -> list[dict[str, object]]:
    """Each chart's label size on the screen (its font size times the drawing's scale), and
    whether the box it is drawn in scrolls sideways or reaches past the screen."""
    return page.evaluate(
        """[...document.querySelectorAll('svg.chart')].map(svg => {
             const label = svg.querySelector('.chart-label');
             const box = svg.closest('.chartscroll, .chartcard');
             return {
               label_px: label.getScreenCTM().a * parseFloat(getComputedStyle(label).fontSize),
               scrolls: box.scrollWidth > box.clientWidth + 1,
               right: Math.round(svg.getBoundingClientRect().right),
               screen: document.documentElement.clientWidth,
             };
           })"""
    )


def _draft_with_idle_gaps(event) -> None:
    """One delegate meets two others in slots 1 and 3: an idle gap, a histogram."""
    event_services.slot_grid_set(
        event=event,
        days=[event.start_date],
        slot_minutes=30,
        am=(dt.time(9, 0), dt.time(11, 0)),
        pm=(dt.time(14, 0), dt.time(15, 0)),
    )
    (table,) = event_services.tables_create(event=event, count=1)
    draft = schedule_draft_get(event=event)
    busy = ParticipantFactory(event=event)
    for number in (1, 3):
        meeting = MeetingFactory(event=event, participant_a=busy)
        slot = event.slots.get(number=number)
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table)


def test_charts_are_as_wide_as_a_phone_and_their_labels_readable(sized_context) -> None:
    """The dashboard's bar charts and the schedule's histogram fit the 390 px screen, not
    scrolling sideways in their boxes (they did, drawn 560 px wide), their labels no smaller
    than on a laptop; the pages are no wider than the screen."""
    event, organiser = _expo()
    _draft_with_idle_gaps(event)
    context = sized_context(organiser.user.email, PHONE, "ru")
    for path in ("", "schedule/"):
        page = _open(context, f"/{event.slug}/console/{path}")
        charts = _charts_seen(page)
        assert charts, f"no chart on console/{path}"
        for chart in charts:
            assert not chart["scrolls"], (path, chart)
            assert chart["right"] <= chart["screen"], (path, chart)
            assert chart["label_px"] >= 11, (path, chart)
        scroll_width, screen_width = _fits(page)
        assert scroll_width <= screen_width, (path, scroll_width)
        page.close()


@pytest.mark.parametrize("language", ["kk", "zh-hans"])
def test_the_public_catalogue_fits_a_phone(language, sized_context) -> None:
    event, _ = _expo()
    context = sized_context(None, PHONE, language)
    for path in ("organisations/", "exhibitors/"):
        page = _open(context, f"/{event.slug}/{path}")
        scroll_width, screen_width = _fits(page)
        assert scroll_width <= screen_width, (language, path, scroll_width)
        assert _boxes_scrolling_sideways(page) == [], (language, path)
        # One card a row: each cell says what it is.
        assert page.locator("table.list td[data-label]:visible").count() >= len(EXHIBITORS)
        page.close()
