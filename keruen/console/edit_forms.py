"""Forms that change an existing hall, booth, table, programme session or networking rule,
and the set-up page's forms that edit in place (the slot grid, the networking settings).

Texts stored in several languages (a hall's name, a session's title and room) get one field
per language of the event, so that editing in one interface language keeps the others.

Two organisers may have the same form open: each form carries the base of what it showed
(``EditForm``, ``keruen.common.edits``), so that a save writes only what its user
edited (``keruen.events.editing``) and a colleague's save meanwhile stands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from keruen.common.edit_forms import EditForm
from keruen.common.edits import (
    Clash,
    EditClash,
    base_to_field,
    clash_message,
)
from keruen.common.i18n import UI_LANGUAGES
from keruen.console.forms import (
    BoothForm,
    EventForm,
    NetworkingForm,
    ProgrammeSessionForm,
    RequestRuleForm,
    SlotGridForm,
)
from keruen.events import editing
from keruen.events.models import ROOM_MAX_LENGTH, Event, Hall, ProgrammeSession
from keruen.people.models import Participant


def _event_languages(event: Event) -> list[str]:
    """The event's interface languages in the site's order (all of them when none is set)."""
    chosen = [code for code in UI_LANGUAGES if code in (event.languages or [])]
    return chosen or list(UI_LANGUAGES)


class SetupEditForm(EditForm):
    """A set-up edit form. After a colleague's save that clashes with this one, it names
    each clashing field with the value there now, in the form's words, and shows what else
    they changed (``changed_meanwhile``) as it is now."""

    def show_clash(self, clash: EditClash) -> None:
        self.add_error(None, clash.message)
        for item in clash.clashes:
            name = self.field_showing(item.key)
            now = _in_words(self.fields[name], item.now) if name else item.now
            self.add_error(name, clash_message(Clash(item.key, now)))
        self.rebase(clash.base, clash.theirs)  # marks ``changed_meanwhile`` too


def _in_words(field: forms.Field, value: Any) -> Any:
    """A stored value as ``field`` shows it: a choice by its label, a time as the console
    writes times (the merge holds rows by id and times on the event's clock)."""
    if isinstance(field, forms.ModelChoiceField):
        rows = field.queryset if field.queryset is not None and value is not None else None
        row = rows.filter(pk=value).first() if rows is not None else None
        return field.label_from_instance(row) if row is not None else value
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.widget.choices}  # as the select shows
        return str(labels.get(str(value), value))
    if isinstance(field, forms.DateTimeField) and isinstance(value, str):
        return date_format(dt.datetime.fromisoformat(value), "SHORT_DATETIME_FORMAT")
    return value


class TranslatedTextMixin:
    """Adds ``<name>_<language>`` fields for translated texts and collects them back.

    The class attributes describe the main text (a hall's name, a session's title); pass
    ``name`` (and a label) to the methods for another one (a session's room).
    """

    translated_name = ""
    translated_label: Any = ""
    translated_max_length = 200
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_translated_fields(
        self,
        event: Event,
        *,
        after: str | None = None,
        name: str = "",
        label: Any = None,
        max_length: int | None = None,
    ) -> None:
        name = name or self.translated_name
        label = self.translated_label if label is None else label
        names = dict(settings.LANGUAGES)
        added: dict[str, str] = {}
        for language in _event_languages(event):
            field_name = f"{name}_{language.replace('-', '_')}"
            added[field_name] = language
            self.fields[field_name] = forms.CharField(
                max_length=max_length or self.translated_max_length,
                required=False,
                widget=forms.TextInput(attrs={"size": 48}),
                label=_("%(field)s · %(language)s")
                % {"field": label, "language": names.get(language, language)},
            )
        self.translated_groups: dict[str, dict[str, str]] = {
            **getattr(self, "translated_groups", {}),
            name: added,
        }
        if after is not None:
            order = [field for field in self.fields if field not in added]
            at = order.index(after) + 1
            order[at:at] = list(added)
            self.order_fields(order)  # type: ignore[attr-defined]

    @property
    def translated_fields(self) -> dict[str, str]:
        """{field name: language} of the main text."""
        return self.translated_groups[self.translated_name]

    def translated_initial(self, texts: dict[str, str], *, name: str = "") -> dict[str, str]:
        fields = self.translated_groups[name or self.translated_name]
        return {field: (texts or {}).get(lang, "") for field, lang in fields.items()}

    def translated_value(self, *, name: str = "") -> dict[str, str]:
        """{language: text} of the fields shown (a blank text removes that language)."""
        fields = self.translated_groups[name or self.translated_name]
        return {lang: self.cleaned_data.get(field, "") for field, lang in fields.items()}

    def clean_translated(self, message: Any) -> None:
        """Put {language: text} under ``_translated``; at least one language is required."""
        value = self.translated_value()
        if not any(text.strip() for text in value.values()):
            first = next(iter(self.translated_fields))
            self.add_error(first, message)  # type: ignore[attr-defined]
        self.cleaned_data["_translated"] = value


