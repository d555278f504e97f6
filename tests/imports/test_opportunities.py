"""Importing opportunities: authors, translations, duplicates."""

from __future__ import annotations

from keruen.marketplace.models import Opportunity
from tests.factories import OpportunityFactory, OrganisationFactory, ParticipantFactory, UserFactory
from tests.imports.conftest import csv_bytes, lines, refused, run, xlsx_bytes

HEADER = [
    "organisation_code",
    "author_email",
    "direction",
    "kind",
    "language",
    "title",
    "body",
    "sectors",
    "hs_codes",
]


def row(**values: str) -> list[str]:
    defaults = {
        "organisation_code": "kaz-grain",
        "author_email": "",
        "direction": "offer",
        "kind": "product",
        "language": "en",
        "title": "Milling wheat, 50,000 t",
        "body": "Class 3 wheat of the 2026 harvest.",
        "sectors": "01",
        "hs_codes": "10",
    }
    defaults.update(values)
    return [defaults[name] for name in HEADER]


def test_csv_happy_path_with_author_and_translation(event) -> None:
    organisation = OrganisationFactory(event=event, code="kaz-grain")
    author = ParticipantFactory(
        event=event, organisation=organisation, user=UserFactory(email="a@example.com")
    )
    data = csv_bytes(
        [
            [*HEADER, "title_ru", "body_ru", "target_countries", "status"],
            [*row(author_email="A@example.com"), "Пшеница", "Пшеница 3 класса.", "CN;UZ", ""],
            [*row(direction="request", kind="service", title="Storage"), "", "", "", "draft"],
        ]
    )
    report = run(event, "opportunities", data)
    assert report.created == 2
    offer = Opportunity.objects.get(event=event, direction="offer")
    assert offer.author == author
    assert offer.translations == {"ru": {"title": "Пшеница", "body": "Пшеница 3 класса."}}
    assert offer.target_countries == ["CN", "UZ"]
    assert offer.status == "published"
    assert offer.text_in("ru") == ("Пшеница", "Пшеница 3 класса.")
    assert Opportunity.objects.get(event=event, direction="request").status == "draft"


def test_xlsx_happy_path(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    data = xlsx_bytes(
        {"opportunities": [HEADER, row(language="ZH", title="小麦", body="三级小麦")]}
    )
    run(event, "opportunities", data, "opps.xlsx")
    assert Opportunity.objects.get(event=event).language == "zh"


def test_author_of_another_organisation_and_unknown_author(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    ParticipantFactory(
        event=event,
        organisation=OrganisationFactory(event=event, code="uz-tex"),
        user=UserFactory(email="b@example.com"),
    )
    data = csv_bytes(
        [
            HEADER,
            row(author_email="b@example.com"),
            row(author_email="nobody@example.com", title="Other"),
        ]
    )
    problems = lines(refused(event, "opportunities", data))
    assert problems == [
        "row 2, column author_email: 'b@example.com' is registered with the organisation "
        "'uz-tex', not 'kaz-grain'",
        "row 3, column author_email: 'nobody@example.com' is not a participant of this event "
        "(import the participants first)",
    ]


def test_bad_choices_and_unknown_organisation(event) -> None:
    data = csv_bytes(
        [HEADER, row(organisation_code="ghost", direction="sell", kind="goods", language="de")]
    )
    problems = lines(refused(event, "opportunities", data))
    assert problems == [
        "row 2, column organisation_code: no organisation with the code 'ghost' in this event "
        "(import the organisations first)",
        "row 2, column direction: 'sell' is not one of: offer, request",
        "row 2, column kind: 'goods' is not one of: product, service, investment, project, "
        "partnership, expertise",
        "row 2, column language: 'de' is not one of: en, zh, ru, kk",
    ]


def test_half_translation_and_translation_in_own_language(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    data = csv_bytes(
        [
            [*HEADER, "title_ru", "body_ru", "title_en", "body_en"],
            [*row(), "Пшеница", "", "", ""],
            [*row(title="Other"), "", "", "Again", "Body"],
        ]
    )
    problems = lines(refused(event, "opportunities", data))
    assert problems == [
        "row 2, column body_ru: a translation needs both its title and its body",
        "row 3, column title_en: the opportunity is written in en: put its text in title and body",
    ]


def test_duplicates_in_file_and_in_database(event) -> None:
    organisation = OrganisationFactory(event=event, code="kaz-grain")
    OpportunityFactory(organisation=organisation, title="Storage", direction="request")
    data = csv_bytes(
        [
            HEADER,
            row(),
            row(title="MILLING WHEAT, 50,000 T "),
            row(direction="request", title="storage"),
        ]
    )
    problems = lines(refused(event, "opportunities", data))
    assert problems == [
        "row 3, column title: the same offer of 'kaz-grain' appears again (first on row 2)",
        "row 4, column title: 'kaz-grain' already has an opportunity (request) with this title "
        "in this event",
    ]
    assert Opportunity.objects.filter(event=event).count() == 1


def test_required_text_missing_and_too_long(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain")
    data = csv_bytes([HEADER, row(title="", body="x" * 10001)])
    assert lines(refused(event, "opportunities", data)) == [
        "row 2, column title: required, but the cell is empty",
        "row 2, column body: is 10001 characters long; at most 10000 are allowed",
    ]
