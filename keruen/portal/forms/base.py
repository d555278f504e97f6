"""What the portal's forms share: translated inputs, code choices and the domain errors
shown on fields. The base of an edit form, shared with the console, is
``keruen.common.edit_forms``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.edit_forms import EditForm, field_key, form_field
from keruen.common.edits import EditClash
from keruen.common.errors import KeruenError
from keruen.common.i18n import UI_LANGUAGES
from keruen.events.models import Event, Slot
from keruen.formats.days import day_format

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
        name = form_field(form, getattr(problem, "field", None))
        message = getattr(problem, "message", str(problem))
        form.add_error(name, message)
    if isinstance(error, EditClash) and isinstance(form, EditForm):
        form.rebase(error.base, error.theirs)


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
    """Slots as checkboxes grouped by meeting day, on the event's clock; a day named as the
    portal names days elsewhere ("Fri 25 Jun", in the reader's language), not "2027-06-25"."""
    zone = event.tz
    groups: dict[str, list[tuple[int, str]]] = {}
    for slot in Slot.objects.filter(event=event).order_by("number"):
        start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
        day = day_format(start.date(), "SHORT_DAY_FORMAT")
        groups.setdefault(day, []).append((slot.pk, f"{start:%H:%M}–{end:%H:%M}"))
    return list(groups.items())
