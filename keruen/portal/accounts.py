"""Account pages outside an event: log-in that applies the saved language, password reset.

Django's own password-reset views, with templates of the portal; wired by ``account_urls``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

from keruen.people.views import LoginView as BaseLoginView
from keruen.portal import account_forms


def remember_language(response: HttpResponse, user: Any) -> HttpResponse:
    """Set the language cookie to the user's saved interface language."""
    language = getattr(user, "language", "")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


class LoginView(BaseLoginView):
    """The e-mail log-in; afterwards the interface speaks the language saved on the account."""

    template_name = "portal/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        return remember_language(response, form.get_user())


class PasswordResetView(auth_views.PasswordResetView):
    form_class = account_forms.PasswordResetForm
    template_name = "portal/password_reset_form.html"
    email_template_name = "emails/password_reset_body.txt"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "portal/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "portal/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "portal/password_reset_complete.html"
