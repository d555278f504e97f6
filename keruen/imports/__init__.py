"""Import organisations, participants and opportunities from CSV and XLSX files.

All or nothing: every row of a file is validated, every problem is reported with its row and
column, and only a file without problems is written, inside one transaction. See
``docs/import.md`` for the columns of each kind.
"""

KINDS: tuple[str, ...] = ("organisations", "participants", "opportunities")

# Data rows of one file at most; a workbook is refused as soon as it has more, before the rest
# of it is read.
MAX_ROWS = 20_000
# Columns of a sheet at most (the widest kind has about 25): a value far to the right is a
# stray cell, or a sheet claiming 16,384 columns that would take minutes to read.
MAX_COLUMNS = 200
