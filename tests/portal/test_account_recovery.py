"""Accounts a participants import created (no password yet): password reset, invitations.

Also the password rules with the e-mail address, and the throttle on reset e-mails.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

from keruen.common.errors import Conflict
from keruen.people.models import Participant, User
from keruen.people.services import invitation_accept, invitation_create, user_create
from tests.factories import PASSWORD, EventFactory, OrganisationFactory, UserFactory

NEW_PASSWORD = "a-long-enough-secret-42"


@pytest.fixture
def event(db):
    return EventFactory(coming=True)


@pytest.fixture
def imported(db):
    """An account as the participants import makes it: no usable password."""
    return user_create(email="erlan@example.org", password=None)


def _page(response) -> str:
    """The page without its CSRF token, which differs on every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _reset_link(message) -> str:
    line = next(line for line in message.body.splitlines() if "/password-reset/" in line)
    return line.split("testserver", 1)[1].strip()


def _logs_in(email: str, password: str) -> bool:
    response = Client().post("/accounts/login/", {"username": email, "password": password})
    return response.status_code == 302


# --- Password reset -------------------------------------------------------------------------


def test_an_imported_delegate_chooses_a_password_by_the_reset_link(imported, mailoutbox) -> None:
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "Erlan@Example.org"})
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["erlan@example.org"]]
    form_url = client.get(_reset_link(mailoutbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert _logs_in("erlan@example.org", NEW_PASSWORD)


def test_a_deactivated_account_gets_no_reset_link(imported, mailoutbox) -> None:
    User.objects.filter(pk=imported.pk).update(is_active=False)
    Client().post("/accounts/password-reset/", {"email": imported.email})
    assert mailoutbox == []


@override_settings(PASSWORD_RESET_LIMIT=2)
def test_reset_emails_to_one_address_are_limited(db, mailoutbox) -> None:
    user = UserFactory()
    pages = []
    for _ in range(3):
        response = Client().post("/accounts/password-reset/", {"email": user.email}, follow=True)
        pages.append(_page(response))
    assert len(mailoutbox) == 2
    # Refused or not, and whether the address has an account or not, the same page follows.
    unknown = Client().post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert unknown.url == "/accounts/password-reset/sent/"
    assert pages[0] == pages[2] == _page(Client().get(unknown.url))


@override_settings(PASSWORD_RESET_LIMIT=3, PASSWORD_RESET_ADDRESS_LIMIT=2)
def test_reset_emails_from_one_address_are_limited(db, mailoutbox) -> None:
    users = UserFactory.create_batch(3)
    for user in users:
        Client().post("/accounts/password-reset/", {"email": user.email})
    assert len(mailoutbox) == 2
    Client(REMOTE_ADDR="198.51.100.7").post("/accounts/password-reset/", {"email": users[2].email})
    assert len(mailoutbox) == 3


# --- Invitations ------------------------------------------------------------------------------


@pytest.fixture
def invitation(event):
    return invitation_create(
        event=event, email="Erlan@Example.org", organisation=OrganisationFactory(event=event)
    )


def _url(invitation) -> str:
    return f"/{invitation.event.slug}/me/invitation/{invitation.token}/"


def test_an_imported_delegate_accepts_an_invitation_with_a_new_password(
    imported, invitation
) -> None:
    client = Client()
    page = client.get(_url(invitation)).content.decode()
    assert 'name="password1"' in page  # not "log in first": they have nothing to log in with
    data = {"given_name": "Erlan", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post(_url(invitation), data)
    assert response.status_code == 302
    participant = Participant.objects.get(user=imported)
    assert participant.status == Participant.Status.APPROVED
    assert client.get(f"/{invitation.event.slug}/me/profile/").status_code == 200  # logged in
    assert _logs_in("erlan@example.org", NEW_PASSWORD)


def test_a_deactivated_imported_account_cannot_take_the_invitation(imported, invitation) -> None:
    User.objects.filter(pk=imported.pk).update(is_active=False)
    data = {"given_name": "Erlan", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = Client().post(_url(invitation), data)
    assert response.status_code == 200
    assert not Participant.objects.exists()
    imported.refresh_from_db()
    assert not imported.has_usable_password()


def test_an_invitation_does_not_replace_an_existing_password(invitation) -> None:
    user = UserFactory(email="erlan@example.org")
    with pytest.raises(Conflict):
        invitation_accept(invitation=invitation, user=user, given_name="X", password="x-Y-z-1234")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not Participant.objects.exists()


# --- The password rules know the e-mail address --------------------------------------------


def test_an_invitation_password_equal_to_the_email_is_refused(invitation) -> None:
    data = {
        "given_name": "Erlan",
        "password1": "Erlan@Example.org",
        "password2": "Erlan@Example.org",
    }
    response = Client().post(_url(invitation), data)
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()


def test_a_sign_up_password_equal_to_the_email_is_refused(event) -> None:
    data = {
        "email": "Dana.Serikova@Example.org",
        "password1": "dana.serikova@example.org",
        "password2": "dana.serikova@example.org",
        "given_name": "Dana",
        "organisation_name": "Steppe Grain LLP",
        "country": "KZ",
        "role": "business",
        "language": "en",
    }
    response = Client().post(f"/{event.slug}/me/register/", data)
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()
