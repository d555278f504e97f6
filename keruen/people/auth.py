"""Log-in by e-mail address, with throttling of failed attempts and of password-reset e-mails.

Failed log-ins are counted per e-mail address and per client address; past a budget within
its window, further attempts are refused without checking the password (so guessing gains
nothing) until the window passes. The client address gets a budget ten times the e-mail's
(``LOGIN_FAILURE_ADDRESS_LIMIT``): a venue's NAT or an office puts hundreds of delegates
behind one address, and their typos must not lock each other out, while one host trying
many accounts is still slowed. Password-reset e-mails have budgets of their own, so the form
cannot flood an inbox. Passwords are never logged.

Counters live in the ``throttle`` cache and work alike on every backend: a window opens with
an atomic ``add`` of its start, and each event claims a numbered slot with ``add`` that
expires when the window closes. No read-modify-write (``BaseCache.incr``, which the
database cache uses, is one and resets the timeout), so concurrent failures are all counted
and the window keeps its length.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from keruen.common.addresses import client_network

THROTTLE_CACHE = "throttle"


@dataclass(frozen=True)
class Budget:
    """At most ``limit`` events per value of ``scope`` within ``window_s`` seconds."""

    scope: str
    limit: int
    window_s: int


@dataclass(frozen=True)
class _Window:
    key: str  # prefix of the window's slot keys
    ends_at: float  # epoch seconds


def _store() -> BaseCache:
    return caches[THROTTLE_CACHE]


def _anchor_key(budget: Budget, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{budget.scope}:{digest}"


def _window(budget: Budget, value: str, *, open_one: bool) -> _Window | None:
    """The window counting ``value`` now; opened (if none is) when ``open_one``."""
    anchor = _anchor_key(budget, value)
    store = _store()
    for _attempt in range(2):  # the window may close between add and get: then open anew
        if open_one:
            now = time.time()
            # Only the first event of a window opens it; the random tail keeps a new window's
            # slots apart from an old one's stragglers.
            store.add(
                anchor,
                (f"{now:.6f}-{secrets.token_hex(4)}", now + budget.window_s),
                timeout=budget.window_s,
            )
        found = store.get(anchor)
        if found is not None:
            window_id, ends_at = found
            return _Window(key=f"{anchor}:{window_id}", ends_at=ends_at)
        if not open_one:
            return None
    return None


def _slot_keys(window: _Window, budget: Budget) -> list[str]:
    return [f"{window.key}:{number}" for number in range(1, budget.limit + 1)]


def budget_spent(budget: Budget, value: str) -> bool:
    """Whether ``value`` has used all of its budget in the current window."""
    window = _window(budget, value, open_one=False)
    if window is None:
        return False
    return len(_store().get_many(_slot_keys(window, budget))) >= budget.limit


def budget_use(budget: Budget, value: str) -> bool:
    """Count one event for ``value``; False if the budget was spent already."""
    window = _window(budget, value, open_one=True)
    if window is None:  # the cache refuses writes: count nothing rather than fail the page
        return True
    store = _store()
    keys = _slot_keys(window, budget)
    taken = store.get_many(keys)
    timeout = max(window.ends_at - time.time(), 1)
    # ``add`` is atomic on every backend: of two concurrent events, one gets the slot and the
    # other moves on to the next, so both are counted.
    return any(store.add(key, 1, timeout=timeout) for key in keys if key not in taken)


def budget_reset(budget: Budget, value: str) -> None:
    """Forget the current window (its slots expire on their own)."""
    _store().delete(_anchor_key(budget, value))


# --- Log-in and password reset --------------------------------------------------------------


def _budgets(
    request: HttpRequest | None,
    email: str,
    *,
    kind: str,
    limit: int,
    address_limit: int,
    window_s: int,
) -> list[tuple[Budget, str]]:
    """The e-mail's budget, and the client address's when the request is known."""
    budgets = [(Budget(f"{kind}-email", limit, window_s), email)]
    address = client_network(request) if request is not None else ""
    if address:
        budgets.append((Budget(f"{kind}-address", address_limit, window_s), address))
    return budgets


def _login_budgets(request: HttpRequest | None, email: str) -> list[tuple[Budget, str]]:
    return _budgets(
        request,
        email,
        kind="login",
        limit=settings.LOGIN_FAILURE_LIMIT,
        address_limit=settings.LOGIN_FAILURE_ADDRESS_LIMIT,
        window_s=settings.LOGIN_FAILURE_WINDOW_S,
    )


def login_is_throttled(request: HttpRequest | None, email: str) -> bool:
    """Whether log-ins with ``email``, or from the request's address, are refused for now."""
    return any(budget_spent(budget, value) for budget, value in _login_budgets(request, email))


def record_login_failure(request: HttpRequest | None, email: str) -> None:
    """Count a failed log-in against the e-mail and the client address."""
    for budget, value in _login_budgets(request, email):
        budget_use(budget, value)


def clear_login_failures(request: HttpRequest | None, email: str) -> None:
    # Only the e-mail's count: were a success to clear the address's, an attacker holding
    # one account could log in with it between guesses at others and never be slowed.
    budget, value = _login_budgets(request, email)[0]
    budget_reset(budget, value)


def password_reset_allowed(request: HttpRequest | None, email: str) -> bool:
    """Count a password-reset e-mail asked for ``email``; False once a budget is spent.

    Counted whether or not an account has that address, so the answer reveals nothing.
    """
    budgets = _budgets(
        request,
        email,
        kind="reset",
        limit=settings.PASSWORD_RESET_LIMIT,
        address_limit=settings.PASSWORD_RESET_ADDRESS_LIMIT,
        window_s=settings.PASSWORD_RESET_WINDOW_S,
    )
    if any(budget_spent(budget, value) for budget, value in budgets):
        return False
    # Every budget counts this e-mail, even when an earlier one has just run out.
    used = [budget_use(budget, value) for budget, value in budgets]
    return all(used)


def _sign_up_budget() -> Budget:
    return Budget(
        "sign-up-taken-address", settings.SIGN_UP_TAKEN_ADDRESS_LIMIT, settings.SIGN_UP_WINDOW_S
    )


def sign_up_is_throttled(request: HttpRequest) -> bool:
    """Whether the sign-up form is refused for now to the request's network: it has been told
    "this e-mail has an account" too often. Refused whatever the address typed, so the
    refusal says nothing about any account; without it the form would tell, one address at a
    time, who has an account, where log-in and password reset do not."""
    return budget_spent(_sign_up_budget(), client_network(request))


def record_sign_up_taken(request: HttpRequest) -> None:
    """Count one "this e-mail has an account" answer against the request's network."""
    budget_use(_sign_up_budget(), client_network(request))


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
