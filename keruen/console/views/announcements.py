"""Announcements: e-mail the participants the Participants list shows, in their languages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from keruen.common.errors import KeruenError
from keruen.common.i18n import UI_LANGUAGES
from keruen.common.permissions import organiser_required
from keruen.common.tenancy import get_for_event
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.events.models import Event
from keruen.meetings.roster import (
    RosterFilters,
    participant_roster,
    roster_filters_description,
)
from keruen.people.announcements import (
    announcement_can_resend,
    announcement_queue,
    announcement_recipients,
    announcement_test_send,
    delivery_counts,
    recipient_languages,
    recipients_without_password,
)
from keruen.people.models import (
    ANNOUNCEMENT_BODY_MAX,
    ANNOUNCEMENT_SUBJECT_MAX,
    Announcement,
    Participant,
)
from keruen.people.tasks import announcement_send_task

LANGUAGE_NAMES = {
    "en": gettext_lazy("English"),
    "zh-hans": gettext_lazy("Chinese"),
    "ru": gettext_lazy("Russian"),
    "kk": gettext_lazy("Kazakh"),
}


class AnnouncementForm(forms.Form):
    """A subject and a message per interface language; any language may stay empty.

    Sending to everyone (not a test) needs the box "I have checked the text and the list"
    ticked, for the list of ``audience_size`` recipients the page showed: if the list changed
    in between (new registrations, approvals), the box is asked again."""

    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked the text and the list"), required=False
    )
    # How many recipients the page showed when the organiser ticked the box.
    audience_size = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sending: bool = False, audience_size: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sending = sending
        self.current_audience_size = audience_size
        for language in UI_LANGUAGES:
            name = LANGUAGE_NAMES[language]
            self.fields[f"subject_{language}"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": name},
                required=False,
                max_length=ANNOUNCEMENT_SUBJECT_MAX,
            )
            self.fields[f"body_{language}"] = forms.CharField(
                label=_("Message (%(language)s)") % {"language": name},
                required=False,
                max_length=ANNOUNCEMENT_BODY_MAX,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not self.sending:
            return cleaned  # a test goes to the organiser alone: nothing to confirm
        shown = cleaned.get("audience_size")
        if not cleaned.get("confirm"):
            self.add_error(
                "confirm", _("Check the text and the list, then tick the box to send it.")
            )
        elif shown is not None and shown != self.current_audience_size:
            self.add_error(
                "confirm",
                ngettext(
                    "The list has changed since the page was shown: it now counts %(n)d "
                    "participant. Check it, then tick the box again.",
                    "The list has changed since the page was shown: it now counts %(n)d "
                    "participants. Check it, then tick the box again.",
                    self.current_audience_size,
                )
                % {"n": self.current_audience_size},
            )
        return cleaned

    def texts(self, part: str) -> dict[str, str]:
        return {language: self.cleaned_data[f"{part}_{language}"] for language in UI_LANGUAGES}

    def language_fields(
        self, readers: Counter[str]
    ) -> list[tuple[str, int, forms.BoundField, forms.BoundField]]:
        """(language name, how many recipients read it, subject field, message field):
        English first (everyone else's fallback), then the languages most recipients read."""
        order = sorted(UI_LANGUAGES, key=lambda code: (code != "en", -readers[code]))
        return [
            (
                str(LANGUAGE_NAMES[code]),
                readers[code],
                self[f"subject_{code}"],
                self[f"body_{code}"],
            )
            for code in order
        ]


def _recipients(event: Event, filters: RosterFilters) -> list[Participant]:
    return announcement_recipients(
        participant_roster(event=event, filters=filters), status_filter=filters.status
    )


@organiser_required
def announcement_new(request: HttpRequest, event: Event) -> HttpResponse:
    """Write to the participants of the list (its filters come in the query string)."""
    filters = RosterFilters.from_query(request.GET)
    recipients = _recipients(event, filters)
    posted = request.POST if request.method == "POST" else None
    form = AnnouncementForm(
        posted,
        # Whatever is not a test writes to everyone (as the form's second button).
        sending=posted is not None and "test" not in posted,
        audience_size=len(recipients),
    )
    portal_url = request.build_absolute_uri(reverse("portal-home", args=[event.slug]))
    if request.method == "POST" and form.is_valid():
        if "test" in request.POST:
            _send_test(request, event, form, portal_url)
        elif _queue(request, event, form, filters, recipients, portal_url):
            return redirect("console-announcements", event.slug)
    readers = recipient_languages(recipients)
    statuses = Counter(person.status for person in recipients)
    return console_render(
        request,
        "console/announcement_new.html",
        event=event,
        status=422 if form.errors else 200,
        form=form,
        recipients=recipients,
        audience=roster_filters_description(event=event, filters=filters),
        reader_languages=[(LANGUAGE_NAMES[code], readers[code]) for code in UI_LANGUAGES],
        without_password=recipients_without_password(recipients),
        language_fields=form.language_fields(readers),
        back_query=request.GET.urlencode(),
        left_out=not filters.status,
        by_status=[(label, statuses[value]) for value, label in Participant.Status.choices],
        pending=statuses[Participant.Status.PENDING],
        approved_only_query=_with_status(request, Participant.Status.APPROVED),
    )


def _with_status(request: HttpRequest, status: str) -> str:
    """The page's query string with the status filter set to ``status``."""
    query = request.GET.copy()
    query["status"] = status
    return query.urlencode()


@dataclass(frozen=True)
class AnnouncementRow:
    announcement: Announcement
    sent: int
    recipients: int
    languages: list[str]  # the languages it was written in
    can_resend: bool


def _queue(
    request: HttpRequest,
    event: Event,
    form: AnnouncementForm,
    filters: RosterFilters,
    recipients: list[Participant],
    portal_url: str,
) -> bool:
    """Queue the announcement and start sending it; False (errors on the form) if refused."""
    assert request.user.is_authenticated  # organiser_required
    try:
        announcement = announcement_queue(
            event=event,
            subject=form.texts("subject"),
            body=form.texts("body"),
            recipients=recipients,
            audience=roster_filters_description(event=event, filters=filters),
            portal_url=portal_url,
            by=request.user,
        )
    except KeruenError as error:
        form_add_domain_error(form, error)
        return False
    announcement_send_task.enqueue(announcement_id=announcement.pk)
    messages.success(
        request,
        ngettext(
            "The message is on its way to %(n)d participant.",
            "The message is on its way to %(n)d participants.",
            len(recipients),
        )
        % {"n": len(recipients)},
    )
    return True


def _send_test(request: HttpRequest, event: Event, form: AnnouncementForm, portal_url: str) -> None:
    """One copy per language written to the organiser, marked as a test; the form stays."""
    assert request.user.is_authenticated  # organiser_required
    try:
        languages = announcement_test_send(
            event=event,
            subject=form.texts("subject"),
            body=form.texts("body"),
            portal_url=portal_url,
            to=request.user,
        )
    except KeruenError as error:
        form_add_domain_error(form, error)
        return
    messages.info(
        request,
        _("A test went to %(address)s: %(languages)s.")
        % {
            "address": request.user.email,
            "languages": ", ".join(str(LANGUAGE_NAMES[code]) for code in languages),
        },
    )


@organiser_required
def announcement_list(request: HttpRequest, event: Event) -> HttpResponse:
    """The announcements sent, newest first, with how many were reached."""
    announcements = list(Announcement.objects.for_event(event).select_related("created_by"))
    counts = delivery_counts(announcements)
    rows = [
        AnnouncementRow(
            announcement=a,
            sent=counts.get(a.pk, (0, 0))[0],
            recipients=counts.get(a.pk, (0, 0))[1],
            languages=[str(LANGUAGE_NAMES[code]) for code in UI_LANGUAGES if code in a.subject],
            can_resend=announcement_can_resend(a),
        )
        for a in announcements
    ]
    return console_render(request, "console/announcements.html", event=event, rows=rows)


@require_POST
@organiser_required
def announcement_resend(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Send a failed announcement again, to those it has not reached."""
    announcement = get_for_event(Announcement, event=event, pk=pk)
    if not announcement_can_resend(announcement):
        messages.error(
            request, _("Only an announcement whose sending failed or stalled is sent again.")
        )
    else:
        announcement_send_task.enqueue(announcement_id=announcement.pk)
        messages.success(request, _("Sending again to those not reached yet."))
    return redirect("console-announcements", event.slug)
