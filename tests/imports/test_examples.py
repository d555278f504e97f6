"""The shipped example files: in step with the columns, and importable as they are."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from keruen.imports import KINDS
from keruen.imports.examples import example_file
from keruen.imports.examples.build import example_csv
from keruen.imports.kinds import IMPORTERS
from keruen.imports.readers import read_table
from keruen.marketplace.models import Opportunity
from keruen.people.models import Organisation, Participant
from tests.conftest import REPO
from tests.imports.conftest import run


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_csv_is_up_to_date(kind: str) -> None:
    # If this fails: python -m keruen.imports.examples.build
    assert example_file(kind, "csv").read_bytes() == example_csv(kind)


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_xlsx_holds_the_csv_rows_and_explains_every_column(kind: str) -> None:
    data = example_file(kind, "xlsx").read_bytes()
    from_csv = read_table(example_file(kind, "csv").read_bytes(), filename="x.csv", kind=kind)
    from_xlsx = read_table(data, filename="x.xlsx", kind=kind)
    assert from_xlsx.header == from_csv.header
    as_text = [
        tuple("" if value is None else value for value in row.values) for row in from_xlsx.rows
    ]
    assert as_text == [row.values for row in _trimmed(from_csv.rows)]
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    help_rows = list(workbook["columns"].iter_rows(min_row=2, values_only=True))
    workbook.close()
    assert [row[0] for row in help_rows] == [column.name for column in IMPORTERS[kind].columns]


def _trimmed(rows):
    """CSV rows without trailing empty cells, as the XLSX reader returns them."""
    for row in rows:
        values = list(row.values)
        while values and values[-1] == "":
            values.pop()
        yield type(row)(row.number, tuple(values))


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_examples_import_in_order(event, extension: str) -> None:
    for kind in KINDS:
        data = example_file(kind, extension).read_bytes()
        report = run(event, kind, data, f"{kind}.{extension}")
        assert report.created == report.rows > 0
    assert Organisation.objects.filter(event=event).count() == 5
    assert Participant.objects.filter(event=event).count() == 5
    assert Opportunity.objects.filter(event=event).count() == 6
    wheat = Opportunity.objects.get(event=event, title__startswith="Продовольственная")
    assert wheat.author.user.email == "aigerim.nurlanova@example.com"
    assert wheat.text_in("zh")[0] == "三级食用小麦，每年最多5万吨"


def test_docs_describe_every_column() -> None:
    docs = (Path(REPO) / "docs" / "import.md").read_text(encoding="utf-8")
    for kind, importer in IMPORTERS.items():
        section = docs.split(f"## {kind.capitalize()}", 1)[1].split("\n## ", 1)[0]
        for column in importer.columns:
            assert f"`{column.name}`" in section, f"{kind}: {column.name} is not documented"
