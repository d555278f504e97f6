from django.urls import include, path

from keruen.events import views
from keruen.marketplace import views as marketplace_views
from keruen.people import views as people_views
from keruen.portal.views import leads

urlpatterns = [
    path("", views.event_home, name="event-home"),
    path("programme/", views.programme, name="event-programme"),
    path("exhibitors/", views.exhibitors, name="exhibitor-list"),
    path("b/<str:code>/", leads.badge_scan, name="badge-scan"),
    path("organisations/", people_views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", people_views.organisation_detail, name="organisation-detail"),
    path("opportunities/", marketplace_views.opportunity_list, name="opportunity-list"),
    path("me/", include("keruen.portal.urls")),
    path("suggestions/", include("keruen.matchmaking.urls")),
    path("console/", include("keruen.console.urls")),
]
