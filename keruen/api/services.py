"""Writes about API tokens: make one (the key is returned once), revoke, record use."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from keruen.api.models import ApiToken
from keruen.common.errors import ValidationFailed
from keruen.people.models import User

KEY_PREFIX = "kru_"
# Recording every request would turn each read into a write; once a minute is enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def api_key_hash(key: str) -> str:
    """The stored form of a key: its SHA-256 digest in hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_create(
    *, user: User, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns the token and its key (shown once, never stored)."""
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the token a name."), field="name")
    if len(name) > 100:
        raise ValidationFailed(_("The name is longer than 100 characters."), field="name")
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationFailed(_("The expiry date is in the past."), field="expires_at")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[: len(KEY_PREFIX) + 4],
        key_hash=api_key_hash(key),
        expires_at=expires_at,
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    """Delete a token: its key stops working at once."""
    token.delete()


def api_token_touch(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Record that the token was used (at most once per LAST_USED_PRECISION)."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # A plain UPDATE: no audit entry and no race with a concurrent revoke.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
