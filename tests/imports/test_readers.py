"""Reading files: encodings, separators, sheets, and the files that must be refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from keruen.imports.readers import FileUnreadable, FormulaError, read_table
from keruen.people.models import Organisation
from tests.imports.conftest import (
    ORGANISATION_HEADER,
    csv_bytes,
    organisation_row,
    refused,
    xlsx_bytes,
)

ROWS = [["code", "name_ru", "country"], ["kaz-grain", "КазГрейн", "KZ"]]


def read(data: bytes, filename: str = "file.csv", kind: str = "organisations"):
    return read_table(data, filename=filename, kind=kind)


def unreadable(data: bytes, filename: str = "file.csv", kind: str = "organisations") -> str:
    with pytest.raises(FileUnreadable) as error:
        read(data, filename, kind)
    return error.value.message


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_with_or_without_bom(bom: bool) -> None:
    table = read(csv_bytes(ROWS, bom=bom))
    assert table.header == ("code", "name_ru", "country")  # no BOM glued to "code"
    assert table.rows[0].values == ("kaz-grain", "КазГрейн", "KZ")
    assert table.rows[0].number == 2


def test_semicolon_separator_is_sniffed() -> None:
    rows = [*ROWS, ["uz-tex", "Текстиль, ткани", "UZ"]]
    table = read(csv_bytes(rows, delimiter=";"))
    assert table.header == ("code", "name_ru", "country")
    assert table.rows[1].values[1] == "Текстиль, ткани"
    assert "';'-separated" in table.source


def test_tab_separated_text_is_read() -> None:
    table = read(csv_bytes(ROWS, delimiter="\t"))
    assert table.rows[0].values == ("kaz-grain", "КазГрейн", "KZ")


def test_the_apostrophe_that_marks_formula_like_text_is_dropped() -> None:
    """Spreadsheets (and the console's CSV exports) write '+7 701 … so it is not a formula."""
    rows = [
        ["code", "phone", "title", "city"],
        ["a", "'+7 701 555 0101", "'=SUM(A1:A2)", "'s-Hertogenbosch"],
    ]
    table = read(csv_bytes(rows))
    # Only before a formula's first character: an apostrophe of the text itself stays.
    assert table.rows[0].values == ("a", "+7 701 555 0101", "=SUM(A1:A2)", "'s-Hertogenbosch")


def test_a_multi_line_cell_is_one_row() -> None:
    data = csv_bytes([["code", "description_en"], ["a", "line one\nline two"], ["b", "x"]])
    table = read(data)
    assert [(row.number, row.values[0]) for row in table.rows] == [(2, "a"), (3, "b")]


def test_blank_lines_are_skipped_but_keep_row_numbers() -> None:
    data = b"code,country\r\n\r\nkaz-grain,KZ\r\n,\r\nuz-tex,UZ\r\n"
    table = read(data)
    assert [row.number for row in table.rows] == [3, 5]


def test_cp1251_file_is_refused_naming_the_line() -> None:
    data = "code,name_ru,country\r\nkaz-grain,КазГрейн,KZ\r\n".encode("cp1251")
    message = unreadable(data)
    assert "not UTF-8" in message
    assert "line 2" in message
    assert "Windows-1251" in message
    assert "CSV UTF-8" in message


def test_gbk_file_is_refused() -> None:
    data = "code,name_zh,country\r\nxj,新疆农业机械,CN\r\n".encode("gbk")
    assert "not UTF-8" in unreadable(data)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ("code,country\nkaz-grain,KZ\n".encode("utf-16"), "UTF-16 (Excel's 'Unicode Text')"),
        (b"\xfe\xff" + "code,country\n".encode("utf-16-be"), "UTF-16 text"),
        ("code,country\nkaz-grain,KZ\n".encode("utf-32"), "UTF-32 text"),
    ],
)
def test_utf16_and_utf32_are_refused(data: bytes, named: str) -> None:
    message = unreadable(data)
    assert named in message
    assert "CSV UTF-8" in message


def test_utf16_without_bom_is_refused_as_nul_bytes() -> None:
    message = unreadable("code,country\nkaz-grain,KZ\n".encode("utf-16-le"))
    assert "NUL bytes" in message


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Excel 97-2003 (.xls)"),
    ],
)
def test_binary_files_are_named(data: bytes, what: str) -> None:
    assert what in unreadable(data)


def test_binary_garbage_is_refused() -> None:
    message = unreadable(bytes(range(1, 32)) * 4)
    assert "control character" in message


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n,,\r\n"])
def test_empty_file_is_refused(data: bytes) -> None:
    assert "empty" in unreadable(data)


def test_unclosed_quote_is_refused_with_line() -> None:
    data = b'code,country\r\nkaz-grain,KZ\r\n"uz-tex,UZ\r\n'
    # An unclosed quote swallows the rest of the file: csv reports it at the end.
    message = unreadable(data)
    assert "not valid CSV" in message
    assert "quotation mark" in message


def test_text_file_named_xlsx_is_refused() -> None:
    assert "not one" in unreadable(csv_bytes(ROWS), filename="organisations.xlsx")


def test_xlsx_reads_the_sheet_named_after_the_kind() -> None:
    data = xlsx_bytes({"notes": [["read me"]], "Organisations": ROWS})
    table = read(data, "orgs.xlsx")
    assert table.header == ("code", "name_ru", "country")
    assert table.source == "XLSX sheet 'Organisations'"


def test_xlsx_reads_the_only_sheet_whatever_its_name() -> None:
    table = read(xlsx_bytes({"Sheet1": ROWS}), "orgs.xlsx")
    assert table.rows[0].values == ("kaz-grain", "КазГрейн", "KZ")


def test_xlsx_without_the_kinds_sheet_names_the_sheets_found() -> None:
    data = xlsx_bytes({"Sheet1": ROWS, "Sheet2": ROWS})
    message = unreadable(data, "orgs.xlsx")
    assert "none is named 'organisations'" in message
    assert "'Sheet1', 'Sheet2'" in message


def test_xlsx_whose_only_sheet_is_another_kind_is_refused() -> None:
    message = unreadable(xlsx_bytes({"participants": ROWS}), "orgs.xlsx")
    assert "only sheet is 'participants'" in message
    assert "importing organisations" in message


def test_xlsx_with_an_empty_sheet_is_refused() -> None:
    assert "is empty" in unreadable(xlsx_bytes({"organisations": []}), "orgs.xlsx")


def test_xlsx_keeps_cell_types_for_the_validator() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "city", "phone"])
    sheet.append(["kaz-grain", dt.date(2026, 3, 12), 77015550101])
    sheet["B3"] = "#REF!"  # openpyxl stores error literals as error cells, as Excel does
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read(buffer.getvalue(), "orgs.xlsx")
    assert table.rows[0].values == ("kaz-grain", dt.datetime(2026, 3, 12), 77015550101)
    assert table.rows[1].number == 3
    assert table.rows[1].values == (None, FormulaError("#REF!"))


def test_damaged_xlsx_is_refused() -> None:
    data = xlsx_bytes({"organisations": ROWS})
    assert "damaged" in unreadable(data[: len(data) // 2], "orgs.xlsx")


@pytest.mark.parametrize(
    ("members", "what"),
    [
        (
            {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
            ".ods",
        ),
        ({"word/document.xml": "<x/>"}, ".docx"),
        ({"readme.txt": "hello"}, "a ZIP archive"),
    ],
)
def test_other_zip_formats_are_named(members: dict[str, str], what: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    assert what in unreadable(buffer.getvalue(), "orgs.xlsx")


def test_encoding_problem_reaches_the_report_and_writes_nothing(event) -> None:
    data = csv_bytes([ORGANISATION_HEADER, organisation_row()], encoding="cp1251")
    problems = refused(event, "organisations", data)
    assert len(problems) == 1
    assert "not UTF-8" in problems[0].message
    assert not Organisation.objects.exists()


def test_workbook_without_a_worksheet_is_refused() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.create_chartsheet("chart")
    workbook.remove(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "no worksheet" in unreadable(buffer.getvalue(), "orgs.xlsx")


def _with_stated_size(data: bytes, size: str) -> bytes:
    """The workbook with its sheet's stored size ("dimension") rewritten, as some generators
    and hand edits leave it: stale."""
    import re

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(
                    rb'<dimension ref="[^"]*"/>', f'<dimension ref="{size}"/>'.encode(), content
                )
            target.writestr(item, content)
    return out.getvalue()


def test_xlsx_with_a_stale_size_is_read_whole() -> None:
    rows = [ROWS[0], *([f"org-{n}", f"Организация {n}", "KZ"] for n in range(50))]
    table = read(_with_stated_size(xlsx_bytes({"organisations": rows}), "A1:C10"), "o.xlsx")
    assert len(table.rows) == 50
    assert table.rows[-1].values == ("org-49", "Организация 49", "KZ")
    # Claiming all 16,384 columns: each row is its own cells, not padded to the claim.
    wide = read(_with_stated_size(xlsx_bytes({"organisations": rows}), "A1:XFD300"), "o.xlsx")
    assert max(len(row.values) for row in wide.rows) == 3


def test_xlsx_with_a_stray_cell_far_to_the_right_is_refused_naming_it() -> None:
    rows = [ROWS[0], ROWS[1], [*ROWS[1][:3], *([None] * 250), "stray"]]
    message = unreadable(xlsx_bytes({"organisations": rows}), "o.xlsx")
    assert "Row 3 has a value in column IT" in message  # the 254th
    assert "at most 200 columns" in message


def test_xlsx_with_too_many_rows_is_refused_before_it_is_read_whole(monkeypatch) -> None:
    from keruen.imports.readers import workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 5)
    rows = [ROWS[0], *([f"org-{n}", "Организация", "KZ"] for n in range(6))]
    message = unreadable(xlsx_bytes({"organisations": rows}), "o.xlsx")
    assert "has more than 5 rows; split it" in message


def test_a_formula_saved_without_its_value_is_refused_naming_the_cell() -> None:
    rows = [*ROWS, ["kaz-grain-2", '=B2&" 2"', "KZ"]]
    # openpyxl, like a script exporting from a CRM, stores the formula without its value.
    message = unreadable(xlsx_bytes({"organisations": rows}), "orgs.xlsx")
    assert "Cell B3 of the sheet 'organisations' holds a formula that was never calculated" in (
        message
    )
    assert "Excel or LibreOffice" in message


def test_a_formula_in_a_sheet_that_is_not_imported_does_not_matter() -> None:
    data = xlsx_bytes({"organisations": ROWS, "notes": [["=1+1"]]})
    assert read(data, "orgs.xlsx").rows[0].values == ("kaz-grain", "КазГрейн", "KZ")


def _as_excel_saves_it(data: bytes, cell: str, value: str) -> bytes:
    """The workbook with ``cell``'s formula calculated to the text ``value``, as Excel and
    LibreOffice save it (t="str" and the value beside the formula)."""
    calculated = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(calculated, "w") as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(
                    f'<c r="{cell}">'.encode(), f'<c r="{cell}" t="str">'.encode()
                ).replace(b"<v />", f"<v>{value}</v>".encode() if value else b"<v/>")
            target.writestr(item, content)
    return calculated.getvalue()


def test_a_formula_with_its_calculated_value_is_read_as_the_value() -> None:
    rows = [*ROWS, ["kaz-grain-2", '=B2&" 2"', "KZ"]]
    data = _as_excel_saves_it(xlsx_bytes({"organisations": rows}), "B3", "КазГрейн 2")
    table = read(data, "orgs.xlsx")
    assert table.rows[1].values == ("kaz-grain-2", "КазГрейн 2", "KZ")


def test_a_formula_calculated_to_empty_text_is_an_empty_cell() -> None:
    """Excel saves =IF(A2="","",A2) that gives "" as t="str" with an empty value."""
    rows = [[*ROWS[0], "city"], [*ROWS[1], '=IF(A2="","",A2)']]
    data = _as_excel_saves_it(xlsx_bytes({"organisations": rows}), "D2", "")
    assert read(data, "orgs.xlsx").rows[0].values == ("kaz-grain", "КазГрейн", "KZ")


def test_a_formula_in_a_notes_column_does_not_matter() -> None:
    rows = [[*ROWS[0], "# checked"], [*ROWS[1], "=TODAY()"]]
    assert read(xlsx_bytes({"organisations": rows}), "orgs.xlsx").rows[0].values[:3] == (
        "kaz-grain",
        "КазГрейн",
        "KZ",
    )
