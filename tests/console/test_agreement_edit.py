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
from keruen.people.models import Participant
from tests.factories import AgreementFactory, OrganisationFactory, ParticipantFactory
from tests.html_forms import read_form

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
    assert data["value"] == ["1000000.00"]
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
    assert response["Location"] == reverse("console-agreements", args=[agreement.event.slug])
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
    page = organiser_client.get(reverse("console-agreements", args=[agreement.event.slug]))
    assert "The agreement is updated." in page.content.decode()


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


def test_a_date_for_an_agreement_under_negotiation_points_to_signing_it(
    organiser_client, event
) -> None:
    talks = AgreementFactory(event=event, status="negotiating", signed_on=None)
    response = organiser_client.post(_edit_url(talks), FORM)
    assert response.status_code == 422
    assert "mark it as signed" in response.context["form"].errors["signed_on"][0]
    assert "Mark as signed" in response.content.decode()
    talks.refresh_from_db()
    assert (talks.status, talks.signed_on) == ("negotiating", None)


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
    response = organiser_client.post(url, {"action": "cancel"}, follow=True)
    assert "The agreement is now cancelled." in response.content.decode()
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == ("cancelled", dt.date(2026, 6, 29))
    response = organiser_client.post(url, {"action": "reopen"}, follow=True)
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
        ({"action": "sign", "signed_on": ""}, "Give the date it was signed."),
        (
            {"action": "sign", "signed_on": "2099-01-01"},
            "The signing date cannot be in the future.",
        ),
        ({"action": "reopen", "signed_on": ""}, None),
        ({"action": "delete"}, "This agreement cannot be changed that way."),
    ],
)
def test_a_refused_status_change_says_why_and_changes_nothing(
    organiser_client, event, data, message
) -> None:
    talks = AgreementFactory(event=event, status="negotiating", signed_on=None)
    before = _stored(talks)
    response = organiser_client.post(_status_url(talks), data, follow=True)
    assert response.redirect_chain[-1][0] == _edit_url(talks)
    expected = message or "This agreement is under negotiation already."
    assert expected in _messages(response)
    assert _stored(talks) == before


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
