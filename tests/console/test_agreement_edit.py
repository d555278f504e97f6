"""The console's agreement page: organisers correct an agreement's values and change its
status there, reached from the agreements list; nobody else, and no other event's."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from keruen.agreements.models import Agreement
from keruen.common.models import AuditLogEntry
from keruen.meetings.models import Meeting
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.models import Participant
from tests.factories import (
    AgreementFactory,
    MeetingFactory,
    MeetingTableFactory,
    OrganisationFactory,
    ParticipantFactory,
    SlotFactory,
)
from tests.html_forms import FormReader, read_form

FORM = {
    "kind": "mou",
    "title_en": "MoU on grain logistics",
    "title_zh_hans": "",
    "title_ru": "",
    "title_kk": "",
    "sector": "",
    "signed_on": "2026-06-29",
    "value": "1000000.00",
    "currency": "USD",
}


def _edit_url(agreement) -> str:
    return reverse("console-agreement-edit", args=[agreement.event.slug, agreement.pk])


def _status_url(agreement) -> str:
    return reverse("console-agreement-status", args=[agreement.event.slug, agreement.pk])


@pytest.fixture
def agreement(event) -> Agreement:
    agreement = AgreementFactory(event=event)
    agreement.parties.set([OrganisationFactory(event=event), OrganisationFactory(event=event)])
    return agreement


def _stored(agreement) -> dict:
    return Agreement.objects.filter(pk=agreement.pk).values().get()


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _row(page: str, agreement) -> str:
    return page.split(f'<tr id="agreement-{agreement.pk}"')[1].split("</tr>")[0]


# --- Reached from the list, not through the admin ------------------------------------------


def test_the_list_links_every_agreement_to_its_edit_page(organiser_client, event) -> None:
    rows = [
        AgreementFactory(event=event),
        AgreementFactory(event=event, signed_on=None, status="negotiating"),
    ]
    page = organiser_client.get(reverse("console-agreements", args=[event.slug]))
    text = page.content.decode()
    for row in rows:
        assert f'href="{_edit_url(row)}"' in text
    assert "/admin/" not in text


# --- Editing the values --------------------------------------------------------------------


def test_the_organiser_corrects_an_agreement(organiser_client, organiser, agreement) -> None:
    page = organiser_client.get(_edit_url(agreement))
    assert page.status_code == 200
    data = read_form(page, lambda form: form.get("action") == _edit_url(agreement))
    assert data["title_en"] == ["MoU on grain logistics"]
    assert data["value"] == ["1000000"]  # a whole value without ".00"
    data |= {
        "kind": ["contract"],
        "title_ru": ["Контракт на поставку зерна"],
        "sector": ["agriculture"],
        "signed_on": ["2026-06-28"],
        "value": ["2500000"],
        "currency": ["cny"],
    }
    response = organiser_client.post(_edit_url(agreement), data)
    assert response.status_code == 302
    list_url = reverse("console-agreements", args=[agreement.event.slug])
    assert response["Location"] == f"{list_url}#agreement-{agreement.pk}"
    agreement.refresh_from_db()
    assert agreement.title == {"en": "MoU on grain logistics", "ru": "Контракт на поставку зерна"}
    assert (agreement.kind, agreement.sector, agreement.signed_on) == (
        "contract",
        "agriculture",
        dt.date(2026, 6, 28),
    )
    assert (agreement.value, agreement.currency) == (Decimal("2500000"), "CNY")
    entry = AuditLogEntry.objects.get(action="update", object_id=str(agreement.pk))
    assert entry.actor == organiser.user
    assert entry.changes["kind"] == ["mou", "contract"]
    # Back at the list, the agreement's row is the anchor, and says it is updated.
    page = organiser_client.get(list_url)
    assert "The agreement is updated." in _messages(page)
    assert page.context["updated"] == agreement.pk
    row = _row(page.content.decode(), agreement)
    assert 'class="updated"' in row
    assert "The agreement is updated." in row
    again = organiser_client.get(list_url)  # once only: a later visit marks no row
    assert again.context["updated"] is None
    assert 'class="updated"' not in again.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": ""}, "currency", "Give the value, or leave the currency empty."),
        ({"currency": ""}, "currency", "Give the currency of the value."),
        ({"currency": "XYZ"}, "currency", "Not an ISO 4217 currency code."),
        ({"signed_on": ""}, "signed_on", "Give the date it was signed."),
        ({"signed_on": "2099-01-01"}, "signed_on", "cannot be in the future"),
        ({"title_en": ""}, "title_en", "Give the title in at least one language."),
        ({"sector": "shipbuilding"}, "sector", "Select a valid choice."),
    ],
)
def test_a_bad_correction_is_refused_on_its_field_and_changes_nothing(
    organiser_client, agreement, changes, field, message
) -> None:
    before = _stored(agreement)
    response = organiser_client.post(_edit_url(agreement), {**FORM, **changes})
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert _stored(agreement) == before


def _edit_form(page, agreement) -> dict[str, list[str]]:
    return read_form(page, lambda form: form.get("action") == _edit_url(agreement))


def _status_form(page, agreement, action: str) -> dict[str, list[str]]:
    """The status box's form whose button is ``action`` (read by its button's value)."""
    for chunk in page.content.decode().split("<form")[1:]:
        form = chunk.split("</form>")[0]
        if f'value="{action}"' in form:
            reader = FormReader(lambda attributes: True)
            reader.feed(f"<form{form}</form>")
            return {k: v for k, v in reader.data.items() if k != "csrfmiddlewaretoken"}
    raise AssertionError(f"no {action} form")


@pytest.mark.parametrize(
    ("status", "signed_on", "date_shown"),
    [
        ("negotiating", None, False),  # it gets one by being marked signed, in the status box
        ("signed", "2026-06-29", True),
        ("cancelled", "2026-06-29", True),
        ("cancelled", None, True),
    ],
)
def test_the_edit_form_has_a_date_only_for_a_signed_or_cancelled_agreement(
    organiser_client, event, status, signed_on, date_shown
) -> None:
    agreement = AgreementFactory(event=event, status=status, signed_on=signed_on)
    page = organiser_client.get(_edit_url(agreement))
    assert ("signed_on" in _edit_form(page, agreement)) is date_shown
    assert ("signed_on" in page.context["form"].fields) is date_shown
    text = page.content.decode()
    assert "Empty while it is under negotiation." not in text
    assert ("Empty if it was never signed." in text) is (status == "cancelled")


def test_an_agreement_under_negotiation_is_corrected_without_a_date(
    organiser_client, event
) -> None:
    talks = AgreementFactory(event=event, status="negotiating", signed_on=None)
    data = _edit_form(organiser_client.get(_edit_url(talks)), talks)
    # A date posted all the same (an old page) is not the edit form's to give.
    response = organiser_client.post(
        _edit_url(talks), data | {"value": ["5"], "signed_on": ["2026-06-29"]}
    )
    assert response.status_code == 302
    talks.refresh_from_db()
    assert (talks.status, talks.signed_on, talks.value) == ("negotiating", None, Decimal(5))


def test_a_signed_agreements_form_saved_after_a_colleague_reopened_it(
    organiser_client, event
) -> None:
    agreement = AgreementFactory(event=event)
    data = _edit_form(organiser_client.get(_edit_url(agreement)), agreement)
    agreement.status, agreement.signed_on = "negotiating", None  # a colleague's reopening
    agreement.save()
    response = organiser_client.post(_edit_url(agreement), data | {"value": ["7"]})
    assert response.status_code == 302  # the date shown is not refused: the reopening stands
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on, agreement.value) == (
        "negotiating",
        None,
        Decimal(7),
    )


@pytest.mark.parametrize(("stored", "shown"), [("63000000", "63000000"), ("2500.50", "2500.50")])
def test_the_value_is_shown_as_a_plain_number_the_form_reads_back(
    organiser_client, event, stored, shown
) -> None:
    agreement = AgreementFactory(event=event, value=Decimal(stored))
    data = _edit_form(organiser_client.get(_edit_url(agreement)), agreement)
    assert data["value"] == [shown]
    assert organiser_client.post(_edit_url(agreement), data).status_code == 302
    assert not AuditLogEntry.objects.filter(action="update", object_id=str(agreement.pk)).exists()


def test_a_bad_currency_is_told_once(organiser_client, agreement) -> None:
    response = organiser_client.post(_edit_url(agreement), {**FORM, "currency": "XYZ"})
    assert response.status_code == 422
    assert response.context["form"].errors["currency"] == ["Not an ISO 4217 currency code."]


def test_a_title_in_a_language_the_event_does_not_work_in_is_shown(organiser_client, event) -> None:
    event.languages = ["en", "zh-hans"]
    event.save()
    agreement = AgreementFactory(event=event, title={"kk": "Астық туралы меморандум"})
    page = organiser_client.get(_edit_url(agreement))
    data = read_form(page, lambda form: form.get("action") == _edit_url(agreement))
    assert data["title_kk"] == ["Астық туралы меморандум"]
    assert "title_ru" not in data
    data["title_en"] = ["Grain memorandum"]
    assert organiser_client.post(_edit_url(agreement), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == {"kk": "Астық туралы меморандум", "en": "Grain memorandum"}


def test_two_organisers_correct_one_agreement(organiser_client, event, agreement) -> None:
    colleague = Client()
    colleague.force_login(ParticipantFactory(event=event, role=Participant.Role.ORGANISER).user)
    url = _edit_url(agreement)

    def opened(client):
        return read_form(client.get(url), lambda form: form.get("action") == url)

    hers, his = opened(organiser_client), opened(colleague)
    assert (
        organiser_client.post(url, {**hers, "value": ["5"], "currency": ["EUR"]}).status_code == 302
    )
    # His page still shows the old value; he corrects the title only: her value stands.
    assert colleague.post(url, {**his, "title_en": ["Memorandum"]}).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.value, agreement.currency, agreement.title) == (
        Decimal(5),
        "EUR",
        {"en": "Memorandum"},
    )
    # Both change the value: the second is told, with the value there now, and nothing is saved.
    hers = opened(organiser_client)
    assert colleague.post(url, {**opened(colleague), "value": ["6"]}).status_code == 302
    response = organiser_client.post(url, {**hers, "value": ["7"]})
    assert response.status_code == 409
    assert "it now reads “6.00”" in response.context["form"].errors["value"][0]
    agreement.refresh_from_db()
    assert agreement.value == Decimal(6)


# --- Status --------------------------------------------------------------------------------


def test_the_organiser_cancels_reopens_and_signs_an_agreement(organiser_client, agreement) -> None:
    url = _status_url(agreement)
    response = organiser_client.post(url, {"action": "cancel", "confirm": "on"}, follow=True)
    assert "The agreement is now cancelled." in response.content.decode()
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("cancelled", dt.date(2026, 6, 29))
    # Marking it signed again offers the date it was signed on.
    assert _status_form(response, agreement, "sign")["signed_on"] == ["2026-06-29"]
    response = organiser_client.post(url, {"action": "reopen", "confirm": "on"}, follow=True)
    assert "The agreement is now under negotiation." in _messages(response)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("negotiating", None)
    response = organiser_client.post(
        url, {"action": "sign", "signed_on": "2026-06-30"}, follow=True
    )
    assert "The agreement is now signed." in _messages(response)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("signed", dt.date(2026, 6, 30))
    statuses = [
        entry.changes["status"][1]
        for entry in AuditLogEntry.objects.filter(action="update", object_id=str(agreement.pk))
    ]
    assert sorted(statuses) == ["cancelled", "negotiating", "signed"]


def test_the_page_offers_the_status_changes_that_apply(organiser_client, event) -> None:
    for status, offered in [
        ("negotiating", {"sign", "cancel"}),
        ("signed", {"reopen", "cancel"}),
        ("cancelled", {"sign", "reopen"}),
    ]:
        agreement = AgreementFactory(
            event=event, status=status, signed_on=None if status == "negotiating" else "2026-06-29"
        )
        page = organiser_client.get(_edit_url(agreement)).content.decode()
        shown = {a for a in ("sign", "cancel", "reopen") if f'value="{a}"' in page}
        assert shown == offered, status
        ids = re.findall(r' id="([^"]+)"', page)
        assert len(ids) == len(set(ids)), status  # each label finds its own input


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "reopen", "confirm": "on"}, "This agreement is under negotiation already."),
        ({"action": "delete"}, "This agreement cannot be changed that way."),
    ],
)
def test_a_status_change_that_does_not_apply_says_why_and_changes_nothing(
    organiser_client, event, data, message
) -> None:
    talks = AgreementFactory(event=event, status="negotiating", signed_on=None)
    before = _stored(talks)
    response = organiser_client.post(_status_url(talks), data, follow=True)
    assert response.redirect_chain[-1][0] == _edit_url(talks)
    assert message in _messages(response)
    assert _stored(talks) == before


@pytest.mark.parametrize(
    ("signed_on", "message"),
    [
        ("", "Give the date it was signed."),
        ("2099-01-01", "The signing date cannot be in the future."),
        ("29/06/2026x", "Enter a valid date."),
    ],
)
def test_a_refused_signing_date_is_told_on_the_date_typed(
    organiser_client, event, signed_on, message
) -> None:
    talks = AgreementFactory(event=event, status="negotiating", signed_on=None)
    before = _stored(talks)
    response = organiser_client.post(_status_url(talks), {"action": "sign", "signed_on": signed_on})
    assert response.status_code == 422
    assert response.context["sign_form"].errors["signed_on"] == [message]
    assert not _messages(response)  # on the field, not in a banner above the menu
    assert _status_form(response, talks, "sign")["signed_on"] == [signed_on]
    page = response.content.decode()
    assert page.index(message) > page.index('id="status"')
    assert _stored(talks) == before


@pytest.mark.parametrize("action", ["cancel", "reopen"])
def test_cancelling_or_reopening_is_confirmed_with_a_tick_box(
    organiser_client, event, action
) -> None:
    agreement = AgreementFactory(event=event)
    before = _stored(agreement)
    page = organiser_client.get(_edit_url(agreement))
    form = _status_form(page, agreement, action)
    assert "confirm" not in form  # not ticked beforehand
    assert f'id="{action}_confirm"' in page.content.decode()
    response = organiser_client.post(_status_url(agreement), {**form, "action": [action]})
    assert response.status_code == 422
    assert response.context[f"{action}_form"].errors["confirm"] == ["Tick the box to confirm."]
    assert "Tick the box to confirm." in response.content.decode()
    assert _stored(agreement) == before
    response = organiser_client.post(
        _status_url(agreement), {**form, "action": [action], "confirm": ["on"]}
    )
    assert response.status_code == 302
    assert _stored(agreement)["status"] == {"cancel": "cancelled", "reopen": "negotiating"}[action]


@pytest.mark.parametrize(
    ("status", "signed_on", "removed"),
    [("signed", "2026-06-29", True), ("cancelled", "2026-06-29", True), ("cancelled", None, False)],
)
def test_reopening_says_the_signing_date_is_removed_when_there_is_one(
    organiser_client, event, status, signed_on, removed
) -> None:
    agreement = AgreementFactory(event=event, status=status, signed_on=signed_on)
    page = organiser_client.get(_edit_url(agreement)).content.decode()
    assert "A signing date goes." not in page
    assert ("The signing date is removed." in page) is removed


# --- The meeting it came out of ------------------------------------------------------------


def test_the_page_names_the_meeting_with_its_published_time(organiser_client, event) -> None:
    meeting = MeetingFactory(event=event)
    agreement = AgreementFactory(event=event, meeting=meeting)
    a, b = meeting.participant_a, meeting.participant_b
    page = organiser_client.get(_edit_url(agreement)).content.decode()
    named = page.split('id="meeting"')[1].split("</dd>")[0]
    for person in (a, b):
        assert person.display_name in named
        assert person.organisation.name["en"] in named
        assert reverse("console-participant", args=[event.slug, person.pk]) in named
    assert "not in the published schedule" in named
    assert "accepted" in named
    assert "from a meeting" not in page
    # Placed and published: 27 June 2026, 17:00 in Shanghai.
    slot = SlotFactory(event=event, number=1, start=dt.datetime(2026, 6, 27, 9, 0, tzinfo=dt.UTC))
    schedule_entry_place(
        schedule=schedule_draft_get(event=event),
        meeting=meeting,
        slot=slot,
        table=MeetingTableFactory(event=event, number=1),
    )
    schedule_publish(event=event, by=None)
    Meeting.objects.filter(pk=meeting.pk).update(status="held")
    page = organiser_client.get(_edit_url(agreement)).content.decode()
    named = page.split('id="meeting"')[1].split("</dd>")[0]
    assert "27 Jun 17:00 in the published schedule" in named
    assert "held" in named


# --- Access --------------------------------------------------------------------------------


def _requests(agreement) -> list[tuple[str, str, dict]]:
    return [
        ("get", _edit_url(agreement), {}),
        ("post", _edit_url(agreement), FORM | {"title_en": "Changed"}),
        ("post", _status_url(agreement), {"action": "cancel"}),
    ]


def test_anonymous_visitors_go_to_the_login_page(client, agreement) -> None:
    before = _stored(agreement)
    for method, url, data in _requests(agreement):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    assert _stored(agreement) == before


@pytest.mark.parametrize("who", ["delegate_client", "foreign_organiser_client"])
def test_delegates_and_other_events_organisers_are_refused(request, agreement, who) -> None:
    client = request.getfixturevalue(who)
    before = _stored(agreement)
    for method, url, data in _requests(agreement):
        assert getattr(client, method)(url, data).status_code == 403, url
    assert _stored(agreement) == before


def test_another_events_agreement_is_not_found(organiser_client, event, other_event) -> None:
    foreign = AgreementFactory(event=other_event)
    before = _stored(foreign)
    for method, url, data in _requests(foreign):
        url = url.replace(f"/{other_event.slug}/", f"/{event.slug}/")
        assert getattr(organiser_client, method)(url, data).status_code == 404, url
    assert _stored(foreign) == before


def test_the_pages_answer_only_the_methods_they_serve(organiser_client, agreement) -> None:
    assert organiser_client.put(_edit_url(agreement)).status_code == 405
    assert organiser_client.get(_status_url(agreement)).status_code == 405
    assert _stored(agreement)["status"] == "signed"


def test_the_status_changes_only_by_post_with_the_csrf_token(organiser, agreement) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser.user)
    assert client.get(_status_url(agreement)).status_code == 405
    assert client.post(_status_url(agreement), {"action": "cancel"}).status_code == 403
    assert client.post(_edit_url(agreement), FORM | {"title_en": "x"}).status_code == 403
    assert _stored(agreement)["status"] == "signed"
    assert b"csrfmiddlewaretoken" in client.get(_edit_url(agreement)).content
