"""The set-up page's slot grid, tables, codes and rules, as the organiser meets them: what a
new grid did to the delegates' unavailability, refusals on the event's clock and for the
request deadline, the activity log, codes taken at the same moment, rules in any word order."""

from __future__ import annotations

import datetime as dt
import html
from contextlib import contextmanager

import pytest
from django.contrib.messages import get_messages
from django.db.models.signals import pre_save
from django.urls import reverse

from keruen.console.views import setup_edit
from keruen.events.models import Booth, GridBreak, Hall, RequestRule, Slot
from tests.factories import EventFactory, HallFactory, ParticipantFactory

GRID = {
    "days": ["2026-06-27"],
    "slot_minutes": "30",
    "am_start": "09:00",
    "am_end": "11:00",
    "pm_start": "14:00",
    "pm_end": "15:00",
    "breaks": "",
}


def _post(client, name, event, data, *args):
    return client.post(reverse(name, args=[event.slug, *args]), data)


def _page(client, name, event, *args) -> str:
    response = client.get(reverse(name, args=[event.slug, *args]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_organiser_is_told_what_became_of_declared_unavailability(
    organiser_client, event
) -> None:
    assert _post(organiser_client, "console-grid-set", event, GRID).status_code == 302
    delegate = ParticipantFactory(event=event)
    delegate.unavailable_slots.set(Slot.objects.filter(event=event, session="AM")[:2])

    response = _post(organiser_client, "console-grid-set", event, {**GRID, "am_start": "09:30"})

    assert response.status_code == 302
    assert _told(response)[-1] == (
        "The slot grid now has 5 slots. Unavailable slots declared by delegates: 1 carried "
        "over to the new slots at the same time, 1 dropped (no new slot at that time)."
    )
    assert delegate.unavailable_slots.count() == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"am_start": "02:30", "am_end": "04:00"}, "02:30 does not exist on 29 March 2026"),
        ({"am_start": "01:00", "am_end": "04:00"}, None),  # the session spans the change
    ],
)
def test_a_grid_over_the_clock_change_is_refused_or_saved_never_an_error(
    db, client, change, words
) -> None:
    event = EventFactory(
        time_zone="Europe/Berlin", start_date=dt.date(2026, 3, 28), end_date=dt.date(2026, 3, 30)
    )
    organiser = ParticipantFactory(event=event, role="organiser")
    client.force_login(organiser.user)
    data = {**GRID, "days": ["2026-03-29"], "pm_start": "05:00", "pm_end": "06:00", **change}
    response = _post(client, "console-grid-set", event, data)
    if words is None:
        assert response.status_code == 302
        assert Slot.objects.filter(event=event).count() == 4 + 2
        return
    assert response.status_code == 422
    form = response.context["grid_form"]
    assert any(words in error for error in form.errors["am_start"])
    assert not Slot.objects.filter(event=event).exists()


def test_a_grid_ending_before_the_request_deadline_is_refused(organiser_client, event) -> None:
    _post(organiser_client, "console-grid-set", event, {**GRID, "days": ["2026-06-28"]})
    _post(
        organiser_client,
        "console-networking-set",
        event,
        {"request_deadline": "2026-06-27T12:00", "request_quota": ""},
    )
    response = _post(organiser_client, "console-grid-set", event, GRID)  # 27 June only
    assert response.status_code == 422
    assert "The deadline for meeting requests" in response.context["grid_form"].errors["days"][0]
    assert {slot.start.astimezone(event.tz).day for slot in Slot.objects.filter(event=event)} == {
        28
    }


def test_one_day_breaks_are_listed_with_the_grid(organiser_client, event) -> None:
    GridBreak.objects.create(
        event=event, day=dt.date(2026, 6, 27), start=dt.time(14), end=dt.time(14, 30)
    )
    _post(organiser_client, "console-grid-set", event, GRID)
    page = _page(organiser_client, "console-setup", event)
    assert "Breaks on one day only" in page
    assert "14:00–14:30" in page
    assert Slot.objects.filter(event=event).count() == 4 + 1


