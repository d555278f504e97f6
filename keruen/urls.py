from django.contrib import admin
from django.urls import include, path

from keruen.events import views as event_views
from keruen.people import views as people_views

urlpatterns = [
    path("", event_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("keruen.api.urls")),
    path("admin/import/", include("keruen.imports.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("keruen.portal.account_urls")),
    path("accounts/logout/", people_views.LogoutView.as_view(), name="logout"),
    path("<slug:event_slug>/", include("keruen.events.urls")),
]
