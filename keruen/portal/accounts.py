"""Account pages outside an event: log-in that applies the saved language, password reset.

Django's own password-reset views, with templates of the portal; wired by ``account_urls``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse, reverse_lazy

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
    """The e-mail log-in; afterwards the interface speaks the language saved on the account,
    and, unless the log-in page was asked for by another page, the person lands on their
    own expo rather than the list of every event."""

    template_name = "portal/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        return remember_language(response, form.get_user())

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)


def landing_url(user: Any) -> str:
    """Where someone goes after logging in: the console of the coming event they organise,
    else the portal of their nearest coming event (else of the latest one held), else the
    list of events."""
    from keruen.people.models import Participant

    live = [Participant.Status.APPROVED, Participant.Status.PENDING]
    registrations = list(
        Participant.objects.filter(user_id=user.pk, status__in=live)
        .select_related("event")
        .order_by("event__start_date", "event_id")
    )
    coming = [r for r in registrations if not r.event.is_over()]
    chosen = coming[0] if coming else (registrations[-1] if registrations else None)
    if chosen is None:
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    organises = (
        chosen.role == Participant.Role.ORGANISER and chosen.status == Participant.Status.APPROVED
    )
    return reverse("console-home" if organises else "portal-home", args=[chosen.event.slug])


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
