"""Two staff members with the same set-up form open: both saves stand, a real clash is refused.

Each test opens the edit page in two organisers' browsers, lets one save, then saves the
other's page as it was opened, with only what that organiser changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from keruen.events.models import Event, GridBreak, Hall, ProgrammeSession, RequestRule
from keruen.people.models import Participant
from tests.factories import (
    BoothFactory,
    HallFactory,
    MeetingTableFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)
from tests.html_forms import read_form, submit


def form_of(page: Any, action: str) -> dict[str, list[str]]:
    """The form of ``page`` (a response) that posts to ``action``, as a browser posts it."""
    data = read_form(page, lambda form: form.get("action") == action)
    assert data, f"no form posting to {action}"
    return data


def opened(client: Client, url: str, action: str | None = None) -> dict[str, list[str]]:
    """The form as the page shows it now (``action``: the form's URL, if not the page's)."""
    page = client.get(url)
    assert page.status_code == 200
    return form_of(page, action or url)


def saved(response: Any) -> bool:
    assert response.status_code == 302, response.context["form"].errors
    return True


def refused(response: Any) -> dict[str, list[str]]:
    """The field errors of a save refused because of a colleague's save."""
    assert response.status_code == 409, response.status_code
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}


def _edit_url(kind: str, row: Any) -> str:
    return reverse(f"console-{kind}-edit", args=[row.event.slug, row.pk])


@pytest.fixture
def two_organisers(event) -> tuple[Client, Client]:
    """Aigerim and Wang, both organisers of ``event``, each in their own browser."""
    clients = []
    for _ in range(2):
        client = Client()
        staff = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
        client.force_login(staff.user)
        clients.append(client)
    return clients[0], clients[1]


@pytest.fixture
def bilingual(event) -> Event:
    """The event works in English and Russian (one name field per language)."""
    event.languages = ["en", "ru"]
    event.save()
    return event


# --- Halls ---------------------------------------------------------------------------------


def test_a_stale_hall_form_does_not_undo_a_colleagues_code(bilingual, two_organisers) -> None:
    aigerim, wang = two_organisers
    hall = HallFactory(event=bilingual, code="A", name={"en": "Hall A"})
    url = _edit_url("hall", hall)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, code="A1"))
    # Wang's page still shows the code A; he only writes the Russian name.
    assert saved(submit(wang, url, his, name_ru="Зал А"))
    hall.refresh_from_db()
    assert hall.code == "A1"
    assert hall.name == {"en": "Hall A", "ru": "Зал А"}


def test_the_same_hall_name_edited_by_both_is_refused_then_kept(bilingual, two_organisers) -> None:
    aigerim, wang = two_organisers
    hall = HallFactory(event=bilingual, code="A", name={"en": "Hall A"})
    url = _edit_url("hall", hall)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, code="A1", name_en="Pavilion A"))
    response = wang.post(url, {**his, "name_en": ["Main hall"]})
    errors = refused(response)
    assert list(errors) == ["__all__", "name_en"]
    assert "it now reads “Pavilion A”" in errors["name_en"][0]
    hall.refresh_from_db()
    assert (hall.code, hall.name) == ("A1", {"en": "Pavilion A"})  # nothing was written
    # The returned form shows her code now, says so, and keeps his name.
    again = form_of(response, url)
    assert again["code"] == ["A1"]
    assert again["name_en"] == ["Main hall"]
    assert "Someone else changed this meanwhile" in response.content.decode()
    # Saving it again keeps his name on purpose, and her code.
    assert saved(wang.post(url, again))
    hall.refresh_from_db()
    assert (hall.code, hall.name) == ("A1", {"en": "Main hall"})


def test_two_emptied_languages_do_not_merge_into_a_nameless_hall(bilingual, two_organisers) -> None:
    aigerim, wang = two_organisers
    hall = HallFactory(event=bilingual, code="A", name={"en": "Hall A", "ru": "Зал А"})
    url = _edit_url("hall", hall)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, name_en=""))  # the Russian name is left
    response = submit(wang, url, his, name_ru="")  # his page still shows the English one
    errors = refused(response)
    assert "Someone else emptied this" in errors["name_en"][0]
    hall.refresh_from_db()
    assert hall.name == {"ru": "Зал А"}
    assert saved(wang.post(url, form_of(response, url)))  # his English name, on purpose
    hall.refresh_from_db()
    assert hall.name == {"en": "Hall A"}


