"""The suggestions page, the correction buttons and the catalogue search box."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.matchmaking import services
from keruen.matchmaking.models import SuggestionFeedback
from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory
from tests.matchmaking.conftest import GRAIN_OFFER, GRAIN_REQUEST, delegate


@pytest.fixture
def pair(event, words):
    buyer = delegate(event, org_name="Kazakh Grain", opportunities=[GRAIN_REQUEST])
    maker = delegate(event, org_name="Silo Works", country="CN", opportunities=[GRAIN_OFFER])
    return buyer, maker


def suggestions_url(event):
    return reverse("suggestion-list", args=[event.slug])


def feedback_url(event):
    return reverse("suggestion-feedback", args=[event.slug])


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    response = client.get(suggestions_url(event))
    assert response.status_code == 302
    assert "login" in response["Location"]
    response = client.post(feedback_url(event), {"organisation": "1", "kind": "competitor"})
    assert response.status_code == 302


def test_users_who_are_not_approved_delegates_get_403(client, event):
    client.force_login(UserFactory())
    assert client.get(suggestions_url(event)).status_code == 403
    pending = ParticipantFactory(event=event, status="pending")
    client.force_login(pending.user)
    assert client.get(suggestions_url(event)).status_code == 403


@pytest.mark.usefixtures("requests_open")
def test_page_lists_partners_with_reasons_and_buttons(client, pair):
    buyer, maker = pair
    client.force_login(buyer.user)
    response = client.get(suggestions_url(buyer.event))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Silo Works" in html
    # One offer in the event: it cannot be said to stand out, so it only "comes closest".
    assert (
        "Their only offer, “Steel grain silos”, comes closest to your request "
        "“Grain storage silos”." in html
    )
    assert f"/me/requests/new/?to={maker.pk}" in html
    for kind in SuggestionFeedback.Kind.values:
        assert f'value="{kind}"' in html


def test_correction_button_changes_the_list(client, pair):
    buyer, maker = pair
    client.force_login(buyer.user)
    response = client.post(
        feedback_url(buyer.event), {"organisation": maker.organisation_id, "kind": "competitor"}
    )
    assert response.status_code == 302
    assert SuggestionFeedback.objects.get().kind == "competitor"
    html = client.get(suggestions_url(buyer.event)).content.decode()
    assert "Steel grain silos" not in html
    assert "Undo" in html
    client.post(feedback_url(buyer.event), {"organisation": maker.organisation_id, "kind": "clear"})
    assert not SuggestionFeedback.objects.exists()


def _notice(html: str) -> str:
    """The box above the list saying what the last click recorded ("" if none)."""
    if 'role="status"' not in html:
        return ""
    return html.split('role="status"')[1].split("</li>")[0]


def test_a_correction_names_the_organisation_and_is_undone_in_one_click(client, pair):
    """Before, a click removed a partner and said only "Thank you", with no way back but the
    table at the bottom of the page."""
    buyer, maker = pair
    client.force_login(buyer.user)
    url = feedback_url(buyer.event)
    response = client.post(
        url, {"organisation": maker.organisation_id, "kind": "competitor"}, follow=True
    )
    html = response.content.decode()
    notice = _notice(html)
    assert (
        "“Silo Works” is marked as a competitor: you are no longer suggested to each other."
        in notice
    )
    assert f'name="organisation" value="{maker.organisation_id}"' in notice
    assert 'name="kind" value="clear"' in notice
    assert 'name="undo" value="1"' in notice
    assert "Thank you" not in html
    assert "Steel grain silos" not in html
    # Said once: the page seen again has no notice.
    assert _notice(client.get(suggestions_url(buyer.event)).content.decode()) == ""

    response = client.post(
        url, {"organisation": maker.organisation_id, "kind": "clear", "undo": "1"}, follow=True
    )
    html = response.content.decode()
    assert not SuggestionFeedback.objects.exists()
    assert "Your correction about “Silo Works” was withdrawn." in html
    assert "Steel grain silos" in html  # suggested again


def test_undo_brings_back_the_correction_it_replaced(client, pair):
    buyer, maker = pair
    client.force_login(buyer.user)
    url = feedback_url(buyer.event)
    organisation = maker.organisation_id
    client.post(url, {"organisation": organisation, "kind": "met_before"})
    html = client.post(
        url, {"organisation": organisation, "kind": "not_interested"}, follow=True
    ).content.decode()
    notice = _notice(html)
    assert "“Silo Works” is marked “not interested”: it is no longer suggested to you." in notice
    assert 'name="kind" value="met_before"' in notice
    html = client.post(
        url, {"organisation": organisation, "kind": "met_before", "undo": "1"}, follow=True
    ).content.decode()
    assert SuggestionFeedback.objects.get().kind == "met_before"
    assert "Undone: “Silo Works” is marked “met before” again." in html
    assert _notice(html) == ""  # an undo is not undone in turn
    # The same button again changes nothing, and says so.
    html = client.post(
        url, {"organisation": organisation, "kind": "met_before"}, follow=True
    ).content.decode()
    assert "“Silo Works” was already marked “met before”." in html
    assert _notice(html) == ""


def test_no_undo_for_a_correction_withdrawn_meanwhile(client, pair):
    """Withdrawn in another tab before the list came back: nothing is left to undo."""
    buyer, maker = pair
    client.force_login(buyer.user)
    client.post(
        feedback_url(buyer.event), {"organisation": maker.organisation_id, "kind": "competitor"}
    )
    SuggestionFeedback.objects.all().delete()
    assert _notice(client.get(suggestions_url(buyer.event)).content.decode()) == ""


def test_bad_correction_changes_nothing(client, pair, other_event):
    buyer, maker = pair
    client.force_login(buyer.user)
    url = feedback_url(buyer.event)
    response = client.post(url, {"organisation": maker.organisation_id, "kind": "enemy"})
    assert response.status_code == 422
    assert client.post(url, {"organisation": "x", "kind": "competitor"}).status_code == 422
    foreign = OrganisationFactory(event=other_event)
    assert client.post(url, {"organisation": foreign.pk, "kind": "competitor"}).status_code == 404
    assert client.get(url).status_code == 405
    assert not SuggestionFeedback.objects.exists()


def test_suggestions_page_query_count(client, event, words, django_assert_max_num_queries):
    viewer = delegate(event, org_name="Viewer", opportunities=[GRAIN_REQUEST])
    others = [
        delegate(event, org_name=f"Maker {i}", opportunities=[GRAIN_OFFER, GRAIN_REQUEST])
        for i in range(12)
    ]
    services.suggestion_feedback_set(
        participant=viewer, organisation=others[0].organisation, kind="met_before"
    )
    services.event_embeddings_refresh(event=event)
    client.force_login(viewer.user)
    with django_assert_max_num_queries(16):
        response = client.get(suggestions_url(event))
    assert response.status_code == 200
    assert response.content.decode().count('class="card suggestion"') == 12


def test_search_falls_back_to_substrings_without_vectors(client, event, words):
    delegate(event, org_name="Silo Works", opportunities=[GRAIN_OFFER])
    response = client.get(reverse("opportunity-list", args=[event.slug]), {"q": "turnkey"})
    assert "Steel grain silos" in response.content.decode()
    response = client.get(reverse("opportunity-list", args=[event.slug]), {"q": "tractor"})
    assert "Steel grain silos" not in response.content.decode()
    assert words.encoded == []  # no stored vectors: the model is never asked


def test_semantic_search_keeps_the_filters_and_the_event(client, event, other_event, words):
    delegate(event, org_name="Silo Works", opportunities=[GRAIN_OFFER])
    delegate(event, org_name="Silo Buyer", opportunities=[GRAIN_REQUEST])
    for i in range(6):
        delegate(
            event,
            org_name=f"Noise {i}",
            opportunities=[("offer", "en", f"Topic {i}", f"unrelated words number {i}")],
        )
    delegate(other_event, org_name="Foreign Silos", opportunities=[GRAIN_OFFER])
    services.event_embeddings_refresh(event=event)
    services.event_embeddings_refresh(event=other_event)
    url = reverse("opportunity-list", args=[event.slug])
    html = client.get(url, {"q": "silos storage grain"}).content.decode()
    assert "Steel grain silos" in html
    assert "Grain storage silos" in html
    assert "Topic 1" not in html
    assert "Foreign Silos" not in html
    html = client.get(url, {"q": "silos storage grain", "direction": "request"}).content.decode()
    assert "Grain storage silos" in html
    assert "Steel grain silos" not in html
    html = client.get(
        reverse("organisation-list", args=[event.slug]), {"q": "silos storage grain"}
    ).content.decode()
    assert "Silo Works" in html
    assert "Noise 1" not in html
    assert "Foreign Silos" not in html


def test_search_query_count(client, event, words, django_assert_max_num_queries):
    for i in range(5):
        delegate(event, org_name=f"Maker {i}", opportunities=[GRAIN_OFFER])
        delegate(
            event,
            org_name=f"Noise {i}",
            opportunities=[("offer", "en", f"Topic {i}", f"unrelated words number {i}")],
        )
    services.event_embeddings_refresh(event=event)
    for name in ("opportunity-list", "organisation-list"):
        url = reverse(name, args=[event.slug])
        client.get(url, {"q": "silos storage grain"})  # warms the per-process vector cache
        with django_assert_max_num_queries(8):
            response = client.get(url, {"q": "silos storage grain"})
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("Steel grain silos" if name == "opportunity-list" else "Maker ") == 5
        assert "Noise" not in html


def test_once_the_event_is_over_the_page_says_requests_are_closed(client, pair):
    """The factory's event took place in June 2026: the suggestions stay, the buttons go."""
    buyer, maker = pair
    client.force_login(buyer.user)
    html = client.get(suggestions_url(buyer.event)).content.decode()
    assert "Silo Works" in html
    assert "The event has taken place: meeting requests are closed." in html
    assert f"/me/requests/new/?to={maker.pk}" not in html


