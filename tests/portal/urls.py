"""The site's URLs with the portal's account URLs in front (as keruen/urls.py will have them)."""

from django.urls import include, path

from keruen.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("accounts/", include("keruen.portal.account_urls")), *site_urlpatterns]
