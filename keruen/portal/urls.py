from django.urls import path

from keruen.portal import views

urlpatterns = [
    path("", views.portal_home, name="portal-home"),
]