def test_a_language_the_event_does_not_show_is_never_touched(bilingual, two_organisers) -> None:
    """A Kazakh name typed in the admin while the page was open is kept."""
    aigerim, _wang = two_organisers
    hall = HallFactory(event=bilingual, code="A", name={"en": "Hall A"})
    url = _edit_url("hall", hall)
    hers = opened(aigerim, url)
    Hall.objects.filter(pk=hall.pk).update(name={"en": "Hall A", "kk": "А залы"})
    assert saved(submit(aigerim, url, hers, name_ru="Зал А"))
    hall.refresh_from_db()
    assert hall.name == {"en": "Hall A", "ru": "Зал А", "kk": "А залы"}


def test_a_hall_form_without_its_base_still_saves_what_differs(bilingual, two_organisers) -> None:
    """A page opened before an upgrade posts no base: the old rule, what it shows is written."""
    aigerim, _wang = two_organisers
    hall = HallFactory(event=bilingual, code="A", name={"en": "Hall A"})
    url = _edit_url("hall", hall)
    data = opened(aigerim, url)
    data["base"] = ["not json"]
    assert saved(submit(aigerim, url, data, code="A2"))
    hall.refresh_from_db()
    assert hall.code == "A2"


# --- Booths --------------------------------------------------------------------------------


def test_two_colleagues_edit_one_booth(event, two_organisers) -> None:
    aigerim, wang = two_organisers
    booth = BoothFactory(event=event, code="B-1", area_m2=12)
    exhibitor = OrganisationFactory(event=event, is_exhibitor=False)
    url = _edit_url("booth", booth)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, area_m2="18", hosts_meetings=[]))
    assert saved(submit(wang, url, his, exhibitor=str(exhibitor.pk)))
    booth.refresh_from_db()
    assert (booth.area_m2, booth.hosts_meetings, booth.exhibitor) == (18, False, exhibitor)
    exhibitor.refresh_from_db()
    assert exhibitor.is_exhibitor


def test_a_booth_moved_to_two_halls_names_the_hall_it_is_in_now(event, two_organisers) -> None:
    aigerim, wang = two_organisers
    booth = BoothFactory(event=event, code="B-1")
    east = HallFactory(event=event, code="E", name={"en": "East"})
    west = HallFactory(event=event, code="W", name={"en": "West"})
    url = _edit_url("booth", booth)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, hall=str(east.pk)))
    response = submit(wang, url, his, hall=str(west.pk), area_m2="9")
    errors = refused(response)
    assert f"it now reads “{east}”" in errors["hall"][0]
    booth.refresh_from_db()
    assert (booth.hall, booth.area_m2) == (east, None)
    assert saved(wang.post(url, form_of(response, url)))
    booth.refresh_from_db()
    assert (booth.hall, booth.area_m2) == (west, 9)


# --- Meeting tables ------------------------------------------------------------------------


def test_two_colleagues_edit_one_table(event, two_organisers) -> None:
    aigerim, wang = two_organisers
    table = MeetingTableFactory(event=event, number=4, label="T4")
    hall = HallFactory(event=event)
    url = _edit_url("table", table)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, is_active=[]))
    assert saved(submit(wang, url, his, label="VIP 1", hall=str(hall.pk)))
    table.refresh_from_db()
    assert (table.label, table.hall, table.is_active) == ("VIP 1", hall, False)


# --- Programme sessions --------------------------------------------------------------------


@pytest.fixture
def forum(bilingual) -> ProgrammeSession:
    """10:00-12:00 on 27 June on the event's clock (Asia/Shanghai)."""
    return ProgrammeSessionFactory(
        event=bilingual, title={"en": "Energy forum"}, room={"en": "Room 1"}
    )


def test_a_stale_session_form_keeps_a_colleagues_time_and_speakers(forum, two_organisers) -> None:
    aigerim, wang = two_organisers
    first, second, third = (ParticipantFactory(event=forum.event) for _ in range(3))
    forum.speakers.add(first)
    url = _edit_url("session", forum)
    hers, his = opened(aigerim, url), opened(wang, url)
    speakers = [str(first.pk), str(second.pk)]
    assert saved(submit(aigerim, url, hers, start="2026-06-27T09:30", speakers=speakers))
    # His page still shows 10:00 and one speaker; he adds another and the Russian title.
    speakers = [str(first.pk), str(third.pk)]
    assert saved(submit(wang, url, his, title_ru="Энергофорум", speakers=speakers))
    forum.refresh_from_db()
    assert forum.start.astimezone(forum.event.tz).time() == dt.time(9, 30)
    assert forum.title == {"en": "Energy forum", "ru": "Энергофорум"}
    assert set(forum.speakers.all()) == {first, second, third}


