"""Import organisations, participants and opportunities from CSV and XLSX files.

All or nothing: every row of a file is validated, every problem is reported with its row and
column, and only a file without problems is written, inside one transaction. See
``docs/import.md`` for the columns of each kind.
"""

KINDS: tuple[str, ...] = ("organisations", "participants", "opportunities")