class HallEditForm(TranslatedTextMixin, SetupEditForm, EventForm):
    translated_name = "name"
    translated_label = _("Name")

    code = forms.CharField(max_length=20, label=_("Code"))

    def __init__(self, *args: Any, event: Event, hall: Hall, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        super().__init__(*args, event=event, **kwargs)
        self.add_translated_fields(event)
        self.initial = {
            "code": hall.code,
            **self.translated_initial(hall.name),
            "base": base_to_field(editing.hall_edit_base(hall)),
            **self.initial,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_translated(_("Give the name in at least one language."))
        return data


class BoothEditForm(SetupEditForm, BoothForm):
    hosts_meetings = forms.BooleanField(
        required=False, label=_("The exhibitor's meetings take place at this booth")
    )


class TableEditForm(SetupEditForm, EventForm):
    label = forms.CharField(
        max_length=60,
        required=False,
        label=_("Label"),
        help_text=_("Empty: T and the table number."),
    )
    hall = forms.ModelChoiceField(queryset=Hall.objects.none(), required=False, label=_("Hall"))
    is_active = forms.BooleanField(
        required=False,
        label=_("Active"),
        help_text=_("New schedules leave inactive tables out."),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        hall = self.fields["hall"]
        assert isinstance(hall, forms.ModelChoiceField)  # declared above
        hall.queryset = Hall.objects.filter(event=event)


class ProgrammeSessionEditForm(TranslatedTextMixin, SetupEditForm, ProgrammeSessionForm):
    translated_name = "title"
    translated_label = _("Title")

    def __init__(self, *args: Any, event: Event, session: ProgrammeSession, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        del self.fields["title"], self.fields["room"]
        self.add_translated_fields(event, after="kind")
        self.add_translated_fields(
            event, after="end", name="room", label=_("Room"), max_length=ROOM_MAX_LENGTH
        )
        speakers = self.fields["speakers"]
        assert isinstance(speakers, forms.ModelMultipleChoiceField)  # declared by the parent
        current = list(session.speakers.values_list("pk", flat=True))
        # A speaker whose registration was withdrawn since stays selectable until removed.
        speakers.queryset = (
            Participant.objects.filter(event=event, pk__in=current)
            | Participant.objects.filter(event=event, status=Participant.Status.APPROVED)
        ).select_related("organisation")
        tz = event.tz
        self.initial = {
            "kind": session.kind,
            **self.translated_initial(session.title),
            "start": session.start.astimezone(tz).replace(tzinfo=None),
            "end": session.end.astimezone(tz).replace(tzinfo=None),
            **self.translated_initial(session.room, name="room"),
            "hall": session.hall_id,
            "speakers": current,
            "blocks_meetings": session.blocks_meetings,
            "base": base_to_field(editing.programme_session_edit_base(session)),
            **self.initial,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_translated(_("Give the title in at least one language."))
        self.cleaned_data["room"] = self.translated_value(name="room")  # optional in every one
        return data


class RequestRuleEditForm(SetupEditForm, RequestRuleForm):
    """A networking rule: its two roles, and whether the one may request the other."""


class NetworkingEditForm(SetupEditForm, NetworkingForm):
    """The set-up page's deadline and quota: the event's settings, edited in place."""


class SlotGridEditForm(SetupEditForm, SlotGridForm):
    """The set-up page's slot grid, edited in place."""

    def rebase(self, base: dict[str, str], theirs: dict[str, Any] | None = None) -> None:
        """The daily breaks are one text: one break per line while a colleague's breaks are
        added to it or taken out of it, then one text again."""
        spans = self.cleaned_data.get("breaks") or []
        lines = [f"{start:%H:%M}-{end:%H:%M}" for start, end in spans]
        if isinstance(self.data, QueryDict):
            self.data = self.data.copy()
            self.data.setlist("breaks", lines)
        else:
            self.data = {**self.data, "breaks": lines}
        super().rebase(base, theirs)
        assert isinstance(self.data, QueryDict)  # rebase keeps one
        self.data["breaks"] = "\n".join(self.data.getlist("breaks"))


__all__ = [
    "BoothEditForm",
    "HallEditForm",
    "NetworkingEditForm",
    "ProgrammeSessionEditForm",
    "RequestRuleEditForm",
    "SetupEditForm",
    "SlotGridEditForm",
    "TableEditForm",
]
