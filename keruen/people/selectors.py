"""Reads about organisations and participants."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, gettext_lazy

from keruen import reference
from keruen.common.errors import NotFound
from keruen.common.i18n import localize
from keruen.common.params import id_param, text_param
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.people.models import Delegation, Organisation, Participant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PUBLIC_PARTICIPANT_STATUSES = (Participant.Status.APPROVED,)


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    country: str = ""
    sector: str = ""
    type: str = ""
    exhibitors_only: bool = False
    hs: str = ""  # an HS chapter or heading: the organisation's or one of its published entries'
    language: str = ""  # spoken by one of its listed delegates
    delegation: int | None = None

    @classmethod
    def from_query(cls, query: Any) -> OrganisationFilters:
        """Build filters from request GET parameters, dropping values that are not valid."""
        country = (query.get("country") or "").upper()
        sector = query.get("sector") or ""
        org_type = query.get("type") or ""
        language = _language_code(query.get("language") or "")
        delegation = query.get("delegation") or ""
        return cls(
            q=text_param(query.get("q")),
            country=country if reference.is_country(country) else "",
            sector=sector if reference.is_sector(sector) else "",
            type=org_type if org_type in Organisation.Type.values else "",
            exhibitors_only=query.get("exhibitors") == "1",
            hs=hs_filter_code(query.get("hs")),
            language=language,
            delegation=id_param(delegation),
        )


def hs_filter_code(value: object) -> str:
    """A valid HS chapter or heading from a query parameter (``85``, ``8541``), else ``""``."""
    code = reference.normalize_hs(str(value or "").strip()) if value else ""
    return code if len(code) in (2, 4) and reference.is_hs_code(code) else ""


def hs_code_filter(field: str, code: str) -> Q:
    """Rows whose HS list (JSON) holds ``code`` or a code under it (a chapter's headings)."""
    return Q(**{f"{field}__icontains": f'"{code}'})


def sector_filter(field: str, sector_key: str) -> Q:
    """Rows whose ISIC list (JSON) holds any division of the expo sector."""
    condition = Q()
    for division in reference.sector_isic_divisions(sector_key):
        condition |= Q(**{f"{field}__icontains": f'"{division}"'})
    return condition


def organisation_list_public(
    *, event: Event, filters: OrganisationFilters | None = None
) -> QuerySet[Organisation]:
    filters = filters or OrganisationFilters()
    # A correlated count, not a JOIN + GROUP BY over every column (3x slower on the demo).
    published = (
        Opportunity.objects.filter(organisation=OuterRef("pk"), status=Opportunity.Status.PUBLISHED)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    organisations = public_organisations(event=event).annotate(
        published_opportunities=Coalesce(Subquery(published, output_field=IntegerField()), 0)
    )
    if filters.q:
        organisations = organisations.filter(search_text__contains=filters.q.lower())
    if filters.country:
        organisations = organisations.filter(country=filters.country)
    if filters.sector:
        organisations = organisations.filter(sector_filter("sectors", filters.sector))
    if filters.type:
        organisations = organisations.filter(type=filters.type)
    if filters.exhibitors_only:
        organisations = organisations.filter(is_exhibitor=True)
    if filters.delegation is not None:
        organisations = organisations.filter(delegation_id=filters.delegation)
    if filters.hs:
        offers_it = Opportunity.objects.filter(
            hs_code_filter("hs_codes", filters.hs),
            organisation=OuterRef("pk"),
            status=Opportunity.Status.PUBLISHED,
        )
        organisations = organisations.filter(
            hs_code_filter("hs_codes", filters.hs) | Q(Exists(offers_it))
        )
    if filters.language:
        speaks_it = Participant.objects.filter(
            organisation=OuterRef("pk"),
            status__in=PUBLIC_PARTICIPANT_STATUSES,
            public_listing=True,
            languages__icontains=f'"{filters.language}"',
        )
        organisations = organisations.filter(Exists(speaks_it))
    return organisations.select_related("delegation").order_by("search_text", "id")


def _language_code(value: str) -> str:
    """A language filter as languages are stored ("rus", "RU" -> "ru"); "" if unknown."""
    try:
        return reference.language_code(value) if value else ""
    except KeyError:
        return ""


def organisation_countries(*, event: Event, language: str) -> list[tuple[str, str]]:
    """Countries of the event's organisations, named in ``language``, in that language's
    alphabetical order (Kazakh "Әзірбайжан" after "Ауғанстан", not after "Қытай")."""
    # order_by(): the model's default ordering (event, code) would make every organisation a
    # distinct row, and the filter listed China 152 times in the demo.
    codes = (
        Organisation.objects.filter(event=event)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return reference.country_choices(language, codes)


def organisation_type_choices() -> list[tuple[str, StrOrPromise]]:
    return list(Organisation.Type.choices)


def organisation_languages(*, event: Event, language: str) -> list[tuple[str, str]]:
    """Languages the event's listed delegates speak, named in ``language``, by name."""
    spoken = Participant.objects.filter(
        event=event, status__in=PUBLIC_PARTICIPANT_STATUSES, public_listing=True
    ).values_list("languages", flat=True)
    codes = {code for languages in spoken for code in languages if reference.is_language(code)}
    named = [(code, reference.language_name(code, language)) for code in codes]
    by_name = reference.sort_key(language)
    return sorted(named, key=lambda item: by_name(item[1]))


def delegation_choices(*, event: Event, language: str) -> list[tuple[int, str]]:
    """The event's delegations, named in ``language``, by name."""
    named = [
        (delegation.pk, localize(delegation.name, language) or delegation.code)
        for delegation in Delegation.objects.filter(event=event)
    ]
    by_name = reference.sort_key(language)
    return sorted(named, key=lambda item: by_name(item[1]))


def public_organisations(*, event: Event) -> QuerySet[Organisation]:
    """The organisations the public may see: with an approved delegate, exhibiting, or
    entered by the organisers (no registration at all). Not one that only a pending or
    rejected sign-up brought in, under whatever name it typed, nor one a sign-up brought in
    whose delegates were deleted (a spam registration cleaned up)."""
    delegates = Participant.objects.filter(organisation=OuterRef("pk"))
    approved = delegates.filter(status=Participant.Status.APPROVED)
    entered_by_the_organisers = ~Exists(delegates) & Q(from_sign_up=False)
    return Organisation.objects.filter(event=event).filter(
        Exists(approved) | Q(is_exhibitor=True) | entered_by_the_organisers
    )


def public_organisation_get(*, event: Event, pk: int, field: str | None = None) -> Organisation:
    """One organisation of ``public_organisations``: one the catalogue hides is not found,
    as in the catalogue (its name, typed by a pending or rejected sign-up, stays unseen)."""
    organisation = public_organisations(event=event).filter(pk=pk).first()
    if organisation is None:
        raise NotFound(gettext("No such organisation in this event."), field=field)
    return organisation


def organisation_get_public(*, event: Event, pk: int) -> Organisation:
    organisation = (
        public_organisations(event=event)
        .filter(pk=pk)
        .select_related("delegation")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(
                    status__in=PUBLIC_PARTICIPANT_STATUSES, public_listing=True
                ),
                to_attr="public_participants",
            ),
            "booths__hall",
        )
        .first()
    )
    if organisation is None:
        raise NotFound("No such organisation in this event.")
    return organisation


def organisation_opportunities_public(*, organisation: Organisation) -> QuerySet[Opportunity]:
    return organisation.opportunities.filter(status=Opportunity.Status.PUBLISHED).order_by(
        "direction", "id"
    )


def participant_for_user(*, event: Event, user: Any) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(event=event, user=user).select_related("organisation").first()


# --- Profile completeness ----------------------------------------------------------------


# The items of a complete profile: what matchmaking and other delegates rely on. One
# definition for the delegate's own page and the organisers' dashboard (they used to count
# 10 and 3 different items). Each is (what it is, whether a participant has done it given
# whether its organisation has an offer or request).
PROFILE_ITEMS: tuple[tuple[StrOrPromise, Callable[[Participant, bool], bool]], ...] = (
    (gettext_lazy("your job title"), lambda p, _: bool(any(p.title.values()))),
    (gettext_lazy("the languages you speak"), lambda p, _: bool(p.languages)),
    (gettext_lazy("a contact e-mail or phone"), lambda p, _: bool(p.contact_email or p.phone)),
    (gettext_lazy("your arrival and departure"), lambda p, _: bool(p.arrives_at and p.departs_at)),
    (gettext_lazy("your target countries"), lambda p, _: bool(p.target_countries)),
    (
        gettext_lazy("a description of your organisation"),
        lambda p, _: bool(any(p.organisation.description.values())),
    ),
    (gettext_lazy("your organisation's sectors"), lambda p, _: bool(p.organisation.sectors)),
    (gettext_lazy("your products' HS codes"), lambda p, _: bool(p.organisation.hs_codes)),
    (gettext_lazy("your organisation's website"), lambda p, _: bool(p.organisation.website)),
    (gettext_lazy("an offer or a request"), lambda _, has_opportunity: has_opportunity),
)


def participant_profile_items(
    participant: Participant, *, has_opportunity: bool
) -> list[tuple[bool, StrOrPromise]]:
    """Each item of a complete profile as (done, what it is)."""
    return [(done(participant, has_opportunity), label) for label, done in PROFILE_ITEMS]
