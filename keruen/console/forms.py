"""Forms of the organiser console. Each is bound to one event: choices come from it only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.forms.models import ModelChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.events import services as event_services
from keruen.events.models import (
    ROOM_MAX_LENGTH,
    Booth,
    Event,
    Hall,
    MeetingTable,
    ProgrammeSession,
    Slot,
)
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting
from keruen.people.models import Organisation, Participant

ANY_ROLE = [("", _("any role"))]


class EventForm(forms.Form):
    """A form whose choices are restricted to one event's rows."""

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event


class ParticipantBulkForm(EventForm):
    ACTIONS = [("approve", _("Approve")), ("reject", _("Reject"))]

    action = forms.ChoiceField(choices=ACTIONS)
    participants = forms.ModelMultipleChoiceField(
        queryset=Participant.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        participants = self.fields["participants"]
        assert isinstance(participants, forms.ModelMultipleChoiceField)  # declared above
        # Any of the event's registrations, not only pending ones: one decided meanwhile by
        # another organiser then reaches the service, which names it, instead of failing here
        # as "not one of the available choices".
        participants.queryset = Participant.objects.filter(event=event)


class OpportunityReviewForm(EventForm):
    """Publish or reject one offer or request. Any of the event's may be chosen, as in
    ``OpportunityBulkForm``: one decided meanwhile is refused by ``opportunity_set_status``,
    which says by what decision, rather than by the form as an unnamed "choice"."""

    ACTIONS = [("publish", _("Publish")), ("reject", _("Reject"))]

    opportunity = forms.ModelChoiceField(queryset=Opportunity.objects.none())
    action = forms.ChoiceField(choices=ACTIONS)
    note = forms.CharField(required=False, max_length=500, label=_("Note to the author"))
    # When the page showed it (its ``updated_at``): an edit since is not decided unread.
    seen = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        opportunity = self.fields["opportunity"]
        assert isinstance(opportunity, forms.ModelChoiceField)  # declared above
        opportunity.queryset = Opportunity.objects.filter(event=event)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "reject" and not data.get("note", "").strip():
            self.add_error("note", _("Say why the offer or request is rejected."))
        return data


class OpportunityBulkForm(EventForm):
    """Offers and requests ticked for publishing at once (a rejection, with its reason, is
    said one at a time).

    Any of the event's offers may be ticked, not only pending ones: one reviewed meanwhile
    then reaches ``opportunities_publish``, which names it and says why, rather than the
    form refusing an unnamed "choice"."""

    opportunities = forms.ModelMultipleChoiceField(
        queryset=Opportunity.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the offers and requests to publish.")},
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        opportunities = self.fields["opportunities"]
        assert isinstance(opportunities, forms.ModelMultipleChoiceField)  # declared above
        opportunities.queryset = Opportunity.objects.filter(event=event)

    def ticked(self) -> set[int]:
        """The ids ticked on the page that was sent, to tick them again when it comes back."""
        values = self.data.getlist("opportunities") if hasattr(self.data, "getlist") else []
        return {int(value) for value in values if str(value).isdigit()}


class HallForm(EventForm):
    code = forms.CharField(max_length=20, label=_("Code"))
    name = forms.CharField(max_length=200, label=_("Name"))


class BoothForm(EventForm):
    hall = forms.ModelChoiceField(queryset=Hall.objects.none(), label=_("Hall"))
    code = forms.CharField(max_length=20, label=_("Code"))
    exhibitor = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Exhibitor")
    )
    area_m2 = forms.IntegerField(min_value=1, required=False, label=_("Area (m²)"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        hall, exhibitor = self.fields["hall"], self.fields["exhibitor"]
        assert isinstance(hall, forms.ModelChoiceField)  # declared above
        assert isinstance(exhibitor, forms.ModelChoiceField)
        hall.queryset = Hall.objects.filter(event=event)
        exhibitor.queryset = Organisation.objects.filter(event=event)


class BoothExhibitorForm(EventForm):
    booth = forms.ModelChoiceField(queryset=Booth.objects.none(), label=_("Booth"))
    exhibitor = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Exhibitor")
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        booth, exhibitor = self.fields["booth"], self.fields["exhibitor"]
        assert isinstance(booth, forms.ModelChoiceField)  # declared above
        assert isinstance(exhibitor, forms.ModelChoiceField)
        booth.queryset = Booth.objects.filter(event=event)
        exhibitor.queryset = Organisation.objects.filter(event=event)


class TablesForm(EventForm):
    count = forms.IntegerField(min_value=1, max_value=1000, label=_("Number of tables to add"))
    hall = forms.ModelChoiceField(queryset=Hall.objects.none(), required=False, label=_("Hall"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        hall = self.fields["hall"]
        assert isinstance(hall, forms.ModelChoiceField)  # declared above
        hall.queryset = Hall.objects.filter(event=event)


def _parse_breaks(text: str) -> list[tuple[dt.time, dt.time]]:
    """'10:30-10:45' per line (or comma-separated) -> [(10:30, 10:45)]."""
    breaks = []
    for chunk in text.replace(",", "\n").splitlines():
        chunk = chunk.strip()
        if not chunk:
            continue
        try:
            start_text, end_text = (part.strip() for part in chunk.split("-"))
            start = dt.time.fromisoformat(start_text)
            end = dt.time.fromisoformat(end_text)
        except ValueError as error:
            raise forms.ValidationError(
                _("“%(chunk)s” is not a break like 10:30-10:45."), params={"chunk": chunk}
            ) from error
        if end <= start:
            raise forms.ValidationError(
                _("The break “%(chunk)s” must end after it starts."), params={"chunk": chunk}
            )
        breaks.append((start, end))
    return breaks


class SlotGridForm(EventForm):
    days = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, label=_("Meeting days"))
    slot_minutes = forms.IntegerField(min_value=5, max_value=240, label=_("Slot length (minutes)"))
    am_start = forms.TimeField(
        label=_("Morning starts"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    am_end = forms.TimeField(
        label=_("Morning ends"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    pm_start = forms.TimeField(
        label=_("Afternoon starts"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    pm_end = forms.TimeField(
        label=_("Afternoon ends"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    breaks = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Daily breaks"),
        help_text=_("One per line, like 10:30-10:45."),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        count = (event.end_date - event.start_date).days + 1
        dates = [event.start_date + dt.timedelta(days=n) for n in range(count)]
        days = self.fields["days"]
        assert isinstance(days, forms.ChoiceField)  # declared above
        days.choices = [(d.isoformat(), d.isoformat()) for d in dates]

    def clean_days(self) -> list[dt.date]:
        return [dt.date.fromisoformat(day) for day in self.cleaned_data["days"]]

    def clean_breaks(self) -> list[tuple[dt.time, dt.time]]:
        return _parse_breaks(self.cleaned_data.get("breaks", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        am_start, am_end = data.get("am_start"), data.get("am_end")
        pm_start, pm_end = data.get("pm_start"), data.get("pm_end")
        if am_start and am_end and am_end <= am_start:
            self.add_error("am_end", _("The morning must end after it starts."))
        if am_end and pm_start and pm_start < am_end:
            self.add_error("pm_start", _("The afternoon must start after the morning ends."))
        if pm_start and pm_end and pm_end <= pm_start:
            self.add_error("pm_end", _("The afternoon must end after it starts."))
        return data


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FilteredChecklist(forms.CheckboxSelectMultiple):
    """Checkboxes in a box that scrolls, with a type-to-filter box above them
    (console/checklist.js, as portal/portal.js puts one above long multiple selects): among
    hundreds of delegates, one is found by name or organisation, and ticking one never
    clears the others, as a plain click in a multiple select does. What is ticked is listed
    under the box (kept up to date by the script), so that it is in sight however far down
    the list it is."""

    template_name = "console/widgets/checklist.html"

    def __init__(self, *, placeholder: Any, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.placeholder = placeholder
        self.group_label: Any = ""  # the field's label, set by ``SpeakerChoiceField``

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        ticked = [
            option["label"]
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            if option["selected"]
        ]
        context["widget"].update(
            placeholder=self.placeholder, group_label=self.group_label, ticked=ticked
        )
        return context


class _ByNameIterator(ModelChoiceIterator):
    """The delegates by family name, then given name and organisation, in the reader's
    alphabet (``keruen.reference.sort_key``), not the database's byte order."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        by_name = reference.sort_key(get_language())
        assert self.queryset is not None  # the field's, set by the form
        people = sorted(
            self.queryset,
            key=lambda p: (
                by_name(p.family_name),
                by_name(p.given_name),
                by_name(str(p.organisation)),
                p.pk,
            ),
        )
        for person in people:
            yield self.choice(person)


class SpeakerChoiceField(forms.ModelMultipleChoiceField):
    """Delegates labelled as the console's other pickers label them, "Дінара Омарова
    (Dinara Omarova) – Ministry of Trade": two delegates of one name are told apart by their
    organisation, a name in another script is found by its Latin form."""

    iterator = _ByNameIterator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", FilteredChecklist(placeholder=_("Type to filter")))
        super().__init__(*args, **kwargs)
        if isinstance(self.widget, FilteredChecklist):
            self.widget.group_label = self.label

    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.name_with_latin} – {obj.organisation}"


SPEAKERS_HELP = _("Tick the speakers; type a name or an organisation to find one.")


class ProgrammeSessionForm(EventForm):
    kind = forms.ChoiceField(choices=ProgrammeSession.Kind.choices, label=_("Kind"))
    title = forms.CharField(max_length=200, label=_("Title"))
    start = LocalDateTimeField(label=_("Starts"))
    end = LocalDateTimeField(label=_("Ends"))
    room = forms.CharField(max_length=ROOM_MAX_LENGTH, required=False, label=_("Room"))
    hall = forms.ModelChoiceField(queryset=Hall.objects.none(), required=False, label=_("Hall"))
    speakers = SpeakerChoiceField(
        queryset=Participant.objects.none(), required=False, label=_("Speakers")
    )
    blocks_meetings = forms.BooleanField(
        required=False, label=_("Speakers have no meetings while it runs")
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        hall, speakers = self.fields["hall"], self.fields["speakers"]
        assert isinstance(hall, forms.ModelChoiceField)  # declared above
        assert isinstance(speakers, forms.ModelMultipleChoiceField)
        hall.queryset = Hall.objects.filter(event=event)
        speakers.queryset = Participant.objects.filter(
            event=event, status=Participant.Status.APPROVED
        ).select_related("organisation")
        speakers.help_text = SPEAKERS_HELP
        # The pickers offer the event's days; the service refuses any other.
        for name in ("start", "end"):
            self.fields[name].widget.attrs.update(
                min=f"{event.start_date:%Y-%m-%d}T00:00", max=f"{event.end_date:%Y-%m-%d}T23:59"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("start", "end"):  # typed in the event's time zone
            if data.get(name):
                data[name] = data[name].replace(tzinfo=self.event.tz)
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("A session must end after it starts."))
        return data


class NetworkingForm(EventForm):
    request_deadline = LocalDateTimeField(required=False, label=_("Deadline for meeting requests"))
    request_quota = forms.IntegerField(
        required=False, min_value=1, label=_("Most open requests one delegate may send")
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        # The picker stops the day before the last meeting day; the service says why.
        last_day = event_services.event_last_meeting_day(event=event) - dt.timedelta(days=1)
        self.fields["request_deadline"].widget.attrs["max"] = f"{last_day:%Y-%m-%d}T23:59"

    def clean_request_deadline(self) -> dt.datetime | None:
        value = self.cleaned_data.get("request_deadline")
        return value.replace(tzinfo=self.event.tz) if value else None


class RequestRuleForm(EventForm):
    requester_role = forms.ChoiceField(required=False, label=_("Delegates with the role"))
    allowed = forms.TypedChoiceField(
        choices=[("0", _("may not request")), ("1", _("may request"))],
        coerce=lambda value: value == "1",
        label=_("Rule"),
    )
    target_role = forms.ChoiceField(required=False, label=_("delegates with the role"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        roles = ANY_ROLE + list(Participant.Role.choices)
        requester_role, target_role = self.fields["requester_role"], self.fields["target_role"]
        assert isinstance(requester_role, forms.ChoiceField)  # declared above
        assert isinstance(target_role, forms.ChoiceField)
        requester_role.choices = roles
        target_role.choices = roles


class SolveForm(forms.Form):
    time_limit = forms.IntegerField(
        min_value=1, max_value=3600, initial=30, label=_("Time limit (seconds)")
    )


class SlotChoiceField(forms.ModelChoiceField):
    """Slots labelled with their local day and time in the event's time zone, written as
    the console writes times (the active language's short format)."""

    def __init__(self, *args: Any, time_zone: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def label_from_instance(self, obj: Slot) -> str:
        start = obj.start.astimezone(self.time_zone) if self.time_zone else obj.start
        return date_format(start, "SHORT_DATETIME_FORMAT")


class MeetingChoiceField(forms.ModelChoiceField):
    """Meetings labelled with both delegates and their time in the draft ("not placed"
    otherwise): among hundreds, the organiser finds the one to move by name or by time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places: dict[int, str] = {}  # meeting id -> its time in the draft, as written

    def label_from_instance(self, obj: Meeting) -> str:
        place = self.places.get(obj.pk, gettext("not placed"))
        first, second = obj.participant_a.name_with_latin, obj.participant_b.name_with_latin
        return f"{place} · {first} – {second} · #{obj.pk}"


class MoveForm(EventForm):
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label=_("Meeting"),
        widget=forms.Select(
            attrs={"data-filter": "1", "data-filter-placeholder": _("Type a name or a time")}
        ),
    )
    slot = SlotChoiceField(queryset=Slot.objects.none(), label=_("New slot"))
    table = forms.ModelChoiceField(
        queryset=MeetingTable.objects.none(), required=False, label=_("Table")
    )
    booth = forms.ModelChoiceField(queryset=Booth.objects.none(), required=False, label=_("Booth"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        meeting, slot = self.fields["meeting"], self.fields["slot"]
        table, booth = self.fields["table"], self.fields["booth"]
        assert isinstance(meeting, MeetingChoiceField)  # all four declared above
        assert isinstance(slot, SlotChoiceField)
        assert isinstance(table, forms.ModelChoiceField)
        assert isinstance(booth, forms.ModelChoiceField)
        meeting.queryset = _meetings_by_draft_time(event)
        meeting.places = _draft_places(event)
        slot.queryset = Slot.objects.filter(event=event)
        slot.time_zone = event.tz
        table.queryset = MeetingTable.objects.filter(event=event, is_active=True)
        booth.queryset = Booth.objects.filter(event=event)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and (data.get("table") is None) == (data.get("booth") is None):
            self.add_error("table", _("Choose either a table or a booth."))
        return data


def _meetings_by_draft_time(event: Event) -> QuerySet[Meeting]:
    """The accepted meetings in the order of their time in the draft, those not placed last:
    the list reads as the day does, not by id."""
    from keruen.meetings.models import ScheduledMeeting

    start = ScheduledMeeting.objects.filter(
        schedule__event=event, schedule__published_at__isnull=True, meeting=OuterRef("pk")
    ).values("slot__start")[:1]
    return (
        Meeting.objects.filter(event=event, status=Meeting.Status.ACCEPTED)
        .select_related("participant_a", "participant_b")
        .annotate(draft_start=Subquery(start))
        .order_by(F("draft_start").asc(nulls_last=True), "pk")
    )


def _draft_places(event: Event) -> dict[int, str]:
    """Each placed meeting's time in the event's draft, on the event's clock."""
    from keruen.meetings.models import ScheduledMeeting

    entries = ScheduledMeeting.objects.filter(
        schedule__event=event, schedule__published_at__isnull=True
    ).values_list("meeting_id", "slot__start")
    return {
        meeting_id: date_format(start.astimezone(event.tz), "SHORT_DATETIME_FORMAT")
        for meeting_id, start in entries
    }


class PublishForm(forms.Form):
    version = forms.CharField(
        max_length=40, required=False, label=_("Version name"), help_text=_("Empty: v1, v2, …")
    )
    comment = forms.CharField(max_length=500, required=False, label=_("Comment"))
    notify = forms.BooleanField(
        required=False, initial=True, label=_("E-mail the delegates whose meetings changed")
    )
