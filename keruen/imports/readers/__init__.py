"""Turn an uploaded file's bytes into a plain table of cells, or refuse it with a reason.

Readers are faithful: they do not interpret cells (an XLSX date stays a date, a formula error
stays a :class:`FormulaError`), because only the column knows whether a date is acceptable.
They refuse what they cannot read honestly: a CSV that is not UTF-8 is never decoded with a
guessed encoding, since a wrong guess turns names into mojibake that looks valid.

Refusals are translated when they are raised, into the active language (the upload page's,
or English in the command).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from keruen.common.errors import Problem, ValidationFailed


@dataclass(frozen=True)
class FormulaError:
    """A cell whose formula evaluated to an error such as ``#DIV/0!`` or ``#REF!``."""

    code: str


CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | FormulaError | None


@dataclass(frozen=True)
class RawRow:
    """One non-blank data row; ``number`` is the row number the user sees (header = 1)."""

    number: int
    values: tuple[CellValue, ...]


@dataclass(frozen=True)
class RawTable:
    header: tuple[str, ...]
    header_row: int
    rows: tuple[RawRow, ...]
    source: str  # what was read, for the report: "CSV (UTF-8, ';'-separated)"


class FileUnreadable(ValidationFailed):
    """The file as a whole cannot be read: wrong encoding, wrong sheet, empty, not a table."""

    def __init__(self, message: str) -> None:
        super().__init__(message, problems=[Problem(message, code="unreadable")])


# Signatures of files people upload by mistake, so the refusal can say what the file is.
_SIGNATURES: tuple[tuple[bytes, Promise], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        gettext_lazy("an old-style Excel 97-2003 (.xls) or other OLE file"),
    ),
    (b"%PDF", gettext_lazy("a PDF document")),
    (b"\x89PNG", gettext_lazy("a PNG image")),
    (b"\xff\xd8\xff", gettext_lazy("a JPEG image")),
    (b"GIF8", gettext_lazy("a GIF image")),
    (b"\x1f\x8b", gettext_lazy("a gzip archive")),
    (b"7z\xbc\xaf", gettext_lazy("a 7-Zip archive")),
    (b"Rar!", gettext_lazy("a RAR archive")),
)
_ZIP_MAGIC = b"PK\x03\x04"
# The last sentence of most refusals; messages take it as %(hint)s, so a translation can
# place it (Chinese puts no space between sentences).
SAVE_AS_HINT = gettext_lazy("Save it as .xlsx or as 'CSV UTF-8' and upload it again.")


def read_table(data: bytes, *, filename: str, kind: str) -> RawTable:
    """Read a CSV or XLSX file; the format is decided by content, the name only explains.

    ``kind`` names the sheet to read in a workbook with several sheets.
    """
    from keruen.imports.readers.text import read_csv
    from keruen.imports.readers.workbook import read_xlsx

    if not data.strip():
        raise FileUnreadable(empty_message())
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            not_a_table = gettext("The file is %(what)s, not a CSV or XLSX file. %(hint)s")
            raise FileUnreadable(not_a_table % {"what": what, "hint": SAVE_AS_HINT})
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data, kind=kind)
    if PurePath(filename).suffix.lower() in {".xlsx", ".xlsm"}:
        misnamed = gettext(
            "'%(name)s' is named like an XLSX workbook but is not one (an XLSX file is a ZIP "
            "archive). %(hint)s"
        )
        raise FileUnreadable(misnamed % {"name": PurePath(filename).name, "hint": SAVE_AS_HINT})
    return read_csv(data)


def empty_message() -> str:
    return gettext("The file is empty.")


def is_blank(values: tuple[CellValue, ...]) -> bool:
    """True when no cell holds anything but whitespace (such rows are skipped)."""
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)
