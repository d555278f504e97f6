"""The base of the forms that edit a stored record, the portal's and the console's.

An ``EditForm`` carries the record's base (digests of its values when the page was made,
``keruen.common.edits``) so that a save writes only what its user edited; after a clash it
shows what colleagues changed meanwhile and marks those fields. A text stored in several
languages is edited in one field per language, named by ``field_key``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict

from keruen.common.edits import LANGUAGE_SEPARATOR, base_from_field, base_to_field, split_item_key


def field_key(prefix: str, language: str) -> str:
    """The form field of a text's language: ("title", "zh-hans") -> "title_zh_hans"."""
    return f"{prefix}_{language.replace('-', '_')}"


def form_field(form: forms.Form, name: str | None) -> str | None:
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
        return form_field(self, key)

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
