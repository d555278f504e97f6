"""A URLconf with only what the API and its docs page need.

The API tests run against it so that they do not depend on the page apps (portal, console,
matchmaking) that other work may have half-finished at any moment; the API's own urls.py is
included exactly as keruen/urls.py includes it.
"""

from django.http import HttpResponse
from django.urls import include, path

from keruen.people import views as people_views

urlpatterns = [
    path("", lambda request: HttpResponse("home"), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("keruen.api.urls")),
    path("accounts/login/", people_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", people_views.LogoutView.as_view(), name="logout"),
    # The API's e-mails link to the delegates' agenda and suggestions.
    path("<slug:event_slug>/me/", include("keruen.portal.urls")),
    path("<slug:event_slug>/suggestions/", include("keruen.matchmaking.urls")),
]
