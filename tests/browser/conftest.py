"""Real-browser fixtures: Debian's Chromium driven by Playwright against ``live_server``.

Playwright is not installed with ``playwright install``: the tests drive the system
Chromium (``/usr/bin/chromium``, or ``KERUEN_CHROMIUM``). Without Playwright or the
browser the tests are skipped, so the rest of the suite runs anywhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("KERUEN_CHROMIUM", "/usr/bin/chromium")
# Flags for a quiet, headless Chromium in containers and CI (no sandbox as root, no GPU,
# no network calls of its own).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def chromium_launch(playwright):
    """The system Chromium, headless, with the flags above."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole session (starting it costs about a second)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    # Playwright's sync API keeps an asyncio event loop in this thread for the whole
    # session; Django's ORM then refuses to run here ("async-unsafe" check) although
    # every call is synchronous. Allow it only while the browser runs, and only in this
    # test process: the live server thread has no loop and keeps the check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = chromium_launch(playwright)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _browser_settings(settings) -> None:
    """Jobs run inside the request that queues them; a cheap password hasher."""
    settings.TASKS = IMMEDIATE_TASKS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def new_context(browser, live_server):
    """A factory of isolated browser sessions (own cookies) at 1280 px, closed afterwards."""
    contexts = []

    def make(language: str | None = None):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            locale="en-GB",
        )
        context.set_default_timeout(15_000)
        if language:
            host = live_server.url.split("//", 1)[1].split(":")[0]
            context.add_cookies(
                [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
            )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def sized_context(browser, live_server):
    """A factory of browser sessions at a given viewport, logged in as ``email`` when one is
    given, reading ``language`` (set after the log-in, which applies the account's own)."""
    from tests.browser.screenshots import log_in
    from tests.factories import PASSWORD

    contexts = []

    def make(email: str | None, viewport: dict[str, int], language: str):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="en-GB")
        context.set_default_timeout(15_000)
        if email:
            log_in(context, email, PASSWORD)
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
