"""An offer or a request, with its translations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.edit_forms import EditForm
from keruen.common.edits import base_to_field
from keruen.common.i18n import UI_TO_CONTENT, ui_language
from keruen.marketplace import services as marketplace_services
from keruen.marketplace.models import BODY_MAX_LENGTH, CONTENT_LANGUAGES, Opportunity
from keruen.portal.forms.base import (
    FILTERABLE,
    LANGUAGE_LABELS,
    hs_field_choices,
    isic_field_choices,
)


class OpportunityForm(EditForm):
    direction = forms.ChoiceField(
        label=_("Offer or request"), choices=Opportunity.Direction.choices
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Opportunity.Kind.choices)
    language = forms.ChoiceField(label=_("Written in"))
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Description"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors (ISIC)"), required=False, widget=forms.SelectMultiple(FILTERABLE)
    )
    hs_codes = forms.MultipleChoiceField(
        label=_("Products (HS codes)"), required=False, widget=forms.SelectMultiple(FILTERABLE)
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries"), required=False, widget=forms.SelectMultiple(FILTERABLE)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = ui_language()
        written_in, sectors = self.fields["language"], self.fields["sectors"]
        hs_codes, countries = self.fields["hs_codes"], self.fields["target_countries"]
        assert isinstance(written_in, forms.ChoiceField)  # all four declared above
        assert isinstance(sectors, forms.ChoiceField)
        assert isinstance(hs_codes, forms.ChoiceField)
        assert isinstance(countries, forms.ChoiceField)
        written_in.choices = [(code, LANGUAGE_LABELS[code]) for code, _name in CONTENT_LANGUAGES]
        # A new text is most likely written in the language the delegate reads the site in.
        written_in.initial = UI_TO_CONTENT[language]
        # portal.js hides the translation into the language the text is written in.
        written_in.widget.attrs["data-translation-fields"] = "title body"
        sectors.choices = isic_field_choices(language)
        hs_codes.choices = hs_field_choices(language)
        countries.choices = reference.country_choices(language)
        for code, _name in CONTENT_LANGUAGES:
            label = LANGUAGE_LABELS[code]
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title, translation (%(language)s)") % {"language": label},
                required=False,
                max_length=200,
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Description, translation (%(language)s)") % {"language": label},
                required=False,
                max_length=BODY_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        written_in = cleaned.get("language")
        for code, _name in CONTENT_LANGUAGES:
            title, body = cleaned.get(f"title_{code}"), cleaned.get(f"body_{code}")
            if code == written_in and (title or body):
                # Saving it would store two texts in one language: say so, drop nothing.
                self.add_error(
                    f"title_{code}" if title else f"body_{code}",
                    _(
                        "The text is written in %(language)s already: move this to the title "
                        "and description above, or choose another “Written in” language."
                    )
                    % {"language": LANGUAGE_LABELS[code]},
                )
            elif bool(title) != bool(body):
                missing = f"body_{code}" if title else f"title_{code}"
                self.add_error(missing, _("Give both the title and the description."))
        return cleaned

    @staticmethod
    def initial_for(opportunity: Opportunity) -> dict[str, Any]:
        # Every field the service edits, but the translations: they have fields per language.
        plain = marketplace_services.OPPORTUNITY_EDITABLE_FIELDS - {"translations"}
        initial: dict[str, Any] = {name: getattr(opportunity, name) for name in sorted(plain)}
        for code, text in (opportunity.translations or {}).items():
            initial[f"title_{code}"] = text.get("title", "")
            initial[f"body_{code}"] = text.get("body", "")
        initial["base"] = base_to_field(marketplace_services.opportunity_edit_base(opportunity))
        return initial

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        # clean() refused a translation into the text's own language and half translations.
        translations = {
            code: {"title": data[f"title_{code}"].strip(), "body": data[f"body_{code}"].strip()}
            for code, _name in CONTENT_LANGUAGES
            if data.get(f"title_{code}") and data.get(f"body_{code}")
        }
        return {
            "direction": data["direction"],
            "kind": data["kind"],
            "language": data["language"],
            "title": data["title"],
            "body": data["body"],
            "sectors": data["sectors"],
            "hs_codes": data["hs_codes"],
            "target_countries": data["target_countries"],
            "translations": translations,
        }
