"""The console's forms that correct an agreement: its values (with the base of what the form
showed, as the set-up's edit forms carry one), the date it is marked signed on, and the tick
box that confirms cancelling it or putting it back under negotiation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.agreements.editing import agreement_edit_base
from keruen.agreements.forms import (
    check_value_and_currency,
    currency_cleaned,
    currency_field,
    value_field,
)
from keruen.agreements.models import Agreement
from keruen.common.edit_forms import field_key
from keruen.common.edits import base_to_field
from keruen.common.i18n import UI_LANGUAGES, ui_language
from keruen.console.edit_forms import SetupEditForm
from keruen.events.models import Event

TITLE = "title"
TITLE_MAX_LENGTH = 300


def _title_languages(event: Event, agreement: Agreement) -> list[str]:
    """The event's interface languages and those the title is written in, in the site's
    order: a title written in Kazakh at an event working in English and Chinese is shown."""
    wanted = set(event.languages or UI_LANGUAGES) | {
        code for code, text in (agreement.title or {}).items() if text
    }
    return [code for code in UI_LANGUAGES if code in wanted]


def _value_shown(value: Decimal | None) -> Decimal | None:
    """A value as the form shows it: whole, without ".00" (63000000, not 63000000.00); the
    cents when there are some. A plain number still, which the field reads back."""
    if value is None or value != value.to_integral_value():
        return value
    return value.quantize(Decimal(1))


class AgreementEditForm(SetupEditForm):
    """An agreement's kind, title (one field per language), sector, value and currency, and
    the signing date of a signed or cancelled one: one under negotiation has none, and gets
    one by being marked signed. Its status changes with buttons of their own
    (``AgreementSignForm``)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    signed_on = forms.DateField(
        label=_("Signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    value = value_field()
    currency = currency_field()

    def __init__(self, *args: Any, event: Event, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The date of the agreement as it is now, which a form without the date field keeps.
        self.stored_signed_on = agreement.signed_on
        if agreement.status == Agreement.Status.NEGOTIATING:
            del self.fields["signed_on"]  # the status box gives it, with "Mark as signed"
        elif agreement.status == Agreement.Status.CANCELLED:
            self.fields["signed_on"].help_text = _("Empty if it was never signed.")
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ChoiceField)  # declared above
        lang = ui_language()
        sector.choices = [("", "—")] + [(s.key, s.label(lang)) for s in reference.sectors()]
        names = dict(settings.LANGUAGES)
        self.title_fields: dict[str, str] = {}
        for language in _title_languages(event, agreement):
            name = field_key(TITLE, language)
            self.title_fields[name] = language
            self.fields[name] = forms.CharField(
                max_length=TITLE_MAX_LENGTH,
                required=False,
                widget=forms.TextInput(attrs={"size": 48}),
                label=_("%(field)s · %(language)s")
                % {"field": _("Title"), "language": names.get(language, language)},
            )
        self.order_fields(["kind", *self.title_fields, "sector", "signed_on", "value", "currency"])
        self.initial = {
            "kind": agreement.kind,
            **{name: agreement.title.get(lang, "") for name, lang in self.title_fields.items()},
            "sector": agreement.sector,
            "signed_on": agreement.signed_on,
            "value": _value_shown(agreement.value),
            "currency": agreement.currency,
            "base": base_to_field(agreement_edit_base(agreement)),
            **self.initial,
        }

    def clean_currency(self) -> str:
        return currency_cleaned(self.cleaned_data["currency"])

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        title = {lang: data.get(name, "") for name, lang in self.title_fields.items()}
        if not any(text.strip() for text in title.values()):
            self.add_error(
                next(iter(self.title_fields)), _("Give the title in at least one language.")
            )
        data[TITLE] = title
        check_value_and_currency(self, data)
        return data

    def agreement_fields(self) -> dict[str, Any]:
        """The cleaned data as ``agreement_update``'s keyword arguments."""
        data = self.cleaned_data
        names = ("kind", TITLE, "sector", "value", "currency")
        # Without the date field (an agreement under negotiation) its date stays as it is.
        signed_on = data["signed_on"] if "signed_on" in self.fields else self.stored_signed_on
        return {name: data[name] for name in names} | {
            "signed_on": signed_on,
            "base": self.posted_base(),
        }


class AgreementSignForm(forms.Form):
    """The date an agreement is marked signed on."""

    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the date it was signed.")},
    )


class AgreementConfirmForm(forms.Form):
    """The tick box that confirms cancelling an agreement or putting it back under
    negotiation, as the console confirms withdrawing a delegate: the box says what happens."""

    confirm = forms.BooleanField(
        required=True, error_messages={"required": _("Tick the box to confirm.")}
    )

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label
