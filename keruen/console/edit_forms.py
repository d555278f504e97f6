"""Forms that change an existing hall, booth, table, programme session or networking rule.

Texts stored in several languages (a hall's name, a session's title) get one field per
language of the event, so that editing in one interface language keeps the others.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import UI_LANGUAGES
from keruen.console.forms import BoothForm, EventForm, ProgrammeSessionForm, RequestRuleForm
from keruen.events.models import Event, Hall, ProgrammeSession
from keruen.people.models import Participant


def _event_languages(event: Event) -> list[str]:
    """The event's interface languages in the site's order (all of them when none is set)."""
    chosen = [code for code in UI_LANGUAGES if code in (event.languages or [])]
    return chosen or list(UI_LANGUAGES)


class TranslatedTextMixin:
    """Adds ``<name>_<language>`` fields for one translated text and collects them back."""

    translated_name = ""
    translated_label: Any = ""
    translated_max_length = 200
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_translated_fields(self, event: Event, *, after: str | None = None) -> None:
        names = dict(settings.LANGUAGES)
        self.translated_fields: dict[str, str] = {}
        for language in _event_languages(event):
            field_name = f"{self.translated_name}_{language.replace('-', '_')}"
            self.translated_fields[field_name] = language
            self.fields[field_name] = forms.CharField(
                max_length=self.translated_max_length,
                required=False,
                widget=forms.TextInput(attrs={"size": 48}),
                label=_("%(field)s · %(language)s")
                % {"field": self.translated_label, "language": names.get(language, language)},
            )
        if after is not None:
            order = [name for name in self.fields if name not in self.translated_fields]
            at = order.index(after) + 1
            order[at:at] = list(self.translated_fields)
            self.order_fields(order)  # type: ignore[attr-defined]

    def translated_initial(self, texts: dict[str, str]) -> dict[str, str]:
        return {name: (texts or {}).get(lang, "") for name, lang in self.translated_fields.items()}

    def translated_value(self) -> dict[str, str]:
        """{language: text} of the fields shown (a blank text removes that language)."""
        return {
            lang: self.cleaned_data.get(name, "") for name, lang in self.translated_fields.items()
        }

    def clean_translated(self, message: Any) -> None:
        """Put {language: text} under ``_translated``; at least one language is required."""
        value = self.translated_value()
        if not any(text.strip() for text in value.values()):
            first = next(iter(self.translated_fields))
            self.add_error(first, message)  # type: ignore[attr-defined]
        self.cleaned_data["_translated"] = value


class HallEditForm(TranslatedTextMixin, EventForm):
    translated_name = "name"
    translated_label = _("Name")

    code = forms.CharField(max_length=20, label=_("Code"))

    def __init__(self, *args: Any, event: Event, hall: Hall, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        super().__init__(*args, event=event, **kwargs)
        self.add_translated_fields(event)
        self.initial = {"code": hall.code, **self.translated_initial(hall.name), **self.initial}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_translated(_("Give the name in at least one language."))
        return data


class BoothEditForm(BoothForm):
    hosts_meetings = forms.BooleanField(
        required=False, label=_("The exhibitor's meetings take place at this booth")
    )


class TableEditForm(EventForm):
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


class ProgrammeSessionEditForm(TranslatedTextMixin, ProgrammeSessionForm):
    translated_name = "title"
    translated_label = _("Title")

    def __init__(self, *args: Any, event: Event, session: ProgrammeSession, **kwargs: Any) -> None:
        super().__init__(*args, event=event, **kwargs)
        del self.fields["title"]
        self.add_translated_fields(event, after="kind")
        speakers = self.fields["speakers"]
        assert isinstance(speakers, forms.ModelMultipleChoiceField)  # declared by the parent
        now = list(session.speakers.all())
        current = [speaker.pk for speaker in now]
        # A speaker whose registration was withdrawn since stays selectable until removed.
        speakers.queryset = Participant.objects.filter(
            event=event, pk__in=current
        ) | Participant.objects.filter(event=event, status=Participant.Status.APPROVED)
        speakers.widget.attrs["size"] = 10
        how = _("Ctrl-click (⌘-click on a Mac) to choose several or none.")
        names = ", ".join(speaker.display_name for speaker in now)
        speakers.help_text = (
            format_lazy("{} {}", _("Now: %(names)s.") % {"names": names}, how) if now else how
        )
        tz = event.tz
        self.initial = {
            "kind": session.kind,
            **self.translated_initial(session.title),
            "start": session.start.astimezone(tz).replace(tzinfo=None),
            "end": session.end.astimezone(tz).replace(tzinfo=None),
            "room": session.room,
            "hall": session.hall_id,
            "speakers": current,
            "blocks_meetings": session.blocks_meetings,
            **self.initial,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_translated(_("Give the title in at least one language."))
        return data


__all__ = [
    "BoothEditForm",
    "HallEditForm",
    "ProgrammeSessionEditForm",
    "RequestRuleForm",
    "TableEditForm",
]
