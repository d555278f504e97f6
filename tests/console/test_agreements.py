"""The console's agreements page: the list with filters, and recording one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from keruen.agreements.models import Agreement
from tests.factories import AgreementFactory, OrganisationFactory


def _url(event) -> str:
    return reverse("console-agreements", args=[event.slug])


def test_the_organiser_records_an_agreement_between_organisations(organiser_client, event) -> None:
    first, second, third = (OrganisationFactory(event=event) for _ in range(3))
    data = {
        "parties": [first.pk, second.pk, third.pk],
        "kind": "investment",
        "title": "Жаңатастағы жел электр станциясы",
        "sector": "energy",
        "status": "signed",
        "signed_on": "2026-06-28",
        "value": "150000000",
        "currency": "USD",
    }
    response = organiser_client.post(_url(event), data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(event=event)
    assert set(agreement.parties.all()) == {first, second, third}
    assert agreement.title == {"kk": "Жаңатастағы жел электр станциясы"}
    assert agreement.meeting is None
    page = organiser_client.get(_url(event)).content.decode()
    assert "Жаңатастағы жел электр станциясы" in page
    assert "150,000,000" in page


def test_a_bad_agreement_is_refused_on_its_field_and_nothing_is_recorded(
    organiser_client, event, other_event
) -> None:
    mine = OrganisationFactory(event=event)
    foreign = OrganisationFactory(event=other_event)
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    cases = [
        ({"parties": [mine.pk]}, "parties", "at least two parties"),
        ({"parties": [mine.pk, foreign.pk]}, "parties", "Select a valid choice"),
        ({"status": "signed", "signed_on": tomorrow}, "signed_on", "cannot be in the future"),
    ]
    for changes, field, message in cases:
        other = OrganisationFactory(event=event)
        data = {"parties": [mine.pk, other.pk], "kind": "mou", "title": "MoU"}
        data |= {"status": "negotiating", **changes}
        response = organiser_client.post(_url(event), data)
        assert response.status_code == 422, changes
        assert message in " ".join(response.context["form"].errors[field]), changes
    assert not Agreement.objects.exists()


def test_the_list_filters_by_status_kind_and_sector(organiser_client, event, other_event) -> None:
    AgreementFactory(
        event=event, title={"en": "Signed grain contract"}, kind="contract", sector="agriculture"
    )
    AgreementFactory(
        event=event,
        title={"en": "Solar memorandum"},
        kind="mou",
        sector="energy",
        status="negotiating",
        signed_on=None,
    )
    AgreementFactory(event=other_event, title={"en": "Another event's deal"})
    page = organiser_client.get(_url(event)).content.decode()
    assert "Signed grain contract" in page
    assert "Solar memorandum" in page
    assert "Another event" not in page
    for query, shown, hidden in [
        ("?status=negotiating", "Solar memorandum", "Signed grain contract"),
        ("?kind=contract", "Signed grain contract", "Solar memorandum"),
        ("?sector=energy", "Solar memorandum", "Signed grain contract"),
    ]:
        page = organiser_client.get(_url(event) + query).content.decode()
        assert shown in page, query
        assert hidden not in page, query


def test_the_list_needs_no_query_per_agreement(organiser_client, event) -> None:
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert organiser_client.get(_url(event)).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for _ in range(n):
            agreement = AgreementFactory(event=event)
            agreement.parties.set([OrganisationFactory(event=event) for _ in range(2)])

    add(2)
    few = queries()
    add(6)
    assert queries() == few


def _party_options(page: str) -> list[str]:
    picker = page.split('name="parties"')[1].split("</select>")[0]
    return [option.split(">", 1)[1].split("<", 1)[0] for option in picker.split("<option")[1:]]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Almaty University", "“Azerbaijan Cargo”", "China Solar", "Uzbek Cotton"]),
        # Kazakh alphabet: а ә … қ … о ө; code points put Қ before Ә and Ө after both. An
        # opening guillemet counts for nothing.
        ("kk", ["Алматы университеті", "«Әзірбайжан жүктері» ЖШС", "Қытай күн", "Өзбек мақтасы"]),
    ],
)
def test_the_party_picker_lists_organisations_by_name_in_the_readers_language(
    organiser_client, event, language, expected
) -> None:
    for code, en, kk in [
        ("a1", "Uzbek Cotton", "Өзбек мақтасы"),
        ("a2", "“Azerbaijan Cargo”", "«Әзірбайжан жүктері» ЖШС"),
        ("a3", "China Solar", "Қытай күн"),
        ("a4", "Almaty University", "Алматы университеті"),
    ]:
        OrganisationFactory(event=event, code=code, name={"en": en, "kk": kk})
    organiser_client.cookies["django_language"] = language
    page = organiser_client.get(_url(event)).content.decode()
    # (the organiser's own organisation is listed too)
    assert [name for name in _party_options(page) if name in expected] == expected


def test_filters_that_match_nothing_say_so_with_a_way_back(organiser_client, event) -> None:
    AgreementFactory(event=event, kind="contract")
    response = organiser_client.get(_url(event) + "?kind=mou")
    page = response.content.decode()
    assert "No agreement matches these filters." in page
    assert f'<a href="{_url(event)}">Clear the filters</a>' in page
    assert "None recorded yet." not in page


def test_an_event_without_agreements_says_none_is_recorded(organiser_client, event) -> None:
    page = organiser_client.get(_url(event)).content.decode()
    assert "None recorded yet." in page
    assert "No agreement matches" not in page
    assert "nothing to total" not in page


@pytest.mark.parametrize("query", ["?status=bogus", "?kind=treaty", "?sector=shipbuilding"])
def test_a_filter_value_no_select_offers_filters_nothing(organiser_client, event, query) -> None:
    AgreementFactory(event=event, title={"en": "Grain contract"})
    response = organiser_client.get(_url(event) + query)
    assert response.context["filters"] == {"status": "", "kind": "", "sector": ""}
    page = response.content.decode()
    assert "Grain contract" in page  # as the selects say: "all"
    assert " selected>" not in page.split('<form method="get"')[1].split("</form>")[0]


def test_each_row_is_an_anchor(organiser_client, event) -> None:
    rows = [AgreementFactory(event=event) for _ in range(2)]
    page = organiser_client.get(_url(event)).content.decode()
    for row in rows:
        assert f'<tr id="agreement-{row.pk}">' in page
