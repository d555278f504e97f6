"""XLSX workbooks through openpyxl, streamed (read-only) and with formulas' cached values."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext, ngettext, pgettext

from keruen.imports import KINDS, MAX_COLUMNS, MAX_ROWS
from keruen.imports.messages import listed
from keruen.imports.readers import (
    SAVE_AS_HINT,
    CellValue,
    FileUnreadable,
    FormulaError,
    RawRow,
    RawTable,
    is_blank,
)
from keruen.imports.readers.formulas import refuse_uncalculated_formulas


def read_xlsx(data: bytes, *, kind: str) -> RawTable:
    """Read the sheet named after ``kind`` (or the only sheet) of a workbook."""
    import openpyxl

    _refuse_other_zip_formats(data)
    # openpyxl warns about workbook features it ignores (data validation, conditional
    # formatting, missing default styles); they do not change cell values, and an
    # organiser's spreadsheet must not fail because of them.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged workbook
            unreadable = gettext("The file is not a readable XLSX workbook (%(error)s). %(hint)s")
            raise FileUnreadable(
                unreadable % {"error": type(error).__name__, "hint": SAVE_AS_HINT}
            ) from error
        try:
            sheet = choose_sheet(workbook.worksheets, kind=kind, all_names=workbook.sheetnames)
            # The size a sheet says it has is stored in the file and can be stale: too small
            # (rows beyond it would be skipped) or huge (every row padded to 16,384 cells).
            # Forget it and read the cells that are there.
            sheet.reset_dimensions()
            non_blank = _non_blank_records(sheet)
        finally:
            workbook.close()
    if not non_blank:
        raise FileUnreadable(gettext("The sheet '%(sheet)s' is empty.") % {"sheet": sheet.title})
    header_row, header = non_blank[0]
    names = tuple("" if cell is None else str(cell) for cell in header)
    refuse_uncalculated_formulas(data, sheet.title, header=names, header_row=header_row)
    return RawTable(
        header=names,
        header_row=header_row,
        rows=tuple(RawRow(number, values) for number, values in non_blank[1:]),
        source=f"XLSX sheet {sheet.title!r}",
    )


def _refuse_other_zip_formats(data: bytes) -> None:
    """Name the format when a ZIP file is not an XLSX workbook (ODS, DOCX, plain ZIP)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = (
                archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
            )
    except (zipfile.BadZipFile, OSError) as error:
        damaged = gettext("The file is a damaged ZIP/XLSX archive. %(hint)s")
        raise FileUnreadable(damaged % {"hint": SAVE_AS_HINT}) from error
    if "xl/workbook.xml" in names:
        if not any(name.startswith("xl/worksheets/") for name in names):
            # openpyxl fails obscurely on a workbook of chart sheets only; say what it is.
            raise FileUnreadable(
                gettext("The workbook has no worksheet (only chart sheets, or none).")
            )
        return
    if "opendocument.spreadsheet" in mimetype:
        what = gettext("an OpenDocument spreadsheet (.ods)")
    elif "word/document.xml" in names:
        what = gettext("a Word document (.docx)")
    else:
        what = gettext("a ZIP archive")
    not_xlsx = gettext("The file is %(what)s, not an XLSX workbook. %(hint)s")
    raise FileUnreadable(not_xlsx % {"what": what, "hint": SAVE_AS_HINT})


def choose_sheet(sheets: Sequence[Any], *, kind: str, all_names: Sequence[str]) -> Any:
    """The sheet named ``kind`` (any case); else the only sheet unless it names another kind."""
    for sheet in sheets:
        if sheet.title.strip().lower() == kind:
            return sheet
    if len(sheets) == 1:
        only = sheets[0]
        if only.title.strip().lower() in KINDS:
            wrong = gettext(
                "The workbook's only sheet is '%(sheet)s', but you are importing %(kind)s: "
                "is this the right file?"
            )
            raise FileUnreadable(wrong % {"sheet": only.title, "kind": kind})
        return only
    found = listed(repr(name) for name in all_names) or pgettext("sheets found", "none")
    if not sheets:
        no_sheet = gettext("The workbook has no worksheet (sheets found: %(sheets)s).")
        raise FileUnreadable(no_sheet % {"sheets": found})
    unnamed = ngettext(
        "The workbook has %(count)s sheet but none is named '%(kind)s' (sheets found: "
        "%(sheets)s). Rename the sheet to import to '%(kind)s', or keep only that sheet.",
        "The workbook has %(count)s sheets but none is named '%(kind)s' (sheets found: "
        "%(sheets)s). Rename the sheet to import to '%(kind)s', or keep only that sheet.",
        len(sheets),
    )
    raise FileUnreadable(unnamed % {"count": len(sheets), "kind": kind, "sheets": found})


def _non_blank_records(sheet: Any) -> list[tuple[int, tuple[CellValue, ...]]]:
    """The header and data rows with a value, read until the limits are passed."""
    from openpyxl.utils import get_column_letter

    found: list[tuple[int, tuple[CellValue, ...]]] = []
    for number, values in _records(sheet):
        if is_blank(values):
            continue
        if len(values) > MAX_COLUMNS:
            wide = gettext(
                "Row %(row)s has a value in column %(column)s: a sheet to import has at most "
                "%(limit)s columns. Delete the stray cells, or the columns after the table."
            )
            raise FileUnreadable(
                wide
                % {"row": number, "column": get_column_letter(len(values)), "limit": MAX_COLUMNS}
            )
        found.append((number, values))
        if len(found) > MAX_ROWS + 1:  # the header and more data rows than allowed
            long = gettext(
                "The sheet '%(sheet)s' has more than %(limit)s rows; split it into files of "
                "at most %(limit)s."
            )
            raise FileUnreadable(long % {"sheet": sheet.title, "limit": MAX_ROWS})
    return found


def _records(sheet: Any) -> Iterator[tuple[int, tuple[CellValue, ...]]]:
    # Read-only sheets pad missing rows with empty cells, so enumerating from 1 gives the
    # row numbers the user sees in Excel.
    for number, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
        values = [_value(cell) for cell in cells]
        while values and values[-1] is None:
            values.pop()
        yield number, tuple(values)


def _value(cell: Any) -> CellValue:
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "e":
        return FormulaError(str(value))
    return value
