"""Forms of the delegate portal. They check input shape; the services enforce the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.edits import LANGUAGE_SEPARATOR, EditClash, base_from_field, base_to_field
from keruen.common.errors import KeruenError
from keruen.common.i18n import UI_LANGUAGES, ui_language
from keruen.events.models import Event, Slot
from keruen.marketplace import services as marketplace_services
from keruen.marketplace.models import BODY_MAX_LENGTH, CONTENT_LANGUAGES, Opportunity
from keruen.people import profiles as people_profiles
from keruen.people import services as people_services
from keruen.people.models import (
    ORGANISATION_DESCRIPTION_MAX,
    ORGANISATION_NAME_MAX,
    Organisation,
    Participant,
)
from keruen.people.validators import validate_phone

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
        form.rebase(error.base)


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


class EditForm(forms.Form):
    """A form that edits a stored record. It carries the record's base (digests of its
    values when the page was made, ``keruen.common.edits``) so that a save writes only what
    its user edited, and what a colleague saved meanwhile stands."""

    base = forms.CharField(widget=forms.HiddenInput, required=False)

    def posted_base(self) -> dict[str, str] | None:
        return base_from_field(self.cleaned_data.get("base"))

    def rebase(self, base: dict[str, str]) -> None:
        """Carry ``base`` from now on: saving again keeps the user's values over a clash."""
        # A QueryDict keeps the many values of a multiple choice; a plain dict in tests.
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data["base"] = base_to_field(base)
        self.data = data


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
        initial: dict[str, Any] = {
            name: getattr(opportunity, name)
            for name in (
                "direction",
                "kind",
                "language",
                "title",
                "body",
                "sectors",
                "hs_codes",
                "target_countries",
            )
        }
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


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say who you are and what you would like to discuss."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the sender sees it)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
