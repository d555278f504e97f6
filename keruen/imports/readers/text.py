"""CSV files: UTF-8 (with or without a byte-order mark), separated by ``,`` or ``;``.

Excel writes ``;``-separated CSV in locales where the comma is the decimal mark (Russian,
Kazakh, Turkish), and ``,`` elsewhere, so the separator is sniffed from the header line.
A cell that begins with an apostrophe before a formula's first character (``'+7 701 …``,
``'=SUM(…)``) is read without the apostrophe: spreadsheets write text so, and so do the
console's CSV exports, so that the organiser's spreadsheet runs no formula.
"""

from __future__ import annotations

import csv
import io

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from keruen.imports.readers import FileUnreadable, RawRow, RawTable, empty_message, is_blank

# The last sentence of the encoding refusals, given to them as %(hint)s.
SAVE_AS_UTF8 = gettext_lazy(
    "Save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8; LibreOffice: tick "
    "'Edit filter settings' and choose Unicode (UTF-8)) and upload it again."
)
_BOMS_REFUSED: tuple[tuple[bytes, str | Promise], ...] = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", gettext_lazy("UTF-16 (Excel's 'Unicode Text')")),
    (b"\xfe\xff", "UTF-16"),
)
_UTF8_BOM = b"\xef\xbb\xbf"
DELIMITERS = (",", ";", "\t")
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def read_csv(data: bytes) -> RawTable:
    """Decode strictly as UTF-8, sniff the separator, split into rows numbered from 1."""
    text = decode_utf8(data)
    delimiter = sniff_delimiter(text)
    records = _parse(text, delimiter)
    numbered = [(number, values) for number, values in enumerate(records, start=1)]
    non_blank = [(number, values) for number, values in numbered if not is_blank(values)]
    if not non_blank:
        raise FileUnreadable(empty_message())
    header_row, header = non_blank[0]
    rows = tuple(
        RawRow(number, tuple(_as_text(cell) for cell in values)) for number, values in non_blank[1:]
    )
    name = {",": "','", ";": "';'", "\t": "tab"}[delimiter]
    return RawTable(
        header=tuple(str(cell) for cell in header),
        header_row=header_row,
        rows=rows,
        source=f"CSV (UTF-8, {name}-separated)",
    )


# The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: str) -> str:
    """The cell without the apostrophe that marks a formula-like text as text (or a text
    that itself begins with an apostrophe: the export doubles it)."""
    marked = cell[1:2] in FORMULA_STARTS or cell[1:2] == "'"
    return cell[1:] if cell.startswith("'") and marked else cell


def decode_utf8(data: bytes) -> str:
    """The text of ``data``, or FileUnreadable naming the encoding problem and the line."""
    for bom, encoding in _BOMS_REFUSED:
        if data.startswith(bom):
            not_utf8 = gettext("The file is %(encoding)s text, not UTF-8. %(hint)s")
            raise FileUnreadable(not_utf8 % {"encoding": encoding, "hint": SAVE_AS_UTF8})
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        nul_bytes = gettext(
            "The file contains NUL bytes (line %(line)s): it is a binary file or UTF-16 text "
            "without a byte-order mark, not a UTF-8 CSV file. %(hint)s"
        )
        raise FileUnreadable(nul_bytes % {"line": _line_of(data, nul), "hint": SAVE_AS_UTF8})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        legacy = gettext(
            "The file is not UTF-8 text: byte 0x%(byte)s on line %(line)s is not valid UTF-8. "
            "It was probably saved in a legacy encoding such as Windows-1251 (Cyrillic), "
            "Windows-1252 or GBK (Chinese). %(hint)s"
        )
        raise FileUnreadable(
            legacy
            % {
                "byte": data[error.start : error.start + 1].hex(),
                "line": _line_of(data, error.start),
                "hint": SAVE_AS_UTF8,
            }
        ) from error
    _refuse_control_characters(text)
    return text


def _refuse_control_characters(text: str) -> None:
    # Valid UTF-8 full of control characters is a binary file that happened to decode.
    for offset, char in enumerate(text):
        if char < " " and char not in _ALLOWED_CONTROLS:
            line = text.count("\n", 0, offset) + 1
            control = gettext(
                "The file contains the control character U+%(code)s on line %(line)s: it is "
                "probably a binary file, not CSV text."
            )
            raise FileUnreadable(control % {"code": f"{ord(char):04X}", "line": line})


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def sniff_delimiter(text: str) -> str:
    """The separator used most often, outside quotes, in the first non-blank line."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _parse(text: str, delimiter: str) -> list[tuple[str, ...]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return [tuple(record) for record in reader]
    except csv.Error as error:
        # The csv module's own reason stays English: it is Python's, and rarely needed.
        invalid = gettext(
            "The file is not valid CSV near line %(line)s: %(error)s. Check for an unclosed "
            "quotation mark."
        )
        raise FileUnreadable(invalid % {"line": reader.line_num, "error": error}) from error