@pytest.mark.parametrize("language", ["en", "ru", "kk", "zh-hans"])
def test_a_name_with_its_own_quotation_marks_is_not_quoted_twice(client, event, words, language):
    buyer = delegate(event, org_name="Kazakh Grain", opportunities=[GRAIN_REQUEST])
    maker = delegate(event, org_name="ОсОО «Тенир-Агро»", opportunities=[GRAIN_OFFER])
    client.force_login(buyer.user)
    client.cookies["django_language"] = language
    url = feedback_url(event)
    organisation = maker.organisation_id
    said = [
        _notice(
            client.post(
                url, {"organisation": organisation, "kind": kind}, follow=True
            ).content.decode()
        )
        for kind in ("competitor", "not_interested")
    ]
    html = client.post(
        url, {"organisation": organisation, "kind": "competitor", "undo": "1"}, follow=True
    ).content.decode()
    said.append(html.split('class="messages"')[1].split("</ul>")[0])
    html = client.post(
        url, {"organisation": organisation, "kind": "clear", "undo": "1"}, follow=True
    ).content.decode()
    said.append(html.split('class="messages"')[1].split("</ul>")[0])
    for text in said:
        assert "ОсОО «Тенир-Агро»" in text, text
        for doubled in ("««", "»»", "«ОсОО", "“ОсОО", "»”", "»»"):
            assert doubled not in text, text


def test_a_name_without_quotation_marks_takes_the_readers_own(client, pair):
    buyer, maker = pair
    client.force_login(buyer.user)
    client.cookies["django_language"] = "ru"
    html = client.post(
        feedback_url(buyer.event),
        {"organisation": maker.organisation_id, "kind": "clear"},
        follow=True,
    ).content.decode()
    assert "«Silo Works»" in html


def test_a_correction_cannot_name_an_organisation_the_catalogue_hides(client, pair):
    """Its name is whatever a pending sign-up typed: the page must not quote it back."""
    from keruen.people.models import Participant
    from tests.factories import ParticipantFactory

    buyer, _ = pair
    pending = ParticipantFactory(event=buyer.event, status=Participant.Status.PENDING)
    client.force_login(buyer.user)
    for kind in ("competitor", "clear"):
        response = client.post(
            feedback_url(buyer.event), {"organisation": pending.organisation_id, "kind": kind}
        )
        assert response.status_code == 404
        for name in pending.organisation.name.values():
            assert name not in response.content.decode()
    assert not SuggestionFeedback.objects.exists()
