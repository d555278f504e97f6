"""A delegate who cannot come says so: their meetings still to come are cancelled and the
partners told, at once, instead of finding an empty chair at the table. Once the event is
over, there is nothing left to cancel: the page says so and takes nothing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from keruen.common.errors import KeruenError
from keruen.common.permissions import participant_required
from keruen.events.models import Event
from keruen.meetings.notifications import withdrawal_links
from keruen.meetings.withdrawal import (
    REASON_MAX,
    participant_withdraw_and_notify,
    withdrawal_preview,
)
from keruen.people.models import Participant
from keruen.portal.views.common import render_page


class CannotComeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why (for the organisers only, optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I cannot come: cancel my meetings and tell my partners."),
        required=True,
    )


@participant_required
def cannot_come(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    form = CannotComeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = participant_withdraw_and_notify(
                participant=participant,
                reason=form.cleaned_data["reason"],
                links=withdrawal_links(request, event),
                by=participant,
            )
        except KeruenError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Your participation is cancelled. We hope to see you another time.")
            )
            if done.mail.failed:
                messages.warning(
                    request,
                    _(
                        "The e-mails to your partners could not be sent just now: please let "
                        "the organisers know, so that they tell them."
                    ),
                )
        return redirect("portal-home", event.slug)
    return render_page(
        request,
        "cannot_come.html",
        event,
        form=form,
        preview=withdrawal_preview(participant=participant),
        status=422 if form.errors else 200,
    )
