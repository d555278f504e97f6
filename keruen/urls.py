from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect
from django.template import loader
from django.templatetags.static import static
from django.urls import include, path

from keruen.events import views as event_views
from keruen.people import views as people_views


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and tools that ask for /favicon.ico get the site's SVG icon."""
    return redirect(static("keruen/favicon.svg"))


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 400 page, rendered like the 500 one: without the request.

    Django's own handler renders it with the request, so with the user (the database), the
    messages (the session) and the language form. A 400 is often a request for a host not in
    ``ALLOWED_HOSTS``, where nothing of the request should be used and nothing posted back
    can work.
    """
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The site's page for a form sent without its security token (``CSRF_FAILURE_VIEW``).

    Django's view renders a custom template with the request only, so Django's reason (which
    check failed) never reached it; a developer running with debug on sees it here.
    """
    context = {"reason": reason if settings.DEBUG else ""}
    return HttpResponseForbidden(loader.get_template("403_csrf.html").render(context, request))


urlpatterns = [
    path("", event_views.home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("keruen.api.urls")),
    path("admin/import/", include("keruen.imports.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("keruen.portal.account_urls")),
    path("accounts/logout/", people_views.LogoutView.as_view(), name="logout"),
    path("<slug:event_slug>/", include("keruen.events.urls")),
]
handler400 = bad_request
