"""The admin upload form: event, kind, file, dry run, update."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from keruen.events.models import Event
from keruen.imports import KINDS
from keruen.imports.messages import listed
from keruen.imports.models import KIND_LABELS
from keruen.imports.services import MAX_FILE_BYTES, too_large_message, update_refused_message

# What a staff member must be allowed to do for each kind: an import is many admin "adds".
REQUIRED_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "organisations": ("people.add_organisation",),
    "participants": ("people.add_participant", "people.add_user"),
    "opportunities": ("marketplace.add_opportunity",),
}
UPDATE_PERMISSION = "people.change_organisation"
# One sentence per kind: a translation needs the kind's noun in its own case.
NOT_ALLOWED: dict[str, Promise] = {
    "organisations": _(
        "You are not allowed to import organisations (missing permission: %(permissions)s)."
    ),
    "participants": _(
        "You are not allowed to import participants (missing permission: %(permissions)s)."
    ),
    "opportunities": _(
        "You are not allowed to import offers and requests (missing permission: %(permissions)s)."
    ),
}


class ImportForm(forms.Form):
    event = forms.ModelChoiceField(
        label=_("Event"), queryset=Event.objects.order_by("-start_date", "slug")
    )
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        # Lazy labels: the choices are made once, at import, and read in each request's
        # language (str() here froze them in English).
        choices=[(kind, capfirst(KIND_LABELS[kind])) for kind in KINDS],
    )
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8, separated by , or ;) or XLSX; at most 20 MB.")
    )
    dry_run = forms.BooleanField(
        required=False,
        label=_("Dry run"),
        help_text=_("Check the file and show the report; write nothing."),
    )
    update = forms.BooleanField(
        required=False,
        label=_("Update existing organisations"),
        help_text=_(
            "Organisations only: a code that exists updates that organisation instead of "
            "being refused."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind is None:
            return cleaned
        if cleaned.get("update") and kind != "organisations":
            self.add_error("update", update_refused_message())
        needed = list(REQUIRED_PERMISSIONS[kind])
        if cleaned.get("update"):
            needed.append(UPDATE_PERMISSION)
        missing = [perm for perm in needed if not self.user.has_perm(perm)]
        if missing:
            raise forms.ValidationError(NOT_ALLOWED[kind] % {"permissions": listed(missing)})
        return cleaned
