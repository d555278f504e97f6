"""Forms for recording an agreement: a delegate's, from one of their meetings, and the
organiser's, with the parties to choose. They check the input's shape; the services
(``agreement_record``) enforce the rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.agreements.models import Agreement
from keruen.common.i18n import ui_language
from keruen.events.models import Event
from keruen.people.models import Organisation


def value_field() -> forms.DecimalField:
    """An agreement's value, as every agreement form takes it (to the cent, not negative)."""
    return forms.DecimalField(
        label=_("Value"), required=False, min_value=Decimal("0"), max_digits=18, decimal_places=2
    )


def currency_field() -> forms.CharField:
    """An agreement's currency, as every agreement form takes it (``currency_cleaned``)."""
    return forms.CharField(
        label=_("Currency"),
        required=False,
        max_length=3,
        help_text=_("ISO code, e.g. USD, CNY, KZT."),
    )


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("In any language, e.g. “Memorandum on a grain terminal in Khorgos”."),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s, label) for s, label in Agreement.Status.choices if s != "cancelled"],
        initial=Agreement.Status.NEGOTIATING,
    )
    signed_on = forms.DateField(
        label=_("Signed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Needed once it is signed."),
    )
    value = value_field()
    currency = currency_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = ui_language()
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ChoiceField)
        sector.choices = [("", "—")] + [
            (sector.key, sector.label(lang)) for sector in reference.sectors()
        ]

    def agreement_fields(self) -> dict[str, Any]:
        """The cleaned data as the services' keyword arguments (the status follows from
        ``signed_on``)."""
        data = self.cleaned_data
        names = ("kind", "title", "value", "currency", "signed_on", "sector")
        return {name: data[name] for name in names}

    def clean_currency(self) -> str:
        return currency_cleaned(self.cleaned_data["currency"])

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        signed = data.get("status") == Agreement.Status.SIGNED
        if signed and not data.get("signed_on"):
            self.add_error("signed_on", _("Give the date it was signed."))
        if not signed:
            data["signed_on"] = None
        check_value_and_currency(self, data)
        return data


def currency_cleaned(value: str) -> str:
    """A currency field's input: an ISO 4217 code in capitals, or empty."""
    currency = value.strip().upper()
    if currency and not reference.is_currency(currency):
        raise forms.ValidationError(_("Not an ISO 4217 currency code."))
    return currency


def check_value_and_currency(form: forms.Form, data: dict[str, Any]) -> None:
    """A value and its currency come together (told on the currency field, unless the
    currency is refused already: "XYZ" is not a currency, and it was given)."""
    if "currency" in form.errors:
        return
    if data.get("value") is not None and not data.get("currency"):
        form.add_error("currency", _("Give the currency of the value."))
    if data.get("currency") and data.get("value") is None and "value" not in form.errors:
        form.add_error("currency", _("Give the value, or leave the currency empty."))


# Opening quotation marks and the like ("«Абшерон-Хим Трейд» ЖШҚ") do not count for the order.
_LEADING_PUNCTUATION = re.compile(r"^\W+")


class _ByNameIterator(ModelChoiceIterator):
    """The choices in the reader's alphabetical order of their labels (the organisations'
    names in the reader's language), which a database ``ORDER BY`` cannot give."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        by_name = reference.sort_key(ui_language())
        assert self.queryset is not None  # the field's, set by the form
        label = self.field.label_from_instance

        def key(organisation: Any) -> tuple[Any, ...]:
            name = label(organisation)
            return (by_name(_LEADING_PUNCTUATION.sub("", name)), by_name(name), organisation.pk)

        for organisation in sorted(self.queryset, key=key):
            yield self.choice(organisation)


class OrganisationsByNameField(forms.ModelMultipleChoiceField):
    """Organisations to choose, listed by name in the reader's language."""

    iterator = _ByNameIterator


class OrganiserAgreementForm(AgreementForm):
    """The organiser's form: the same fields, and the parties among the event's organisations."""

    parties = OrganisationsByNameField(
        label=_("Parties"),
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(
            attrs={"data-filter": "1", "size": "8", "data-filter-placeholder": _("Type to filter")}
        ),
        help_text=_("Two or more organisations of the event."),
    )

    field_order = ["parties", "kind", "title", "sector", "status", "signed_on", "value", "currency"]

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = self.fields["parties"]
        assert isinstance(parties, forms.ModelMultipleChoiceField)
        parties.queryset = Organisation.objects.filter(event=event)
        self.order_fields(self.field_order)
