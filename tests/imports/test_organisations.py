"""Importing organisations: happy paths, every kind of bad row, update vs refuse."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.imports import services as import_services
from keruen.imports.services import ImportRefused
from keruen.people.models import Organisation
from keruen.people.services import organisation_update
from tests.factories import DelegationFactory, OrganisationFactory
from tests.imports.conftest import (
    ORGANISATION_HEADER,
    csv_bytes,
    lines,
    organisation_row,
    refused,
    run,
    xlsx_bytes,
)


def test_csv_happy_path(event) -> None:
    data = csv_bytes(
        [
            [
                "Code",
                " Name EN ",
                "name_zh",
                "COUNTRY",
                "sectors",
                "hs_codes",
                "website",
                "is_exhibitor",
                "size",
            ],
            [
                "kaz-grain",
                "KazGrain",
                "",
                "kz",
                "01; 10",
                "10;10.01",
                "kazgrain.example.com",
                "yes",
                "large",
            ],
            ["xj-agri", "", "新疆农机", "CN", "C", "", "", "", ""],
        ],
        delimiter=";",
    )
    report = run(event, "organisations", data)
    assert report.created == 2
    assert report.summary().startswith("Imported 2 organisations into")
    grain = Organisation.objects.get(event=event, code="kaz-grain")
    assert grain.name == {"en": "KazGrain"}
    assert grain.country == "KZ"
    assert grain.sectors == ["01", "10"]
    assert grain.hs_codes == ["10", "1001"]
    assert grain.website == "https://kazgrain.example.com"
    assert grain.is_exhibitor is True
    assert grain.language == "en"
    agri = Organisation.objects.get(event=event, code="xj-agri")
    assert agri.name == {"zh-hans": "新疆农机"}
    assert agri.language == "zh"  # the only name given is Chinese
    assert agri.type == "company"
    assert agri.is_exhibitor is False


def test_xlsx_happy_path(event) -> None:
    delegation = DelegationFactory(event=event, code="kz-gov")
    data = xlsx_bytes(
        {
            "organisations": [
                [
                    "code",
                    "name_ru",
                    "name_kk",
                    "country",
                    "sectors",
                    "delegation_code",
                    "is_exhibitor",
                ],
                ["kz-invest", "Казах Инвест", "Қазақ Инвест", "KZ", "64", "KZ-GOV", True],
                ["almaty-uni", "Университет", None, "KZ", 85, None, False],
            ]
        }
    )
    report = run(event, "organisations", data, "orgs.xlsx")
    assert report.created == 2
    assert report.source == "XLSX sheet 'organisations'"
    invest = Organisation.objects.get(event=event, code="kz-invest")
    assert invest.delegation == delegation
    assert invest.is_exhibitor is True
    assert invest.name == {"ru": "Казах Инвест", "kk": "Қазақ Инвест"}
    assert Organisation.objects.get(code="almaty-uni").sectors == ["85"]  # number cell 85 -> "85"


def test_unknown_country_is_reported_with_row_and_column(event) -> None:
    data = csv_bytes(
        [ORGANISATION_HEADER, organisation_row(), organisation_row("uz-tex", country="XZ")]
    )
    problems = refused(event, "organisations", data)
    assert lines(problems) == ["row 3, column country: 'XZ' is not an ISO 3166-1 country code"]
    assert not Organisation.objects.exists()


def test_invalid_isic_and_hs_codes(event) -> None:
    data = csv_bytes(
        [
            ORGANISATION_HEADER,
            organisation_row(sectors="01;99x;1", hs_codes="10;77;123;8479.99"),
        ]
    )
    problems = lines(refused(event, "organisations", data))
    assert len(problems) == 2
    sectors, hs_codes = problems
    assert sectors.startswith("row 2, column sectors: '99x' is not an ISIC Rev.4 division")
    assert "'1' is not an ISIC" in sectors
    assert "write 01, not 1" in sectors
    assert hs_codes.startswith("row 2, column hs_codes: '77' is not an HS chapter")  # reserved
    assert "'123'" in hs_codes
    assert "leading zero" in hs_codes
    assert "'8479.99' is not one of the HS headings Keruen knows; give its chapter (84)" in hs_codes


def test_missing_required_field_and_no_name(event) -> None:
    data = csv_bytes(
        [ORGANISATION_HEADER, organisation_row("", name_en="", name_ru="", country="")]
    )
    problems = lines(refused(event, "organisations", data))
    assert problems == [
        "row 2, column code: required, but the cell is empty",
        "row 2, column name_en: give the name in at least one of name_en, name_ru",
        "row 2, column country: required, but the cell is empty",
    ]


def test_header_missing_a_required_column(event) -> None:
    header = [name for name in ORGANISATION_HEADER if name != "country"]
    row = [
        value
        for name, value in zip(ORGANISATION_HEADER, organisation_row(), strict=True)
        if name != "country"
    ]
    problems = lines(refused(event, "organisations", csv_bytes([header, row])))
    # Reported once, at the header, not again on every row.
    assert problems == ["row 1: the required column 'country' is missing"]


def test_header_without_any_name_column(event) -> None:
    data = csv_bytes([["code", "country"], ["kaz-grain", "KZ"]])
    problems = lines(refused(event, "organisations", data))
    assert problems == [
        "row 1: give at least one of the columns name_en, name_zh, name_ru, name_kk"
    ]


def test_unknown_extra_column_is_an_error_with_a_suggestion(event) -> None:
    data = csv_bytes([[*ORGANISATION_HEADER, "websit"], [*organisation_row(), "x.kz"]])
    problems = lines(refused(event, "organisations", data))
    assert len(problems) == 1
    assert problems[0].startswith("row 1, column websit: unknown column; did you mean 'website'?")
    assert not Organisation.objects.exists()


def test_comment_columns_are_ignored_and_reported(event) -> None:
    data = csv_bytes([[*ORGANISATION_HEADER, "# notes"], [*organisation_row(), "call back in May"]])
    report = run(event, "organisations", data)
    assert report.created == 1
    assert report.ignored_columns == ("# notes",)


def test_duplicate_header_and_data_beyond_the_header(event) -> None:
    data = csv_bytes([[*ORGANISATION_HEADER, "City", ""], [*organisation_row(), "Almaty", "lost"]])
    problems = lines(refused(event, "organisations", data))
    assert "row 1, column city: appears twice (column 5 (E) and column 9 (I))" in problems
    assert "row 1: column 10 (J) has no name in the header, but it has data (row 2)" in problems


def test_data_beyond_the_header_is_reported_once_per_column(event) -> None:
    rows = [[*organisation_row(f"org-{n}"), "stray"] for n in range(7)]
    data = xlsx_bytes({"organisations": [ORGANISATION_HEADER, *rows]})
    problems = lines(refused(event, "organisations", data, "orgs.xlsx"))
    assert problems == [
        "row 1: column 9 (I) has no name in the header, but it has data (rows 2, 3, 4, 5, 6 "
        "and 2 more)"
    ]


def test_two_rows_where_row_two_is_bad_writes_nothing(event) -> None:
    data = csv_bytes(
        [ORGANISATION_HEADER, organisation_row("good"), organisation_row("bad", sectors="ZZ")]
    )
    problems = refused(event, "organisations", data)
    assert [(p.row, p.field) for p in problems] == [(3, "sectors")]
    assert not Organisation.objects.filter(event=event).exists()


def test_every_problem_of_the_file_is_collected(event) -> None:
    data = csv_bytes(
        [
            ORGANISATION_HEADER,
            organisation_row("a", country="XX"),
            organisation_row("b", hs_codes="abc"),
            organisation_row("c"),
            organisation_row("d", type="charity", sectors="04"),
        ]
    )
    problems = refused(event, "organisations", data)
    assert [(p.row, p.field) for p in problems] == [
        (2, "country"),
        (3, "hs_codes"),
        (5, "sectors"),
        (5, "type"),
    ]
    assert "'charity' is not one of: company, government, agency" in problems[3].message


def test_duplicate_code_within_the_file(event) -> None:
    data = csv_bytes(
        [ORGANISATION_HEADER, organisation_row("kaz-grain"), organisation_row("KAZ-Grain")]
    )
    problems = lines(refused(event, "organisations", data))
    assert problems == ["row 3, column code: 'KAZ-Grain' appears again (first on row 2)"]


def test_invalid_code(event) -> None:
    problems = lines(
        refused(
            event, "organisations", csv_bytes([ORGANISATION_HEADER, organisation_row("Kaz Grain")])
        )
    )
    assert problems == [
        "row 2, column code: 'Kaz Grain' is not a valid code: use only letters a-z, digits, "
        "'-' and '_' (no spaces)"
    ]


def test_existing_code_is_refused_without_update(event, other_event) -> None:
    OrganisationFactory(event=event, code="kaz-grain", name={"en": "Old name"})
    OrganisationFactory(event=other_event, code="uz-tex")  # another event's code is free here
    data = csv_bytes(
        [ORGANISATION_HEADER, organisation_row("kaz-grain"), organisation_row("uz-tex")]
    )
    problems = lines(refused(event, "organisations", data))
    assert len(problems) == 1
    assert problems[0].startswith("row 2, column code: the organisation 'kaz-grain' already exists")
    assert "--update" in problems[0]
    assert Organisation.objects.get(event=event, code="kaz-grain").name == {"en": "Old name"}


def test_update_changes_only_the_columns_in_the_file(event) -> None:
    existing = OrganisationFactory(
        event=event,
        code="kaz-grain",
        name={"en": "Old", "ru": "Старое"},
        city="Kostanay",
        sectors=["01"],
    )
    data = csv_bytes(
        [
            ["code", "name_en", "city", "hs_codes"],
            ["KAZ-GRAIN", "KazGrain Holding", "", "10"],
            ["new-one", "New", "", ""],
        ]
    )
    problems = lines(refused(event, "organisations", data, update=True))
    assert problems == ["row 1: the required column 'country' is missing"]
    data = csv_bytes(
        [
            ["code", "name_en", "city", "hs_codes", "country"],
            ["KAZ-GRAIN", "KazGrain Holding", "", "10", "KZ"],
            ["new-one", "New", "", "", "UZ"],
        ]
    )
    report = run(event, "organisations", data, update=True)
    assert (report.created, report.updated) == (1, 1)
    existing.refresh_from_db()
    assert existing.code == "kaz-grain"
    assert existing.name == {"en": "KazGrain Holding", "ru": "Старое"}  # name_ru not in the file
    assert existing.city == ""  # an empty cell in a present column clears it
    assert existing.hs_codes == ["10"]
    assert existing.sectors == ["01"]  # column absent: kept


def test_update_cannot_remove_the_last_name(event) -> None:
    OrganisationFactory(event=event, code="kaz-grain", name={"en": "Old"})
    data = csv_bytes([["code", "name_en", "country"], ["kaz-grain", "", "KZ"]])
    problems = lines(refused(event, "organisations", data, update=True))
    assert problems == ["row 2, column name_en: give the name in at least one of name_en"]


def test_update_is_for_organisations_only(event) -> None:
    with pytest.raises(Exception, match="Only organisations can be updated"):
        run(event, "participants", csv_bytes([["email"], ["a@example.com"]]), update=True)


def test_unknown_delegation_code(event) -> None:
    data = csv_bytes([[*ORGANISATION_HEADER, "delegation_code"], [*organisation_row(), "kz-gov"]])
    problems = lines(refused(event, "organisations", data))
    assert problems == [
        "row 2, column delegation_code: no delegation with the code 'kz-gov' in this event "
        "(create it in the admin first)"
    ]


def test_xlsx_formula_error_and_date_where_text_is_expected(event) -> None:
    data = xlsx_bytes(
        {
            "organisations": [
                ["code", "name_en", "country", "city"],
                ["kaz-grain", "KazGrain", "KZ", "#DIV/0!"],
                ["uz-tex", "UzTex", "UZ", dt.datetime(2026, 3, 12, 0, 0)],
            ]
        }
    )
    problems = lines(refused(event, "organisations", data, "orgs.xlsx"))
    assert problems == [
        "row 2, column city: the cell holds the formula error #DIV/0!; fix the formula or type "
        "the value",
        "row 3, column city: a date/time cell (2026-03-12) where text is expected; format the "
        "column as Text and type the value again",
    ]
    assert not Organisation.objects.exists()


def test_header_only_file_is_refused(event) -> None:
    problems = lines(refused(event, "organisations", csv_bytes([ORGANISATION_HEADER])))
    assert problems == ["row 1: The file has a header but no data rows."]


def test_too_long_text_is_reported(event) -> None:
    data = csv_bytes([ORGANISATION_HEADER, organisation_row(city="A" * 101)])
    assert lines(refused(event, "organisations", data)) == [
        "row 2, column city: is 101 characters long; at most 100 are allowed"
    ]


def test_refusal_message_counts_problems(event) -> None:
    data = csv_bytes([ORGANISATION_HEADER, organisation_row(country="XX", sectors="ZZ")])
    with pytest.raises(ImportRefused) as error:
        run(event, "organisations", data)
    assert error.value.message == "2 problems; nothing was imported."
    assert error.value.rows == 1


def test_country_name_instead_of_code_gets_a_hint(event) -> None:
    data = csv_bytes([ORGANISATION_HEADER, organisation_row(country="Казахстан")])
    assert lines(refused(event, "organisations", data)) == [
        "row 2, column country: 'Казахстан' is not an ISO 3166-1 country code "
        "(for 'Казахстан' write KZ)"
    ]


def test_country_alpha3_code_is_stored_as_its_alpha2_code(event) -> None:
    data = csv_bytes([ORGANISATION_HEADER, organisation_row(country="kaz")])
    run(event, "organisations", data)
    assert Organisation.objects.get(event=event, code="kaz-grain").country == "KZ"


def test_country_numeric_code_gets_a_hint(event) -> None:
    data = xlsx_bytes({"organisations": [ORGANISATION_HEADER, organisation_row(country=398)]})
    assert lines(refused(event, "organisations", data, "orgs.xlsx")) == [
        "row 2, column country: '398' is not a two-letter country code "
        "(Kazakhstan has the ISO 3166-1 numeric code 398: write KZ)"
    ]


def _edited_in_the_console_while_validating(monkeypatch, organisation, **fields) -> None:
    """Between reading the file and writing it (6,000 rows take about 30 s in the worker),
    an organiser saves the organisation in the console."""
    real_write = import_services._write

    def write_after_the_edit(*args, **kwargs):
        organisation_update(organisation=Organisation.objects.get(pk=organisation.pk), **fields)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(import_services, "_write", write_after_the_edit)


def test_update_keeps_what_was_edited_meanwhile_and_the_file_does_not_change(
    event, monkeypatch
) -> None:
    organisation = OrganisationFactory(
        event=event,
        code="kaz-grain",
        name={"en": "KazGrain", "zh-hans": "旧名"},
        description={"en": "Old description"},
    )
    _edited_in_the_console_while_validating(
        monkeypatch,
        organisation,
        description={"en": "New description"},
        name={"en": "KazGrain", "zh-hans": "哈萨克粮食"},
    )
    data = csv_bytes(
        [["code", "name_en", "country", "city"], ["kaz-grain", "KazGrain", "KZ", "Oral"]]
    )
    assert run(event, "organisations", data, update=True).updated == 1
    organisation.refresh_from_db()
    assert organisation.description == {"en": "New description"}
    assert organisation.name == {"en": "KazGrain", "zh-hans": "哈萨克粮食"}
    assert organisation.city == "Oral"


def test_update_refuses_a_value_the_file_and_an_edit_meanwhile_both_change(
    event, monkeypatch
) -> None:
    organisation = OrganisationFactory(event=event, code="kaz-grain", city="Kostanay")
    _edited_in_the_console_while_validating(monkeypatch, organisation, city="Astana")
    data = csv_bytes(
        [["code", "name_en", "country", "city"], ["kaz-grain", "KazGrain", "KZ", "Oral"]]
    )
    problems = lines(refused(event, "organisations", data, update=True))
    assert len(problems) == 1
    assert problems[0].startswith("row 2, column city: Someone else changed this")
    organisation.refresh_from_db()
    assert organisation.city == "Astana"


def test_an_update_changes_the_exhibitor_flag_language_and_delegation_nobody_else_edited(
    event,
) -> None:
    first, second = (
        DelegationFactory(event=event, code="d1"),
        DelegationFactory(event=event, code="d2"),
    )
    organisation = OrganisationFactory(
        event=event, code="kaz-grain", is_exhibitor=True, language="en", delegation=first
    )
    header = ["code", "name_en", "country", "is_exhibitor", "language", "delegation_code"]
    data = csv_bytes([header, ["kaz-grain", "KazGrain", "KZ", "no", "ru", "d2"]])
    assert run(event, "organisations", data, update=True).updated == 1
    organisation.refresh_from_db()
    assert (organisation.is_exhibitor, organisation.language) == (False, "ru")
    assert organisation.delegation == second
    cleared = csv_bytes(
        [["code", "name_en", "country", "delegation_code"], ["kaz-grain", "KazGrain", "KZ", ""]]
    )
    assert run(event, "organisations", cleared, update=True).updated == 1
    organisation.refresh_from_db()
    assert organisation.delegation is None