def test_the_same_session_time_moved_by_both_is_refused_then_kept(forum, two_organisers) -> None:
    aigerim, wang = two_organisers
    url = _edit_url("session", forum)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, start="2026-06-27T09:30", room_en="Room 2"))
    response = submit(wang, url, his, start="2026-06-27T11:00")
    errors = refused(response)
    assert list(errors) == ["__all__", "start"]
    # The time on the event's clock, as the console writes times (not in UTC).
    assert "it now reads “27 Jun 2026, 09:30”" in errors["start"][0]
    forum.refresh_from_db()
    assert forum.start.astimezone(forum.event.tz).time() == dt.time(9, 30)
    again = form_of(response, url)
    assert again["room_en"] == ["Room 2"]  # her room, shown as it is now
    assert again["start"] == ["2026-06-27T11:00"]  # his time, kept in the form
    assert saved(wang.post(url, again))
    forum.refresh_from_db()
    assert forum.start.astimezone(forum.event.tz).time() == dt.time(11, 0)
    assert forum.room == {"en": "Room 2"}


def test_a_colleagues_end_before_this_start_is_a_clash(forum, two_organisers) -> None:
    """Each form is valid, the two together would end the session before it starts."""
    aigerim, wang = two_organisers
    url = _edit_url("session", forum)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, end="2026-06-27T10:30"))
    response = submit(wang, url, his, start="2026-06-27T11:00")
    errors = refused(response)
    assert "it now reads “27 Jun 2026, 10:30”" in errors["end"][0]
    forum.refresh_from_db()
    tz = forum.event.tz
    assert forum.start.astimezone(tz).time() == dt.time(10, 0)  # nothing was written
    # His form keeps the end it showed: saving it again keeps his session, 11:00 to 12:00.
    again = form_of(response, url)
    assert (again["start"], again["end"]) == (["2026-06-27T11:00"], ["2026-06-27T12:00"])
    assert saved(wang.post(url, again))
    forum.refresh_from_db()
    assert (forum.start.astimezone(tz).time(), forum.end.astimezone(tz).time()) == (
        dt.time(11, 0),
        dt.time(12, 0),
    )


def test_the_session_kind_clash_names_the_kind_in_words(forum, two_organisers) -> None:
    aigerim, wang = two_organisers
    url = _edit_url("session", forum)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, kind="keynote"))
    errors = refused(submit(wang, url, his, kind="signing"))
    assert "it now reads “keynote”" in errors["kind"][0]
    assert ProgrammeSession.objects.get(pk=forum.pk).kind == "keynote"


# --- Networking rules ----------------------------------------------------------------------


def test_two_colleagues_edit_one_rule(event, two_organisers) -> None:
    aigerim, wang = two_organisers
    rule = RequestRule.objects.create(event=event, requester_role="visitor", allowed=False)
    url = _edit_url("rule", rule)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, target_role="government"))
    assert saved(submit(wang, url, his, allowed="1"))
    rule.refresh_from_db()
    assert (rule.requester_role, rule.target_role, rule.allowed) == (
        "visitor",
        "government",
        True,
    )


def test_a_rules_role_clash_names_the_role_in_words(event, two_organisers) -> None:
    aigerim, wang = two_organisers
    rule = RequestRule.objects.create(event=event, requester_role="visitor", allowed=False)
    url = _edit_url("rule", rule)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, target_role="government"))
    errors = refused(submit(wang, url, his, target_role="media"))
    label = dict(Participant.Role.choices)["government"]
    assert f"it now reads “{label}”" in errors["target_role"][0]


# --- The networking settings on the set-up page --------------------------------------------


def test_the_deadline_and_the_quota_set_by_two_colleagues_both_stand(event, two_organisers) -> None:
    aigerim, wang = two_organisers
    page = reverse("console-setup", args=[event.slug])
    action = reverse("console-networking-set", args=[event.slug])
    hers, his = opened(aigerim, page, action), opened(wang, page, action)
    assert submit(aigerim, action, hers, request_deadline="2026-06-20T18:00").status_code == 302
    assert submit(wang, action, his, request_quota="15").status_code == 302
    event.refresh_from_db()
    assert event.request_quota == 15
    assert event.request_deadline is not None
    assert event.request_deadline.astimezone(event.tz) == dt.datetime(
        2026, 6, 20, 18, tzinfo=event.tz
    )


