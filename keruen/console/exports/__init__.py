"""Exports of the organiser console: an event's data as CSV and XLSX files.

``kinds`` says what each export is and what its columns mean, ``tables`` reads the rows
(selectors, a fixed number of queries each), ``files`` writes them as CSV or XLSX.
"""

from __future__ import annotations

from keruen.console.exports.files import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    table_csv,
    table_xlsx,
)
from keruen.console.exports.kinds import EXPORTS, FILE_FORMATS, ColumnDoc, ExportKind
from keruen.console.exports.tables import DRAFT, ExportTable, export_schedule

__all__ = [
    "CSV_CONTENT_TYPE",
    "DRAFT",
    "EXPORTS",
    "FILE_FORMATS",
    "XLSX_CONTENT_TYPE",
    "ColumnDoc",
    "ExportKind",
    "ExportTable",
    "export_schedule",
    "table_csv",
    "table_xlsx",
]
