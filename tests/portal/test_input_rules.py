"""What the user audit of the demo expo found the portal's forms let through: a stay decades
away from the event, a phone that is no phone number, a meeting request to a colleague, and
a translation into the language the text is written in, silently dropped."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.marketplace.models import Opportunity
from keruen.meetings.models import MeetingRequest
from tests.factories import DelegationFactory, OpportunityFactory, ParticipantFactory
from tests.portal.test_offers import OFFER
from tests.portal.test_profile import PROFILE

# The event runs 26-30 June 2026: arrivals from 19 June, departures until 7 July.


def _unchanged(participant) -> tuple:
    participant.refresh_from_db()
    return participant.arrives_at, participant.departs_at, participant.phone


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"arrives_at": "1999-01-01T10:00"}, "arrives_at"),
        ({"departs_at": "2040-01-01T10:00"}, "departs_at"),
        ({"arrives_at": "2026-06-18T23:30"}, "arrives_at"),  # eight days early
        ({"arrives_at": "2026-07-01T09:00", "departs_at": "2026-07-02T09:00"}, "arrives_at"),
        ({"departs_at": "2026-06-25T12:00", "arrives_at": "2026-06-20T12:00"}, "departs_at"),
        ({"departs_at": "2026-07-08T08:00"}, "departs_at"),
    ],
)
def test_a_stay_far_from_the_event_is_refused(event, alice, as_alice, change, field) -> None:
    before = _unchanged(alice)
    response = as_alice.post(f"/{event.slug}/me/profile/", {**PROFILE, **change})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _unchanged(alice) == before


def test_a_stay_at_the_edges_of_the_window_is_saved(event, alice, as_alice) -> None:
    page = as_alice.get(f"/{event.slug}/me/profile/").content.decode()
    assert 'min="2026-06-19T00:00"' in page  # the picker offers the accepted days only
    assert 'max="2026-07-07T23:59"' in page
    stay = {"arrives_at": "2026-06-19T00:00", "departs_at": "2026-07-07T23:30"}
    response = as_alice.post(f"/{event.slug}/me/profile/", {**PROFILE, **stay})
    assert response.status_code == 302, response.context["form"].errors
    alice.refresh_from_db()
    assert alice.arrives_at.astimezone(event.tz).day == 19


@pytest.mark.parametrize(
    "phone", ["not a phone ;-) <b>x</b>", "1", "+7 (701 555 0101", "++7 701 555 0101", "call me"]
)
def test_a_phone_that_is_no_phone_number_is_refused(event, alice, as_alice, phone) -> None:
    before = _unchanged(alice)
    response = as_alice.post(f"/{event.slug}/me/profile/", {**PROFILE, "phone": phone})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["phone"]
    assert _unchanged(alice) == before


@pytest.mark.parametrize(
    "phone",
    [
        "+7 (701) 555-01-01",
        "+86 991 555 0102 ext. 12",
        "0991-1234567转8001",
        "+44 (0)20 7946 0958",
        "8 701 555 01 01 доб. 3",
    ],
)
def test_plausible_phone_numbers_are_saved(event, alice, as_alice, phone) -> None:
    response = as_alice.post(f"/{event.slug}/me/profile/", {**PROFILE, "phone": phone})
    assert response.status_code == 302, response.context["form"].errors
    alice.refresh_from_db()
    assert alice.phone == phone


# --- Meeting requests --------------------------------------------------------------------


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_no_request_form_for_a_colleague(event, alice, as_alice, mailoutbox, on_commit) -> None:
    colleague = ParticipantFactory(event=event, organisation=alice.organisation)
    url = f"/{event.slug}/me/requests/new/?to={colleague.pk}"
    page = f"/{event.slug}/me/delegates/{colleague.pk}/"
    response = as_alice.get(url, follow=True)
    assert response.redirect_chain == [(page, 302)]
    assert "works for your own organisation" in response.content.decode()
    assert "Request a meeting with" not in response.content.decode()
    with on_commit():
        response = as_alice.post(url, {"message": "Lunch?"}, follow=True)
    assert response.redirect_chain == [(page, 302)]
    assert "works for your own organisation" in response.content.decode()
    assert not MeetingRequest.objects.exists()
    assert not mailoutbox


@pytest.mark.usefixtures("requests_open")
def test_no_request_to_a_member_of_ones_delegation(event, alice, bob, as_alice) -> None:
    delegation = DelegationFactory(event=event)
    alice.delegation = bob.delegation = delegation
    alice.save()
    bob.save()
    response = as_alice.post(
        f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "Hi"}, follow=True
    )
    assert "member of your own delegation" in response.content.decode()
    assert not MeetingRequest.objects.exists()
    # Another delegation's member may be asked.
    bob.delegation = DelegationFactory(event=event)
    bob.save()
    assert as_alice.get(f"/{event.slug}/me/requests/new/?to={bob.pk}").status_code == 200


# --- A translation into the language the text is written in -----------------------------

WRITTEN_IN_ENGLISH = {
    **OFFER,
    "language": "en",
    "title": "Combine harvesters",
    "body": "Harvesters delivered to Almaty.",
}


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ({"title_en": "Combines", "body_en": "Delivered."}, "title_en"),
        ({"title_en": "", "body_en": "Delivered to Almaty and Astana."}, "body_en"),
    ],
)
def test_a_translation_into_the_written_language_is_refused_not_dropped(
    event, as_alice, typed, field
) -> None:
    response = as_alice.post(f"/{event.slug}/me/offers/new/", {**WRITTEN_IN_ENGLISH, **typed})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert "written in English already" in response.content.decode()
    assert not Opportunity.objects.exists()


def test_switching_the_language_to_a_translations_one_is_refused(event, alice, as_alice) -> None:
    offer = OpportunityFactory(
        organisation=alice.organisation,
        language="ru",
        title="Комбайны",
        body="Комбайны с доставкой.",
        translations={"en": {"title": "Combines", "body": "Combines delivered."}},
        status="draft",
    )
    url = f"/{event.slug}/me/offers/{offer.pk}/edit/"
    form = as_alice.get(url).context["form"]
    data = {**OFFER, **{k: v for k, v in form.initial.items() if isinstance(v, str)}}
    response = as_alice.post(url, {**data, "language": "en"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["title_en"]
    offer.refresh_from_db()
    assert (offer.language, offer.translations["en"]["title"]) == ("ru", "Combines")


def test_the_language_select_tells_the_script_which_translation_to_hide(event, as_alice) -> None:
    page = as_alice.get(f"/{event.slug}/me/offers/new/").content.decode()
    assert 'data-translation-fields="title body"' in page
    assert 'id="field-title_en"' in page
    assert 'id="field-body_en"' in page


def test_an_arrival_moved_past_the_stored_departure_is_an_arrival_problem(
    event, alice, as_alice
) -> None:
    """Only the arrival was changed: the form must point at it, not at the departure."""
    from django.utils import timezone

    departure = timezone.make_aware(dt.datetime(2026, 6, 28, 12, 0), event.tz)
    type(alice).objects.filter(pk=alice.pk).update(departs_at=departure)
    change = {"arrives_at": "2026-06-29T09:00", "departs_at": "2026-06-28T12:00"}
    response = as_alice.post(f"/{event.slug}/me/profile/", {**PROFILE, **change})
    errors = response.context["form"].errors
    assert list(errors) == ["arrives_at"]
    assert errors["arrives_at"] == ["Arrival must be before your departure (28 Jun 2026, 12:00)."]
