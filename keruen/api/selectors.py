"""Reads about API tokens."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from keruen.api.models import ApiToken
from keruen.api.services import api_key_hash


def api_token_for_key(*, key: str) -> ApiToken | None:
    """The live token of an active user with this key, or None (unknown, expired, inactive).

    The lookup goes by the key's digest, so the key itself is never compared or stored.
    """
    if not key or len(key) > 200:
        return None
    return (
        ApiToken.objects.filter(key_hash=api_key_hash(key), user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .select_related("user")
        .first()
    )
