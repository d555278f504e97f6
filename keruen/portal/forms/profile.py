"""The delegate's profile and their organisation's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.edit_forms import EditForm, field_key
from keruen.common.edits import base_to_field
from keruen.common.i18n import UI_LANGUAGES, ui_language
from keruen.people import profiles as people_profiles
from keruen.people import services as people_services
from keruen.people.models import (
    ORGANISATION_DESCRIPTION_MAX,
    ORGANISATION_NAME_MAX,
    Organisation,
    Participant,
)
from keruen.people.validators import validate_phone
from keruen.portal.forms.base import (
    FILTERABLE,
    add_translated_fields,
    hs_field_choices,
    isic_field_choices,
    slot_choices,
    translated_initial,
    translated_value,
)


class ParticipantProfileForm(EditForm):
    """The delegate's own profile. Datetimes are read on the event's clock (see the view)."""

    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    name_latin = forms.CharField(label=_("Name in Latin letters"), max_length=200, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"), required=False, widget=forms.SelectMultiple(FILTERABLE)
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("With the country code, like +7 701 555 0101."),
    )
    messenger = forms.CharField(
        label=_("Messenger (WeChat, Telegram…)"), max_length=100, required=False
    )
    public_listing = forms.BooleanField(
        label=_("Show me in the public list of participants"), required=False
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries"), required=False, widget=forms.SelectMultiple(FILTERABLE)
    )
    arrives_at = forms.DateTimeField(
        label=_("Arrival"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    departs_at = forms.DateTimeField(
        label=_("Departure"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    unavailable_slots = forms.TypedMultipleChoiceField(
        label=_("Slots when I cannot meet"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = ui_language()
        add_translated_fields(self, "title", _("Job title"), max_length=200)
        titles = [field_key("title", code) for code in UI_LANGUAGES]
        self.order_fields(["given_name", "family_name", "name_latin", *titles])
        languages, countries = self.fields["languages"], self.fields["target_countries"]
        unavailable_slots = self.fields["unavailable_slots"]
        assert isinstance(languages, forms.ChoiceField)  # all three declared above
        assert isinstance(countries, forms.ChoiceField)
        assert isinstance(unavailable_slots, forms.ChoiceField)
        languages.choices = reference.language_choices(language)
        countries.choices = reference.country_choices(language)
        unavailable_slots.choices = slot_choices(participant.event)
        self.event = participant.event
        # The date pickers offer only the days the service accepts.
        arrival, departure = people_profiles.participant_stay_window(event=self.event)
        for name, (first, last) in (("arrives_at", arrival), ("departs_at", departure)):
            self.fields[name].widget.attrs.update(
                min=f"{first:%Y-%m-%d}T00:00", max=f"{last:%Y-%m-%d}T23:59"
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Only a date being changed is held to the window: one that was fine when entered
        # (or set by the organisers) must not block an edit of the phone.
        problems = people_profiles.participant_stay_problems(
            event=self.event,
            arrives_at=self._changed_stay("arrives_at"),
            departs_at=self._changed_stay("departs_at"),
        )
        for problem in problems:
            self.add_error(problem.field, problem.message)
        return cleaned

    def _changed_stay(self, name: str) -> Any:
        return self.cleaned_data.get(name) if name in self.changed_data else None

    @staticmethod
    def initial_for(participant: Participant) -> dict[str, Any]:
        zone = participant.event.tz
        # The pickers show minutes: a stored time with seconds (the API, an import) must
        # not read as changed when it comes back untouched.
        stay = {
            name: moment and timezone.localtime(moment, zone).replace(second=0, microsecond=0)
            for name, moment in (
                ("arrives_at", participant.arrives_at),
                ("departs_at", participant.departs_at),
            )
        }
        return {
            "given_name": participant.given_name,
            "family_name": participant.family_name,
            "name_latin": participant.name_latin,
            "languages": participant.languages,
            "contact_email": participant.contact_email,
            "phone": participant.phone,
            "messenger": participant.messenger,
            "public_listing": participant.public_listing,
            "target_countries": participant.target_countries,
            **stay,
            "unavailable_slots": [slot.pk for slot in participant.unavailable_slots.all()],
            **translated_initial("title", participant.title),
            "base": base_to_field(people_profiles.participant_edit_base(participant)),
        }

    def service_fields(self) -> dict[str, Any]:
        cleaned = dict(self.cleaned_data)
        cleaned.pop("unavailable_slots", None)
        cleaned.pop("base", None)
        for language in UI_LANGUAGES:
            cleaned.pop(field_key("title", language), None)
        cleaned["title"] = translated_value(self.cleaned_data, "title")
        for name in ("arrives_at", "departs_at"):
            if name not in self.changed_data:  # kept as stored, seconds and all
                cleaned.pop(name, None)
        return cleaned


class OrganisationForm(EditForm):
    type = forms.ChoiceField(label=_("Type"), choices=Organisation.Type.choices)
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    size = forms.ChoiceField(
        label=_("Size"), choices=[("", "—"), *Organisation.Size.choices], required=False
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors (ISIC)"), required=False, widget=forms.SelectMultiple(FILTERABLE)
    )
    hs_codes = forms.MultipleChoiceField(
        label=_("Products (HS codes)"), required=False, widget=forms.SelectMultiple(FILTERABLE)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = ui_language()
        # The import's limits: an imported organisation stays editable here.
        add_translated_fields(self, "name", _("Name"), max_length=ORGANISATION_NAME_MAX)
        add_translated_fields(
            self,
            "description",
            _("Description"),
            textarea=True,
            max_length=ORGANISATION_DESCRIPTION_MAX,
        )
        country, sectors = self.fields["country"], self.fields["sectors"]
        hs_codes = self.fields["hs_codes"]
        assert isinstance(country, forms.ChoiceField)  # all three declared above
        assert isinstance(sectors, forms.ChoiceField)
        assert isinstance(hs_codes, forms.ChoiceField)
        country.choices = reference.country_choices(language)
        sectors.choices = isic_field_choices(language)
        hs_codes.choices = hs_field_choices(language)
        # Names first: what a reader of the form expects.
        self.order_fields([field_key("name", code) for code in UI_LANGUAGES])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not translated_value(cleaned, "name"):
            self.add_error(field_key("name", "en"), _("Give the name in at least one language."))
        return cleaned

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {
            "type": organisation.type,
            "country": organisation.country,
            "city": organisation.city,
            "website": organisation.website,
            "size": organisation.size,
            "sectors": organisation.sectors,
            "hs_codes": organisation.hs_codes,
            **translated_initial("name", organisation.name),
            **translated_initial("description", organisation.description),
            "base": base_to_field(people_services.organisation_edit_base(organisation)),
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "type": data["type"],
            "country": data["country"],
            "city": data["city"].strip(),
            "website": data["website"],
            "size": data["size"],
            "sectors": data["sectors"],
            "hs_codes": data["hs_codes"],
            "name": translated_value(data, "name"),
            "description": translated_value(data, "description"),
        }
