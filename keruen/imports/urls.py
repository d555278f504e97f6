"""Mounted at /admin/import/ (before the admin's own URLs)."""

from __future__ import annotations

from django.urls import path

from keruen.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("runs/<int:job_id>/", views.run, name="run"),
    path("columns/", views.columns, name="columns"),
    path("examples/<str:kind>.<str:extension>", views.example, name="example"),
]