def test_the_same_quota_changed_by_both_is_refused_on_the_setup_page(event, two_organisers) -> None:
    aigerim, wang = two_organisers
    page = reverse("console-setup", args=[event.slug])
    action = reverse("console-networking-set", args=[event.slug])
    hers, his = opened(aigerim, page, action), opened(wang, page, action)
    assert submit(aigerim, action, hers, request_quota="10").status_code == 302
    response = submit(wang, action, his, request_quota="20")
    assert response.status_code == 409
    errors = response.context["networking_form"].errors
    assert "it now reads “10”" in errors["request_quota"][0]
    assert Event.objects.get(pk=event.pk).request_quota == 10
    again = form_of(response, action)
    assert submit(wang, action, again).status_code == 302
    assert Event.objects.get(pk=event.pk).request_quota == 20


# --- The slot grid on the set-up page ------------------------------------------------------


@pytest.fixture
def gridded(event, organiser_client) -> Event:
    """27 June, 09:00-11:00 and 14:00-15:00, 30-minute slots, no break."""
    grid = {
        "days": ["2026-06-27"],
        "slot_minutes": "30",
        "am_start": "09:00",
        "am_end": "11:00",
        "pm_start": "14:00",
        "pm_end": "15:00",
        "breaks": "",
    }
    response = organiser_client.post(reverse("console-grid-set", args=[event.slug]), grid)
    assert response.status_code == 302
    return event


def _grid_forms(event: Event, *clients: Client) -> tuple[str, list[dict[str, list[str]]]]:
    page = reverse("console-setup", args=[event.slug])
    action = reverse("console-grid-set", args=[event.slug])
    return action, [opened(client, page, action) for client in clients]


def test_a_break_added_meanwhile_survives_a_new_slot_length(gridded, two_organisers) -> None:
    aigerim, wang = two_organisers
    action, (hers, his) = _grid_forms(gridded, aigerim, wang)
    assert submit(aigerim, action, hers, breaks="10:00-10:30").status_code == 302
    # His form still shows no break; he shortens the slots and adds the 28th.
    response = submit(wang, action, his, slot_minutes="20", days=["2026-06-27", "2026-06-28"])
    assert response.status_code == 302
    grid = gridded.slot_grid
    grid.refresh_from_db()
    assert (grid.slot_minutes, grid.days) == (20, ["2026-06-27", "2026-06-28"])
    breaks = GridBreak.objects.filter(event=gridded, day__isnull=True)
    assert [(pause.start, pause.end) for pause in breaks] == [(dt.time(10), dt.time(10, 30))]


def test_a_merged_grid_whose_sessions_overlap_is_a_clash(gridded, two_organisers) -> None:
    aigerim, wang = two_organisers
    action, (hers, his) = _grid_forms(gridded, aigerim, wang)
    changes = {"am_end": "12:30", "breaks": "10:00-10:30"}
    assert submit(aigerim, action, hers, **changes).status_code == 302
    response = submit(wang, action, his, pm_start="12:00")  # his morning still ends at 11:00
    assert response.status_code == 409
    errors = response.context["grid_form"].errors
    assert "it now reads “12:30”" in errors["am_end"][0]
    assert gridded.slot_grid.pm_start == dt.time(14)  # nothing was written
    again = form_of(response, action)
    assert again["breaks"] == ["10:00-10:30"]  # her break, shown as it is now
    assert submit(wang, action, again, am_end="11:30").status_code == 302
    grid = gridded.slot_grid
    grid.refresh_from_db()
    assert (grid.am_end, grid.pm_start) == (dt.time(11, 30), dt.time(12))
    assert GridBreak.objects.filter(event=gridded, day__isnull=True).count() == 1


# --- Nothing else is written ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["hall", "booth", "table", "session", "rule"])
def test_a_refused_save_writes_nothing(event, two_organisers, kind) -> None:
    aigerim, wang = two_organisers
    rows = {
        "hall": lambda: HallFactory(event=event, code="A"),
        "booth": lambda: BoothFactory(event=event, code="B-1"),
        "table": lambda: MeetingTableFactory(event=event, number=1, label="T1"),
        "session": lambda: ProgrammeSessionFactory(event=event),
        "rule": lambda: RequestRule.objects.create(event=event, requester_role="visitor"),
    }
    row = rows[kind]()
    field, hers_value, his_value = {
        "hall": ("code", "A1", "A2"),
        "booth": ("code", "B-2", "B-3"),
        "table": ("label", "VIP", "Press"),
        "session": ("end", "2026-06-27T12:30", "2026-06-27T13:00"),
        "rule": ("requester_role", "media", "government"),
    }[kind]
    url = _edit_url(kind, row)
    hers, his = opened(aigerim, url), opened(wang, url)
    assert saved(submit(aigerim, url, hers, **{field: hers_value}))
    model = type(row)
    before = list(model.objects.filter(pk=row.pk).values())
    refused(submit(wang, url, his, **{field: his_value}))
    assert list(model.objects.filter(pk=row.pk).values()) == before
