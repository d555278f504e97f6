"""``keruen serve`` serves like the product: debug off unless asked for, static files still
served, and the site's own error pages instead of Django's traceback and settings."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from keruen.urls import handler400 as site_handler400
from keruen.urls import urlpatterns as site_urlpatterns
from tests.factories import EventFactory
from tests.html_forms import FormReader

# What Django's debug pages show and the site's pages never may.
DEBUG_PAGE_SIGNS = ("Traceback", "Django tried these URL patterns", "SECRET_KEY", "DEBUG = True")


def _explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the database is on fire")


def _refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _garbled(request: HttpRequest) -> HttpResponse:
    raise BadRequest("the request makes no sense")


urlpatterns = [
    path("test-explode/", _explode),
    path("test-refuse/", _refuse),
    path("test-garbled/", _garbled),
    *site_urlpatterns,
]
handler400 = site_handler400


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


def test_with_debug_on_the_form_page_gives_djangos_reason(settings) -> None:
    settings.DEBUG = True
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>The form could not be sent</h1>" in page
    assert "CSRF cookie not set." in page


def test_a_request_for_another_host_gets_the_site_page(settings) -> None:
    """A Host header outside ALLOWED_HOSTS (a mistyped name, a scanner) is refused with the
    site's page in the visitor's language, not Django's bare "Bad Request (400)". No ``db``
    fixture: the page needs no database, nor the host it refuses."""
    settings.DEBUG = False
    client = Client(HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE="ru")
    response = client.get("/no-such-page/")
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="ru">' in page
    assert 'class="topbar"' in page
    assert "keruen.css" in page
    assert "evil.example" not in page
    assert "/i18n/setlang/" not in page  # nothing can be sent to a host that is refused
    assert not [sign for sign in DEBUG_PAGE_SIGNS if sign in page]


@pytest.mark.urls(__name__)
def test_a_bad_request_from_a_view_gets_the_site_page(settings) -> None:
    settings.DEBUG = False
    response = Client().get("/test-garbled/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Bad request</h1>" in page
    assert "makes no sense" not in page


def _language_switch(page: HttpResponse) -> dict[str, list[str]]:
    """The language switcher's form on ``page``, token included (empty: no switcher)."""
    reader = FormReader(lambda form: form.get("action") == "/i18n/setlang/", first=True)
    reader.feed(page.content.decode())
    return reader.data


ERROR_PAGES = [
    # How a visitor meets the page, its status, and whether it is rendered with the request
    # (which gives its forms their security token).
    pytest.param(lambda client: client.get("/no/such/page/at/all/"), 404, True, id="404"),
    pytest.param(lambda client: client.get("/test-refuse/"), 403, True, id="403"),
    pytest.param(lambda client: client.get("/test-explode/"), 500, False, id="500"),
    pytest.param(lambda client: client.get("/test-garbled/"), 400, False, id="400"),
    pytest.param(
        lambda client: client.post("/accounts/login/", {"username": "x"}), 403, True, id="csrf"
    ),
]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("meet", "status", "with_request"), ERROR_PAGES)
def test_the_language_switcher_of_an_error_page_works(settings, meet, status, with_request) -> None:
    """Whatever language switcher an error page shows switches the language, sent as a
    browser sends it (security token checked). The pages rendered without the request (500,
    400) have no token to send, so they show none: the 500 page's led to the refused-form
    page."""
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    page = meet(client)
    assert page.status_code == status
    form = _language_switch(page)
    if form:
        response = client.post("/i18n/setlang/", {**form, "language": ["kk"]})
        assert response.status_code == 302, response.content.decode()[:300]
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert bool(form) is with_request
