"""``keruen serve`` serves like the product: debug off unless asked for, static files still
served, and the site's own error pages instead of Django's traceback and settings."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from keruen.urls import urlpatterns as site_urlpatterns
from tests.factories import EventFactory

# What Django's debug pages show and the site's pages never may.
DEBUG_PAGE_SIGNS = ("Traceback", "Django tried these URL patterns", "SECRET_KEY", "DEBUG = True")


def _explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the database is on fire")


def _refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("test-explode/", _explode),
    path("test-refuse/", _refuse),
    *site_urlpatterns,
]


@pytest.fixture
def served(monkeypatch, settings):
    """Run ``keruen serve`` up to runserver, which is recorded instead of started (with the
    DEBUG it would serve under), from keruen.settings' default: DEBUG on."""
    from keruen.common.management.commands import serve

    settings.DEBUG = True
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.setattr("keruen.meetings.worker.worker_thread_start", lambda: None)
    monkeypatch.setattr("keruen.matchmaking.encoding.warm_up_in_background", lambda: None)
    runs: list[dict[str, object]] = []

    def runserver(name: str, *args: object, **options: object) -> None:
        runs.append({"command": name, "args": args, **options, "DEBUG": django_settings.DEBUG})

    monkeypatch.setattr(serve, "call_command", runserver)

    def run(*args: str) -> dict[str, object]:
        call_command("serve", "127.0.0.1:8123", *args, stdout=StringIO())
        return runs[-1]

    return run


def test_serve_turns_debug_off_and_still_serves_static_files(served) -> None:
    run = served()
    assert run["command"] == "runserver"
    assert run["args"] == ("127.0.0.1:8123",)
    assert run["DEBUG"] is False
    assert run["insecure_serving"] is True  # the CSS and icons, with DEBUG off


def test_debug_pages_only_when_asked_for(served, monkeypatch) -> None:
    run = served("--debug")
    assert run["DEBUG"] is True
    assert run["insecure_serving"] is False  # DEBUG serves them anyway
    monkeypatch.setenv("DEBUG", "true")
    assert served()["DEBUG"] is True


@pytest.mark.django_db
def test_a_missing_page_under_serve_is_the_site_page(served) -> None:
    served()
    event = EventFactory()
    for address in ("/no-such-page/", f"/{event.slug}/no-such-page/"):
        response = Client().get(address)
        assert response.status_code == 404
        page = response.content.decode()
        assert "<h1>Page not found</h1>" in page
        assert 'class="topbar"' in page  # the site's header, language switcher and all
        assert not [sign for sign in DEBUG_PAGE_SIGNS if sign in page], address
    # A page the event's URL names keeps the event's menu.
    response = Client().get(f"/{event.slug}/organisations/999999/")
    assert response.status_code == 404
    assert f'href="/{event.slug}/programme/"' in response.content.decode()


@pytest.mark.urls(__name__)
def test_the_error_page_needs_no_database(settings) -> None:
    """No ``db`` fixture: any query would fail the test, as it would fail the page when
    the error is the database."""
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/test-explode/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Server error</h1>" in page
    assert "keruen.css" in page
    assert "database is on fire" not in page
    assert not [sign for sign in DEBUG_PAGE_SIGNS if sign in page]


@pytest.mark.urls(__name__)
def test_a_refusal_asks_a_visitor_to_log_in(settings) -> None:
    settings.DEBUG = False
    response = Client().get("/test-refuse/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>No access</h1>" in page
    assert 'href="/accounts/login/?next=/test-refuse/"' in page


def test_a_form_without_its_security_token_says_what_to_do(settings) -> None:
    settings.DEBUG = False
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>The form could not be sent</h1>" in page
    assert "CSRF" not in page  # Django's reason, for developers: shown with --debug only
