"""What the portal's forms share: translated inputs, code choices, the domain errors
shown on fields, and the base of an edit form (see ``keruen.common.edits``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.edits import (
    LANGUAGE_SEPARATOR,
    EditClash,
    base_from_field,
    base_to_field,
    split_item_key,
)
from keruen.common.errors import KeruenError
from keruen.common.i18n import UI_LANGUAGES
from keruen.events.models import Event, Slot

LANGUAGE_LABELS = {
    "en": _("English"),
    "zh-hans": _("Chinese"),
    "ru": _("Russian"),
    "kk": _("Kazakh"),
    "zh": _("Chinese"),
}
# Multiple selects that get the small type-to-filter box (see portal/portal.js).
FILTERABLE = {"data-filter": "1", "size": "8", "data-filter-placeholder": _("Type to filter")}


def apply_error(form: forms.Form, error: KeruenError) -> None:
    """Show a domain error on the form field it names (or on the whole form)."""
    problems = getattr(error, "problems", None) or [error]
    for problem in problems:
        name = _form_field(form, getattr(problem, "field", None))
        message = getattr(problem, "message", str(problem))
        form.add_error(name, message)
    if isinstance(error, EditClash) and isinstance(form, EditForm):
        form.rebase(error.base, error.theirs)


def _form_field(form: forms.Form, name: str | None) -> str | None:
    """The form's field for a service's field name: a text's language ("title.zh-hans") is
    the field of that language ("title_zh_hans"), and so is a part of a translation
    ("translations.ru.body": "body_ru")."""
    if name is None:
        return None
    if name in form.fields:
        return name
    parts = name.split(LANGUAGE_SEPARATOR)
    if len(parts) == 2:
        candidate = field_key(parts[0], parts[1])
    elif len(parts) == 3:
        candidate = field_key(parts[2], parts[1])
    else:
        return None
    return candidate if candidate in form.fields else None


class EditBoundField(forms.BoundField):
    """A field of an edit form. One that someone else changed meanwhile is described by the
    note that says so (printed with the id ``<field id>_changed``), so that a screen reader
    reads it with the field, not only the eye that sees the note beside it."""

    @property
    def changed_meanwhile(self) -> bool:
        changed: frozenset[str] = getattr(self.form, "changed_meanwhile", frozenset())
        return self.name in changed

    @property
    def aria_describedby(self) -> str | None:
        described = super().aria_describedby
        if described is None or not self.auto_id or not self.changed_meanwhile:
            return described  # None: the widget sets its own, left as it is
        return " ".join(part for part in (f"{self.auto_id}_changed", described) if part)


class EditForm(forms.Form):
    """A form that edits a stored record. It carries the record's base (digests of its
    values when the page was made, ``keruen.common.edits``) so that a save writes only what
    its user edited, and what a colleague saved meanwhile stands.

    After a clash, ``changed_meanwhile`` names the fields that show what someone else changed
    meanwhile (and the user left alone) as it is now; the templates say so beside each.
    """

    bound_field_class = EditBoundField

    base = forms.CharField(widget=forms.HiddenInput, required=False)
    changed_meanwhile: frozenset[str] = frozenset()

    def posted_base(self) -> dict[str, str] | None:
        return base_from_field(self.cleaned_data.get("base"))

    def field_showing(self, key: str) -> str | None:
        """The field that shows a merged value: "city", "name.ru" (the field name_ru),
        "translations.ru.body" (body_ru), an item of "sectors#01" (sectors); None if the form
        does not show it."""
        item = split_item_key(key)
        if item is not None:
            return item[0] if item[0] in self.fields else None
        return _form_field(self, key)

    def rebase(self, base: dict[str, str], theirs: dict[str, Any] | None = None) -> None:
        """Carry ``base`` from now on: saving again keeps the user's values over a clash.

        ``theirs`` (what others changed and the user left alone) replaces the form's stale
        copy of those fields, so the user sees them before saving again, and marks those
        fields as ``changed_meanwhile``.
        """
        # A QueryDict keeps the many values of a multiple choice.
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        if not isinstance(self.data, QueryDict):
            for name, value in self.data.items():
                data.setlist(name, value if isinstance(value, list) else [value])
        changed: set[str] = set()
        for key, value in (theirs or {}).items():
            shown_in = self.field_showing(key)
            if shown_in is None:
                continue
            item = split_item_key(key)
            if item is not None:
                _show_item(data, shown_in, item[1], present=bool(value))
            else:
                _show(data, shown_in, value, self.fields[shown_in])
            changed.add(shown_in)
        data["base"] = base_to_field(base)
        self.data = data
        self.changed_meanwhile = frozenset(changed)


def _show(data: QueryDict, name: str, value: Any, field: forms.Field) -> None:
    """Put a stored value into posted form data, as a browser would post it."""
    if isinstance(value, dt.datetime):
        # As the field shows a stored instant: on the form's clock (the view's, the event's)
        # and in its picker's format; ``str`` would give UTC, which no picker reads.
        data[name] = field.widget.format_value(field.prepare_value(value)) or ""
    elif isinstance(value, bool):  # a tick box posts "on", or nothing
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    elif isinstance(value, list | tuple):
        data.setlist(name, [str(item) for item in value])
    else:
        data[name] = "" if value is None else str(value)


def _show_item(data: QueryDict, name: str, item: str, *, present: bool) -> None:
    """Tick or untick one item of a multiple choice in posted form data."""
    items = [value for value in data.getlist(name) if value != item]
    data.setlist(name, [*items, item] if present else items)


def field_key(prefix: str, language: str) -> str:
    return f"{prefix}_{language.replace('-', '_')}"


def add_translated_fields(
    form: forms.Form, prefix: str, label: Any, *, textarea: bool = False, max_length: int = 2000
) -> None:
    """One input per interface language for a ``{"en": ..., "ru": ...}`` text."""
    for language in UI_LANGUAGES:
        form.fields[field_key(prefix, language)] = forms.CharField(
            label=f"{label} ({LANGUAGE_LABELS[language]})",
            required=False,
            max_length=max_length,
            widget=forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput(),
        )


def translated_initial(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {field_key(prefix, language): texts.get(language, "") for language in UI_LANGUAGES}


def translated_value(cleaned: dict[str, Any], prefix: str) -> dict[str, str]:
    texts = {
        language: (cleaned.get(field_key(prefix, language)) or "").strip()
        for language in UI_LANGUAGES
    }
    return {language: text for language, text in texts.items() if text}


def grouped(choices: list[tuple[str, list[tuple[str, str]]]]) -> list[Any]:
    return [(group, list(items)) for group, items in choices]


def isic_field_choices(language: str) -> list[Any]:
    """ISIC divisions by section, each section choosable as a whole.

    The import and the API store section letters ("A"): a form that offered divisions only
    would show such a code as not chosen and drop it on the next save.
    """
    whole = str(_("%(code)s — the whole section: %(label)s"))
    return grouped(reference.isic_choices(language, whole_section=whole))


def hs_field_choices(language: str) -> list[Any]:
    """HS headings by chapter, each chapter choosable as a whole (stored as "10", as above)."""
    whole = str(_("%(code)s — the whole chapter: %(label)s"))
    return grouped(reference.hs_heading_choices(language, whole_chapter=whole))


def slot_choices(event: Event) -> list[Any]:
    """Slots as checkboxes grouped by meeting day, on the event's clock."""
    zone = event.tz
    groups: dict[str, list[tuple[int, str]]] = {}
    for slot in Slot.objects.filter(event=event).order_by("number"):
        start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
        day = f"{start:%Y-%m-%d}"
        groups.setdefault(day, []).append((slot.pk, f"{start:%H:%M}–{end:%H:%M}"))
    return list(groups.items())
