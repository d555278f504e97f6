"""An export table as a file: CSV (UTF-8 with a byte-order mark) or an XLSX workbook.

Both are what the importer reads back. The CSV starts with a byte-order mark so that Excel,
when the file is double-clicked, decodes Chinese and Cyrillic text as UTF-8. The workbook
holds text as text: a value such as ``=HYPERLINK(…)`` written by a delegate stays a string
(openpyxl would otherwise store it as a formula that runs when the organiser opens the
file), and the import layouts' columns are formatted as Text, so codes such as ``01`` keep
their leading zero when the organiser edits them. In the CSV, a text that a spreadsheet
would run as a formula (it begins with ``=``, ``+``, ``-`` or ``@``: ``=HYPERLINK(…)``, but
also a phone number ``+7 701 …``) is written after an apostrophe, the spreadsheets' own
mark of text; the importer drops that apostrophe again (``imports.readers.text``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

from keruen.console.exports.tables import Cell, ExportTable
from keruen.imports.readers.text import FORMULA_STARTS

UTF8_BOM = b"\xef\xbb\xbf"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Control characters other than tab and line breaks: XLSX cannot hold them and the CSV
# reader refuses them as the sign of a binary file, so neither file keeps them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def csv_text(value: Cell) -> str:
    """A value as a CSV cell: ISO dates, HH:MM times, plain decimals, "" for nothing, and
    text that could run as a formula behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | int):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    text = _clean(str(value))
    # A text that begins with an apostrophe gets one more, so that the importer, which
    # drops the first, gives it back whole.
    return f"'{text}" if text.startswith((*FORMULA_STARTS, "'")) else text


def table_csv(table: ExportTable) -> bytes:
    """The table as CSV: comma-separated, CRLF line ends, UTF-8 with a byte-order mark."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([csv_text(value) for value in row] for row in table.rows)
    return UTF8_BOM + buffer.getvalue().encode("utf-8")


_NUMBER_FORMATS: dict[type, str] = {
    dt.date: "yyyy-mm-dd",
    dt.time: "hh:mm",
    Decimal: "#,##0.00",
}


def table_xlsx(table: ExportTable, *, sheet: str, text_columns: bool) -> bytes:
    """The table on one sheet named ``sheet`` (the import kind, for the import layouts).

    ``text_columns``: format every column as Text (the import layouts, which are all text);
    otherwise numbers, dates and times are typed cells that sort and sum in a spreadsheet.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for index, name in enumerate(table.header, start=1):
        dimension = worksheet.column_dimensions[get_column_letter(index)]
        dimension.width = max(12, min(40, len(name) + 4))
        if text_columns:
            dimension.number_format = "@"
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value: Cell) -> Any:
        if value is None or isinstance(value, int):
            return value
        if isinstance(value, str):
            text = _clean(value)
            if not text.startswith(("=", "#")):
                return text or None  # an empty cell, not an empty string: smaller, faster
            written = WriteOnlyCell(worksheet, text)
            # A string, never a formula, nor an error value such as "#N/A" (openpyxl
            # reads both into a string it is given).
            written.data_type = "s"
            return written
        written = WriteOnlyCell(worksheet, value)
        written.number_format = _NUMBER_FORMATS[type(value)]
        return written

    header = []
    for name in table.header:
        title = WriteOnlyCell(worksheet, name)
        title.font = bold
        header.append(title)
    worksheet.append(header)
    for row in table.rows:
        worksheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
