"""Reading values typed into addresses and forms (query strings, hidden fields)."""

from __future__ import annotations

# Ids above this cannot exist and would overflow the database driver.
MAX_ID = 2**63 - 1


def id_param(value: str) -> int | None:
    """A row id written in ASCII digits, else None: "²" is a digit to ``str.isdigit`` but not
    to ``int``, and a 30-digit number would overflow the database."""
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def text_param(value: str | None, *, limit: int = 100) -> str:
    """A search or filter text: control characters dropped (PostgreSQL refuses NUL in a
    query), spaces trimmed, cut to ``limit`` characters."""
    printable = "".join(char for char in value or "" if char.isprintable() or char == " ")
    return printable.strip()[:limit]
