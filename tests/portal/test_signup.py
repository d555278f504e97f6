"""Open registration, invitations, the interface language and password reset."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from keruen.people.models import Invitation, Organisation, Participant, User
from keruen.people.services import invitation_create
from tests.factories import (
    PASSWORD,
    EventFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.portal.conftest import client_for


@pytest.fixture
def event(db):
    """An edition still ahead: one that has taken place takes no registration."""
    return EventFactory(coming=True)


@pytest.fixture
def other_event(db):
    return EventFactory(coming=True)


GOOD = {
    "email": "Dana@Example.org",
    "password1": "a-long-enough-secret-42",
    "password2": "a-long-enough-secret-42",
    "given_name": "Dana",
    "family_name": "Serikova",
    "organisation_name": "Steppe Grain LLP",
    "country": "KZ",
    "role": "business",
    "language": "kk",
}


def test_open_registration_creates_a_pending_delegate(event) -> None:
    client = Client()
    response = client.post(f"/{event.slug}/me/register/", GOOD)
    assert response.status_code == 302
    participant = Participant.objects.get(event=event, user__email="dana@example.org")
    assert participant.status == Participant.Status.PENDING
    assert participant.organisation.name == {"en": "Steppe Grain LLP"}
    assert participant.organisation.event == event
    assert participant.feed_token
    assert participant.user.language == "kk"
    # Logged in, in their language, and told to wait for approval.
    assert response.cookies["django_language"].value == "kk"
    client.cookies["django_language"] = "en"
    assert "waiting for the organisers" in client.get(f"/{event.slug}/me/").content.decode()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"password2": "something-else-42"}, "password2"),
        ({"password1": "short", "password2": "short"}, "password1"),
        ({"country": "XX"}, "country"),
        ({"email": "not-an-address"}, "email"),
        ({"organisation_name": ""}, "organisation_name"),
        ({"role": "organiser"}, "role"),
    ],
)
def test_bad_registration_names_the_field_and_changes_nothing(event, change, field) -> None:
    response = Client().post(f"/{event.slug}/me/register/", {**GOOD, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="field-{field}"' in response.content.decode()
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_registration_with_a_taken_email_is_refused(event) -> None:
    UserFactory(email="dana@example.org")
    response = Client().post(f"/{event.slug}/me/register/", GOOD)
    assert "email" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_logged_in_user_registers_without_account_fields(event, other_event, alice) -> None:
    client = client_for(alice)  # alice is registered at `event`, not at `other_event`
    data = {key: GOOD[key] for key in ("given_name", "organisation_name", "country", "role")}
    assert client.post(f"/{other_event.slug}/me/register/", data).status_code == 302
    assert Participant.objects.get(event=other_event, user=alice.user).status == "pending"


def test_registration_closed(event) -> None:
    event.registration_open = False
    event.save()
    response = Client().post(f"/{event.slug}/me/register/", GOOD)
    assert response.status_code == 403
    assert not User.objects.exists()


def test_an_event_that_has_taken_place_takes_no_registration(event) -> None:
    # The organisers never switched registration off; the event ended yesterday on its clock.
    yesterday = timezone.now().astimezone(event.tz).date() - dt.timedelta(days=1)
    event.start_date = yesterday - dt.timedelta(days=3)
    event.end_date = yesterday
    event.save()
    assert event.registration_open
    assert not event.accepts_registrations
    client = Client()
    response = client.post(f"/{event.slug}/me/register/", GOOD)
    assert response.status_code == 403
    assert "This event has taken place: registration is closed." in response.text
    assert not User.objects.exists()
    home = client.get(f"/{event.slug}/me/")
    assert f"/{event.slug}/me/register/" not in home.text
    api = client.get(f"/api/v1/events/{event.slug}")
    assert api.json()["registration_open"] is False
    # Someone with an account but no registration there is told why, not only "closed".
    visitor = Client()
    visitor.force_login(UserFactory())
    page = visitor.get(f"/{event.slug}/me/").text
    assert "This event has taken place: registration is closed." in page


def test_an_event_ending_today_still_takes_registrations(event) -> None:
    today = timezone.now().astimezone(event.tz).date()
    event.start_date = today - dt.timedelta(days=2)
    event.end_date = today
    event.save()
    assert event.accepts_registrations
    assert f"/{event.slug}/me/register/" in Client().get(f"/{event.slug}/me/").text


@pytest.fixture
def invitation(event):
    organisation = OrganisationFactory(event=event)
    return invitation_create(
        event=event, email="Erlan@Example.org", organisation=organisation, role="expert"
    )


def test_invitation_makes_an_approved_member_of_the_organisation(event, invitation) -> None:
    url = f"/{event.slug}/me/invitation/{invitation.token}/"
    client = Client()
    assert client.get(url).status_code == 200
    data = {"given_name": "Erlan", "password1": GOOD["password1"], "password2": GOOD["password1"]}
    assert client.post(url, data).status_code == 302
    participant = Participant.objects.get(user__email="erlan@example.org")
    assert (participant.status, participant.role) == ("approved", "expert")
    assert participant.organisation == invitation.organisation
    # Used once: the link is dead now.
    assert Client().get(url).status_code == 404
    assert client.get(f"/{event.slug}/me/profile/").status_code == 200


def test_invitation_expired_or_of_another_event_is_404(event, other_event, invitation) -> None:
    assert Client().get(f"/{other_event.slug}/me/invitation/{invitation.token}/").status_code == 404
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert Client().get(f"/{event.slug}/me/invitation/{invitation.token}/").status_code == 404


def test_invitation_for_an_existing_account_needs_that_login(event, invitation, alice) -> None:
    user = UserFactory(email="erlan@example.org")
    url = f"/{event.slug}/me/invitation/{invitation.token}/"
    assert "log in" in Client().get(url).content.decode().lower()
    # Logged in as someone else: refused, nothing created.
    response = client_for(alice).post(url, {"given_name": "X"})
    assert not Participant.objects.filter(user=user).exists()
    assert "Log out" in response.content.decode()
    client = Client()
    client.force_login(user)
    assert client.post(url, {"given_name": "Erlan"}).status_code == 302
    assert Participant.objects.get(user=user).status == "approved"


def test_language_preference_is_saved_and_applied(event, alice) -> None:
    client = client_for(alice)
    response = client.post(f"/{event.slug}/me/language/", {"language": "ru"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ru"
    alice.user.refresh_from_db()
    assert alice.user.language == "ru"
    response = client.post(f"/{event.slug}/me/language/", {"language": "xx"})
    assert "language" in response.context["form"].errors
    alice.user.refresh_from_db()
    assert alice.user.language == "ru"


@pytest.mark.urls("tests.portal.urls")
def test_login_applies_the_saved_language(event, alice) -> None:
    alice.user.language = "zh-hans"
    alice.user.save()
    response = Client().post(
        "/accounts/login/", {"username": alice.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "zh-hans"


@pytest.mark.urls("tests.portal.urls")
def test_password_reset_round_trip(event, alice, mailoutbox) -> None:
    client = Client()
    assert "password-reset" in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/password-reset/", {"email": alice.user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "another-long-secret-77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.check_password(new)


def test_after_logging_in_a_delegate_lands_on_their_coming_expo(event, alice) -> None:
    """Not on the list of every event: the portal of the nearest coming one, the console
    for its organisers, the latest held one when none is coming; ``next`` still wins."""
    from tests.factories import ParticipantFactory

    def landing(user, **extra: str) -> str:
        response = Client().post(
            "/accounts/login/", {"username": user.email, "password": PASSWORD, **extra}
        )
        assert response.status_code == 302
        return response["Location"]

    assert landing(alice.user) == f"/{event.slug}/me/"
    later = EventFactory(coming=True, start_date=event.start_date.replace(year=2031))
    ParticipantFactory(event=later, user=alice.user, role="organiser")
    assert landing(alice.user) == f"/{event.slug}/me/"  # the nearest first
    assert landing(alice.user, next=f"/{later.slug}/") == f"/{later.slug}/"
    organiser = ParticipantFactory(event=later, role="organiser")
    assert landing(organiser.user) == f"/{later.slug}/console/"
    held = ParticipantFactory(event=EventFactory())  # June 2026, and nothing coming
    assert landing(held.user) == f"/{held.event.slug}/me/"
    assert landing(UserFactory()) == "/"


def test_a_sign_ups_organisation_is_public_only_once_a_delegate_is_approved(event) -> None:
    """Its name is whatever the form was given: a spam sign-up deleted by the organisers must
    not leave it on the public site."""
    from keruen.people.selectors import public_organisations

    Client().post(f"/{event.slug}/me/register/", {**GOOD, "organisation_name": "玉门粮油有限公司"})
    participant = Participant.objects.get(event=event)
    organisation = participant.organisation
    assert organisation.name == {"zh-hans": "玉门粮油有限公司"}  # by its script
    assert organisation.from_sign_up
    assert not public_organisations(event=event).filter(pk=organisation.pk).exists()
    participant.delete()
    assert not public_organisations(event=event).filter(pk=organisation.pk).exists()
    assert Client().get(f"/{event.slug}/organisations/{organisation.pk}/").status_code == 404
    # Approved, it is shown; entered by the organisers, it is shown with no delegate at all.
    approved = ParticipantFactory(
        event=event, organisation=organisation, status=Participant.Status.APPROVED
    )
    assert public_organisations(event=event).filter(pk=approved.organisation_id).exists()
    entered = OrganisationFactory(event=event)
    assert public_organisations(event=event).filter(pk=entered.pk).exists()


def test_the_role_offered_first_is_business(event) -> None:
    """Most who sign up come for business: the form must not start at "government official"."""
    page = Client().get(f"/{event.slug}/me/register/").content.decode()
    assert '<option value="business" selected>' in page