def test_the_grid_and_new_tables_are_on_the_activity_page(organiser_client, event) -> None:
    _post(organiser_client, "console-grid-set", event, {**GRID, "breaks": "10:00-10:30"})
    _post(organiser_client, "console-tables-add", event, {"count": "4"})
    page = _page(organiser_client, "console-activity", event)
    assert "slot grid saved" in page
    assert "daily breaks: 10:00-10:30; meeting days: 27 Jun; slots: 5" in page
    assert "meeting tables added" in page
    assert "numbers: 1-4" in page


# --- A code taken at the same moment ------------------------------------------------------


@contextmanager
def _taken_meanwhile(model, **competitor):
    """Another request saves a row with the same code between the check and the insert."""

    def save_the_other_first(sender, instance, **kwargs) -> None:
        model.objects.bulk_create([model(**competitor)])  # no signal: no recursion

    pre_save.connect(save_the_other_first, sender=model, weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(save_the_other_first, sender=model)


def test_a_hall_code_taken_at_the_same_moment_is_a_refusal(organiser_client, event) -> None:
    with _taken_meanwhile(Hall, event=event, code="A", name={"en": "Theirs"}):
        response = _post(organiser_client, "console-hall-add", event, {"code": "A", "name": "X"})
    assert response.status_code == 422
    assert response.context["hall_form"].errors["code"] == ["This hall code is taken."]
    assert not Hall.objects.filter(event=event).exists()  # nothing of the attempt stays

    hall = HallFactory(event=event, code="B")
    with _taken_meanwhile(Hall, event=event, code="C", name={"en": "Theirs"}):
        response = _post(
            organiser_client, "console-hall-edit", event, {"code": "C", "name_en": "X"}, hall.pk
        )
    assert response.status_code == 422
    assert "This hall code is taken." in response.content.decode()
    hall.refresh_from_db()
    assert hall.code == "B"


def test_a_booth_code_taken_at_the_same_moment_is_a_refusal(organiser_client, event) -> None:
    hall = HallFactory(event=event)
    with _taken_meanwhile(Booth, event=event, hall=hall, code="A-1"):
        response = _post(
            organiser_client, "console-booth-add", event, {"hall": hall.pk, "code": "A-1"}
        )
    assert response.status_code == 422
    assert response.context["booth_form"].errors["code"] == ["This booth code is taken."]

    booth = Booth.objects.create(event=event, hall=hall, code="A-2")
    with _taken_meanwhile(Booth, event=event, hall=hall, code="A-3"):
        response = _post(
            organiser_client,
            "console-booth-edit",
            event,
            {"hall": hall.pk, "code": "A-3", "hosts_meetings": "on"},
            booth.pk,
        )
    assert response.status_code == 422
    assert "This booth code is taken." in response.content.decode()
    assert list(Booth.objects.filter(event=event).values_list("code", flat=True)) == ["A-2"]


# --- A networking rule is one sentence ----------------------------------------------------

# A made-up language that puts the roles the other way round, as many do.
REORDERED = {
    "%(requester)s may not request %(target)s": "[%(target)s ✗ %(requester)s]",
    "%(requester)s may request %(target)s": "[%(target)s ✓ %(requester)s]",
}


def test_a_rule_is_one_translatable_sentence(organiser_client, event, monkeypatch) -> None:
    monkeypatch.setattr(setup_edit, "_", lambda text: REORDERED.get(text, text))
    rule = RequestRule.objects.create(event=event, requester_role="visitor", allowed=False)
    RequestRule.objects.create(
        event=event, requester_role="media", target_role="expert", allowed=True
    )
    assert "[any role ✗ visitor]" in _page(organiser_client, "console-setup", event)
    assert "[expert ✓ media]" in _page(organiser_client, "console-setup", event)
    assert "[any role ✗ visitor]" in _page(organiser_client, "console-rule-edit", event, rule.pk)
