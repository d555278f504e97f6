"""Helpers to build import files in memory: CSV in any encoding, XLSX with any sheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import pytest

from keruen.common.errors import Problem
from keruen.imports.services import ImportRefused, ImportReport, import_file


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(
    event: Any, kind: str, data: bytes, filename: str = "file.csv", **options: Any
) -> ImportReport:
    return import_file(event=event, kind=kind, data=data, filename=filename, **options)


def refused(
    event: Any, kind: str, data: bytes, filename: str = "file.csv", **options: Any
) -> list[Problem]:
    """The problems of an import that must be refused."""
    with pytest.raises(ImportRefused) as error:
        run(event, kind, data, filename, **options)
    return error.value.problems


def lines(problems: Sequence[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


ORGANISATION_HEADER = [
    "code",
    "name_en",
    "name_ru",
    "country",
    "city",
    "sectors",
    "hs_codes",
    "type",
]


def organisation_row(code: str = "kaz-grain", **values: str) -> list[str]:
    defaults = {
        "name_en": "KazGrain",
        "name_ru": "КазГрейн",
        "country": "KZ",
        "city": "Astana",
        "sectors": "01;10",
        "hs_codes": "10",
        "type": "company",
    }
    defaults.update(values)
    return [code, *(defaults[name] for name in ORGANISATION_HEADER[1:])]


PARTICIPANT_HEADER = [
    "email",
    "given_name",
    "family_name",
    "organisation_code",
    "languages",
    "public_listing",
]


def participant_row(email: str, organisation: str = "kaz-grain", **values: str) -> list[str]:
    defaults = {
        "given_name": "Aigerim",
        "family_name": "Nurlanova",
        "organisation_code": organisation,
        "languages": "kk;ru",
        "public_listing": "yes",
    }
    defaults.update(values)
    return [email, *(defaults[name] for name in PARTICIPANT_HEADER[1:])]


@pytest.fixture
def organiser(db):
    """A superuser at the admin's import page."""
    from tests.factories import UserFactory

    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, organiser):
    client.force_login(organiser)
    return client
