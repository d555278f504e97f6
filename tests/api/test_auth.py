"""Tokens: stored as a hash, shown once, bearer authentication, expiry, the command."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from keruen.api.models import ApiToken
from keruen.api.services import api_token_create, api_token_revoke
from keruen.common.errors import ValidationFailed
from tests.api.conftest import key_for
from tests.factories import ParticipantFactory, UserFactory


def test_token_create_stores_only_a_hash_of_the_key(db):
    user = UserFactory()
    token, key = api_token_create(user=user, name="CRM sync")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.key_hash, stored.prefix, stored.name}
    assert key.startswith(stored.prefix)
    assert len(key) > 40


@pytest.mark.parametrize(
    ("name", "expires_in", "field"),
    [("  ", None, "name"), ("x" * 101, None, "name"), ("ok", -1, "expires_at")],
)
def test_token_create_refuses_bad_input(db, name, expires_in, field):
    user = UserFactory()
    expires_at = None if expires_in is None else timezone.now() + dt.timedelta(days=expires_in)
    with pytest.raises(ValidationFailed) as caught:
        api_token_create(user=user, name=name, expires_at=expires_at)
    assert caught.value.field == field
    assert not ApiToken.objects.exists()


def test_command_prints_the_key_once(db):
    user = UserFactory()
    out = StringIO()
    call_command("api_token_create", user.email, "--name", "script", "--days", "30", stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.expires_at > timezone.now() + dt.timedelta(days=29)


def test_command_refuses_unknown_user(db):
    with pytest.raises(CommandError, match="No account"):
        call_command("api_token_create", "nobody@example.org", "--name", "x")


def test_valid_token_authenticates_and_records_use(api, event):
    me = ParticipantFactory(event=event)
    key = key_for(me)
    reply = api.get(f"/events/{event.slug}/me", key=key)
    assert reply.status == 200
    assert reply.body["id"] == me.pk
    assert ApiToken.objects.get(user=me.user).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer nonsense", "Token abc", "Basic dXNlcjpwdw=="],
)
def test_missing_or_bad_token_is_401(api, event, header):
    ParticipantFactory(event=event)
    headers = {} if header is None else {"Authorization": header}
    response = api.client.get(f"/api/v1/events/{event.slug}/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_expired_revoked_and_inactive_tokens_are_401(api, event):
    me = ParticipantFactory(event=event)
    token, key = api_token_create(user=me.user, name="short")
    url = f"/events/{event.slug}/me"
    assert api.get(url, key=key).status == 200

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert api.get(url, key=key).status == 401

    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
    me.user.is_active = False
    me.user.save()
    assert api.get(url, key=key).status == 401

    me.user.is_active = True
    me.user.save()
    api_token_revoke(token=token)
    assert api.get(url, key=key).status == 401


def test_public_routes_need_no_token(api, event):
    assert api.get("/events").status == 200
    assert api.get(f"/events/{event.slug}/organisations").status == 200
    assert api.get(f"/events/{event.slug}/opportunities").status == 200
