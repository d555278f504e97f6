from django.urls import path

from keruen.console import views

urlpatterns = [
    path("", views.console_home, name="console-home"),
]
