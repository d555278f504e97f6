"""The organiser's console and the public catalogue fit a phone in Kazakh and Chinese.

Seen at 390 px in a real browser: the Participants filter's delegation list made the page
48 px too wide in Kazakh; the Set-up booth table was 230 px too wide, its Edit links off the
screen (a .visually-hidden text in a card that scrolls widened the page); a participant's
long e-mail address was cut off in Chinese; the approvals and catalogue tables scrolled
sideways inside themselves with no hint, the approvals' e-mail addresses one letter a line;
the dashboard's chart labels were drawn at 7 px. Here: nothing is wider than the screen,
those tables fit it (stacked, one card a row), and chart labels stay readable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from keruen.people.models import Participant
from tests.factories import (
    AgreementFactory,
    BoothFactory,
    DelegationFactory,
    EventFactory,
    HallFactory,
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
    sizes = page.evaluate(
        """[...document.querySelectorAll('svg.chart')].map(svg => {
             const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
             const label = svg.querySelector('.chart-label');
             return scale * parseFloat(getComputedStyle(label).fontSize);
           })"""
    )
    assert sizes, "no chart on the dashboard"
    assert min(sizes) >= 11, sizes
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
