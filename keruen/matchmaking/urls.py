from django.urls import path

from keruen.matchmaking import views

urlpatterns = [
    path("", views.suggestion_list, name="suggestion-list"),
    path("feedback/", views.suggestion_feedback, name="suggestion-feedback"),
]
