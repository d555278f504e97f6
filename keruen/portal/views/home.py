"""Portal home, sign-up, invitations and the language preference."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from keruen.analytics.delegations import delegation_of_head
from keruen.common.errors import KeruenError
from keruen.events.selectors import event_get_public
from keruen.people import services as people_services
from keruen.people.announcements import announcements_received
from keruen.people.models import Participant
from keruen.portal import account_forms, forms, selectors
from keruen.portal.accounts import remember_language
from keruen.portal.views.common import render_page as _render

# --- Home, sign-up, invitation, language -------------------------------------------------


def portal_home(request: HttpRequest, event_slug: str) -> HttpResponse:
    """The delegate's start page: status, completeness, requests, next meetings."""
    event = event_get_public(slug=event_slug)
    if not request.user.is_authenticated:
        return _render(request, "home_anonymous.html", event, portal_nav=False)
    participant = selectors.participation_get(event=event, user=request.user)
    if participant is None or participant.status != Participant.Status.APPROVED:
        return _render(
            request,
            "home_pending.html",
            event,
            participant=participant,
            portal_nav=False,
            announcements=announcements_received(participant=participant) if participant else [],
        )
    now = timezone.now()
    rows = selectors.agenda_rows(participant=participant)
    upcoming = [row for row in rows if row.end >= now]
    return _render(
        request,
        "home.html",
        event,
        participant=participant,
        completeness=selectors.profile_completeness(participant=participant),
        counts=selectors.pending_request_counts(participant=participant),
        upcoming=upcoming[:5],
        away=selectors.agenda_entries_away(participant=participant, rows=upcoming[:5]),
        headed_delegation=delegation_of_head(participant=participant),
        announcements=announcements_received(participant=participant),
        # Once it is over, the page looks back: no requests, no profile to complete.
        event_over=event.is_over(),
        meetings_had=sum(1 for row in rows if row.kind == "meeting"),
    )


def sign_up(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Open registration: an account (unless logged in), an organisation, a pending delegate."""
    event = event_get_public(slug=event_slug)
    if selectors.participation_get(event=event, user=request.user) is not None:
        return redirect("portal-home", event.slug)
    if not event.accepts_registrations:
        return _render(request, "register_closed.html", event, status=403, portal_nav=False)
    with_account = not request.user.is_authenticated
    form = account_forms.SignUpForm(
        request.POST or None, with_account=with_account, request=request
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = request.user
                if with_account:
                    user = people_services.user_create(
                        email=data["email"], password=data["password1"], language=data["language"]
                    )
                assert user.is_authenticated  # just created, or the logged-in visitor
                people_services.participant_sign_up(
                    event=event,
                    user=user,
                    organisation_name=data["organisation_name"],
                    country=data["country"],
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    role=data["role"],
                )
        except KeruenError as error:
            forms.apply_error(form, error)
        else:
            response = redirect("portal-home", event.slug)
            if with_account:
                login(request, user, backend="keruen.people.auth.EmailBackend")
                remember_language(response, user)
            messages.success(request, _("Thank you: the organisers will review your registration."))
            return response
    return _render(
        request, "register.html", event, form=form, with_account=with_account, portal_nav=False
    )


def invitation_accept(request: HttpRequest, event_slug: str, token: str) -> HttpResponse:
    """Accept an invitation: join its organisation as an approved delegate."""
    from keruen.people.models import User

    event = event_get_public(slug=event_slug)
    invitation = selectors.invitation_get_usable(event=event, token=token)
    existing = User.objects.filter(email=invitation.email).first()
    # An account made by a participants import has no password yet: its owner cannot log
    # in, so accepting chooses the password, as for a new account.
    unclaimed = existing is not None and existing.is_active and not existing.has_usable_password()
    if existing is not None and not unclaimed and request.user != existing:
        # The invitee has an account: they must log in as themselves first.
        context: dict[str, Any] = {
            "invitation": invitation,
            "wrong_user": request.user.is_authenticated,
        }
        return _render(request, "invitation_login.html", event, portal_nav=False, **context)
    with_password = existing is None or unclaimed
    form = account_forms.InvitationAcceptForm(
        request.POST or None, email=invitation.email, with_password=with_password
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = existing or people_services.user_create(
                    email=invitation.email,
                    password=data["password1"],
                    language=request.LANGUAGE_CODE,
                )
                people_services.invitation_accept(
                    invitation=invitation,
                    user=user,
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    password=data["password1"] if unclaimed else None,
                )
        except KeruenError as error:
            forms.apply_error(form, error)
        else:
            response = redirect("portal-home", event.slug)
            if with_password:
                login(request, user, backend="keruen.people.auth.EmailBackend")
            remember_language(response, user)
            messages.success(request, _("Welcome! Your registration is confirmed."))
            return response
    return _render(
        request,
        "invitation.html",
        event,
        form=form,
        invitation=invitation,
        with_password=with_password,
        portal_nav=False,
    )


def language_preference(request: HttpRequest, event_slug: str) -> HttpResponse:
    """The interface language kept on the account (used after log-in and for e-mails)."""
    event = event_get_public(slug=event_slug)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    participation = selectors.participation_get(event=event, user=request.user)
    approved = participation is not None and participation.status == Participant.Status.APPROVED
    form = account_forms.LanguageForm(
        request.POST or None, initial={"language": request.user.language}
    )
    if request.method == "POST" and form.is_valid():
        people_services.user_set_language(user=request.user, language=form.cleaned_data["language"])
        response = redirect("portal-language", event.slug)
        remember_language(response, request.user)
        return response
    return _render(request, "language.html", event, form=form, portal_nav=approved)
