from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from keruen.events import views as event_views
from keruen.people import views as people_views


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and tools that ask for /favicon.ico get the site's SVG icon."""
    return redirect(static("keruen/favicon.svg"))


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
