"""From a raw table to parsed rows: header checks and cell parsing, every problem collected.

Row numbers are those the user sees (the header is row 1 in a normal file); columns are
named by their header. Nothing here touches the database: references between rows and to
existing data are the importers' business (``keruen.imports.kinds``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, ngettext

from keruen.common.errors import ProblemList
from keruen.imports.columns import CellError, Column, cell_text
from keruen.imports.messages import listed
from keruen.imports.readers import RawTable

COMMENT_PREFIX = "#"
_SEPARATORS = re.compile(r"[\s\-]+")


def normalise_header(name: str) -> str:
    """'  Name EN ' and 'name-en' both mean the column name_en."""
    return _SEPARATORS.sub("_", name.strip().lower())


@dataclass(frozen=True)
class HeaderMap:
    positions: dict[str, int]  # column name -> index of its cell in each row
    ignored: tuple[str, ...]  # comment columns ('#...'), reported as ignored


@dataclass
class ParsedRow:
    """One data row: the parsed values of its good cells, and which columns were bad."""

    number: int
    values: dict[str, Any]
    present: frozenset[str]  # columns the file has
    bad: set[str] = field(default_factory=set)

    def has(self, column: str) -> bool:
        """True when the file has the column and this row's cell in it was good."""
        return column in self.values

    def problem(self, problems: ProblemList, column: str | None, message: str) -> None:
        problems.add(message, field=column, row=self.number)
        if column:
            self.bad.add(column)


def position_name(index: int) -> str:
    """'column 7 (G)': spreadsheet users know letters, CSV users count."""
    return gettext("column %(number)s (%(letter)s)") % {
        "number": index + 1,
        "letter": column_letter(index + 1),
    }


def column_letter(number: int) -> str:
    """Spreadsheet column letters: 1 -> A, 27 -> AA (no openpyxl import for CSV files)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def map_header(
    table: RawTable,
    columns: Sequence[Column],
    problems: ProblemList,
    *,
    one_of: Sequence[Sequence[str]] = (),
) -> HeaderMap:
    """Match header cells to columns; report unknown, duplicate and missing columns."""
    known = {column.name for column in columns}
    positions: dict[str, int] = {}
    ignored: list[str] = []
    row = table.header_row
    for index, raw in enumerate(table.header):
        name = normalise_header(raw)
        if not name:
            continue  # checked by _check_unnamed_columns, with the columns beyond the header
        if name.startswith(COMMENT_PREFIX):
            ignored.append(raw.strip())
        elif name not in known:
            problems.add(_unknown_column_message(name, known), field=raw.strip(), row=row)
        elif name in positions:
            twice = gettext("appears twice (%(first)s and %(second)s)") % {
                "first": position_name(positions[name]),
                "second": position_name(index),
            }
            problems.add(twice, field=name, row=row)
        else:
            positions[name] = index
    _check_unnamed_columns(table, problems)
    for column in columns:
        if column.required and column.name not in positions:
            missing = gettext("the required column '%(column)s' is missing")
            problems.add(missing % {"column": column.name}, row=row)
    for group in one_of:
        if not any(name in positions for name in group):
            one = gettext("give at least one of the columns %(columns)s")
            problems.add(one % {"columns": listed(group)}, row=row)
    return HeaderMap(positions=positions, ignored=tuple(ignored))


def _unknown_column_message(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    if close:
        message = gettext(
            "unknown column; did you mean '%(suggestion)s'? (to keep a column of notes in the "
            "file, start its name with '%(prefix)s')"
        )
    else:
        message = gettext(
            "unknown column (to keep a column of notes in the file, start its name with "
            "'%(prefix)s')"
        )
    return message % {"suggestion": close[0] if close else "", "prefix": COMMENT_PREFIX}


def _check_unnamed_columns(table: RawTable, problems: ProblemList) -> None:
    """Data under a blank header cell, or beyond the header, would be lost: report it once
    per column, naming the first rows that have some."""
    width = max((len(row.values) for row in table.rows), default=0)
    for index in range(width):
        if index < len(table.header) and table.header[index].strip():
            continue
        rows = [
            row.number
            for row in table.rows
            if index < len(row.values) and _has_data(row.values[index])
        ]
        if rows:
            message = gettext("%(column)s has no name in the header, but it has data (%(rows)s)")
            problems.add(
                message % {"column": position_name(index), "rows": _row_list(rows)},
                row=table.header_row,
            )


def _row_list(rows: list[int], shown: int = 5) -> str:
    """'row 3', 'rows 3, 4', 'rows 3, 4, 5, 6, 7 and 2 more'."""
    numbers = listed(rows[:shown])
    if len(rows) > shown:
        return gettext("rows %(rows)s and %(more)s more") % {
            "rows": numbers,
            "more": len(rows) - shown,
        }
    return ngettext("row %(rows)s", "rows %(rows)s", len(rows)) % {"rows": numbers}


def _has_data(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def parse_rows(
    table: RawTable, header: HeaderMap, columns: Sequence[Column], problems: ProblemList
) -> list[ParsedRow]:
    """Parse every cell of every row; a bad cell becomes a problem, never an exception."""
    present = frozenset(header.positions)
    rows = []
    for raw_row in table.rows:
        row = ParsedRow(number=raw_row.number, values={}, present=present)
        for column in columns:
            if column.name in header.positions:
                index = header.positions[column.name]
                value = raw_row.values[index] if index < len(raw_row.values) else None
                _parse_cell(row, column, value, problems)
        rows.append(row)
    return rows


def _parse_cell(row: ParsedRow, column: Column, value: Any, problems: ProblemList) -> None:
    try:
        content = cell_text(value)
        if not content:
            if column.required:
                raise CellError(gettext("required, but the cell is empty"))
            if column.empty is not None:
                row.values[column.name] = column.empty()
            return
        row.values[column.name] = column.parse(content)
    except CellError as error:
        row.problem(problems, column.name, error.message)
