"""Formulas stored without their values, found in the workbook's XML.

Excel and LibreOffice save each formula with the value it calculated. A program that does
not calculate (a script writing with openpyxl, some CRM exports) stores the formula alone,
and openpyxl then reads the cell as empty: the rows would be refused for "missing" values
the user sees in Excel. The sheet's XML tells the two apart, so such a file is refused at
once, naming the first such cell of a column that is imported.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from xml.etree import ElementTree

from django.utils.translation import gettext

from keruen.imports.readers import FileUnreadable

_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CHUNK = 1 << 20


def refuse_uncalculated_formulas(
    data: bytes, sheet_title: str, *, header: Sequence[str], header_row: int
) -> None:
    """Refuse the workbook if a data cell of an imported column has a formula and no value
    (a column whose header is empty or starts with '#' is not imported)."""
    for reference in _uncalculated_cells(data, sheet_title):
        column, row = _split_reference(reference)
        name = header[column].strip() if column < len(header) else ""
        if row > header_row and name and not name.startswith("#"):
            uncalculated = gettext(
                "Cell %(cell)s of the sheet '%(sheet)s' holds a formula that was never "
                "calculated, so its value is not in the file. Open the file in Excel or "
                "LibreOffice and save it again (that calculates it), or replace the formulas "
                "by their values."
            )
            raise FileUnreadable(uncalculated % {"cell": reference, "sheet": sheet_title})


def _uncalculated_cells(data: bytes, sheet_title: str) -> Iterator[str]:
    """References ("B3") of the sheet's cells with a formula and no calculated value,
    streamed: the sheet's XML is never held whole (a 20 MB file can unpack to far more)."""
    path = _sheet_path(data, sheet_title)
    if path is None or not _has_formulas(data, path):
        return
    # expat (2.4 and later) refuses entity-expansion bombs, and ElementTree resolves no
    # external entity: an uploaded sheet cannot make the parser read files or blow up.
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path) as stream:
        for _event, element in ElementTree.iterparse(stream):
            tag = element.tag.rpartition("}")[2]
            if tag == "c":
                if _uncalculated(element):
                    yield element.get("r", "")
                element.clear()
            elif tag == "row":
                element.clear()


def _has_formulas(data: bytes, path: str) -> bool:
    """Whether the sheet holds a formula at all: most do not, and need no parsing."""
    tail = b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path) as stream:
        while chunk := stream.read(_CHUNK):
            if b"<f>" in tail + chunk or b"<f " in tail + chunk or b":f" in tail + chunk:
                return True
            tail = chunk[-8:]
    return False


def _uncalculated(cell: ElementTree.Element) -> bool:
    """A formula with no value; an empty value is a calculated empty text only when the
    cell says it holds text (t="str"), which is how Excel saves =IF(A2="","",A2)."""
    children = {child.tag.rpartition("}")[2]: child for child in cell}
    if "f" not in children:
        return False
    value = children.get("v")
    if value is None:
        return True
    return not (value.text or "").strip() and cell.get("t") != "str"


def _split_reference(reference: str) -> tuple[int, int]:
    """ "B3" → (1, 3): the column's index from 0 and the row's number."""
    letters = "".join(ch for ch in reference if ch.isalpha())
    digits = "".join(ch for ch in reference if ch.isdigit())
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return column - 1, int(digits or 0)


def _sheet_path(data: bytes, sheet_title: str) -> str | None:
    """The archive path of the worksheet titled ``sheet_title`` (via the workbook's rels)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    relation = next(
        (
            sheet.get(f"{{{_RELATIONSHIPS}}}id")
            for sheet in workbook.iter()
            if sheet.tag.endswith("}sheet") and sheet.get("name") == sheet_title
        ),
        None,
    )
    target = next((rel.get("Target", "") for rel in rels if rel.get("Id") == relation), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
