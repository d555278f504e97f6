"""Log-in by e-mail address, with throttling of failed attempts.

Failures are counted per e-mail address and per client address in the cache; past
``LOGIN_FAILURE_LIMIT`` failures within ``LOGIN_FAILURE_WINDOW_S`` seconds, further attempts
are refused without checking the password (so guessing gains nothing) until the window
passes. Passwords are never logged.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{kind}:{digest}"


def _keys(request: HttpRequest | None, email: str) -> list[str]:
    keys = [_key("email", email)]
    if request is not None and request.META.get("REMOTE_ADDR"):
        keys.append(_key("ip", request.META["REMOTE_ADDR"]))
    return keys


def login_is_throttled(request: HttpRequest | None, email: str) -> bool:
    limit = settings.LOGIN_FAILURE_LIMIT
    return any((cache.get(key) or 0) >= limit for key in _keys(request, email))


def record_login_failure(request: HttpRequest | None, email: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_S
    for key in _keys(request, email):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def clear_login_failures(request: HttpRequest | None, email: str) -> None:
    cache.delete_many(_keys(request, email)[:1])


class EmailBackend(ModelBackend):
    """Authenticates with e-mail + password; refuses while throttled."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        email = kwargs.get("email") or username
        if not email or password is None:
            return None
        if login_is_throttled(request, email):
            raise PermissionDenied("Too many failed log-in attempts; try again later.")
        user = super().authenticate(request, username=email.strip().lower(), password=password)
        if user is None:
            record_login_failure(request, email)
        else:
            clear_login_failures(request, email)
        return user
