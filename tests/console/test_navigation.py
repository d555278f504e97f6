"""The console menu: staff organisers find the import in it, grouped with the exports under
"Data" (the menu's twelve entries fill its one line); other organisers, who may not import,
keep the plain "Exports" entry."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.people.models import Participant
from tests.factories import ParticipantFactory, UserFactory


def _menu(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<nav class="consolenav"')
    return page[start : page.index("</nav>", start)]


@pytest.fixture
def staff_client(client, event):
    staff = UserFactory(is_staff=True)
    ParticipantFactory(event=event, role=Participant.Role.ORGANISER, user=staff)
    client.force_login(staff)
    return client


def test_staff_organisers_find_imports_and_exports_under_data(staff_client, event) -> None:
    menu = _menu(staff_client, reverse("console-home", args=[event.slug]))
    group = menu[menu.index('<details class="navgroup') :]
    assert "<summary>Data</summary>" in group
    assert f'<a href="{reverse("console-exports", args=[event.slug])}">Exports</a>' in group
    assert f'<a href="{reverse("imports:upload")}">Imports</a>' in group
    assert menu.count("<a ") == 13  # eleven entries, then the group's two


def test_the_group_of_the_page_shown_is_marked(staff_client, event) -> None:
    exports = reverse("console-exports", args=[event.slug])
    menu = _menu(staff_client, exports)
    assert '<details class="navgroup current">' in menu
    assert f'<a href="{exports}" aria-current="page">Exports</a>' in menu
    home = _menu(staff_client, reverse("console-home", args=[event.slug]))
    assert '<details class="navgroup">' in home


def test_organisers_who_may_not_import_keep_the_exports_entry(organiser_client, event) -> None:
    menu = _menu(organiser_client, reverse("console-home", args=[event.slug]))
    assert reverse("imports:upload") not in menu
    assert "<details" not in menu
    assert f'<a href="{reverse("console-exports", args=[event.slug])}">Exports</a>' in menu
    assert menu.count("<a ") == 12
