"""Badge codes: the short code printed on a delegate's badge, under its QR code.

Eight characters of Crockford's base 32 (no I, L, O or U), shown as ``K7Q2-M9XD``: a desk
volunteer can read one aloud or type it when a scanner fails, and the letters that look like
digits are read as those digits. 40 random bits: the database keeps them unique; the code
is no secret (it is worn on the chest) and only opens a page to the event's organisers.

The QR code holds the badge's scan address, ``https://<host>/<event>/b/<code>/``. A phone
camera opens it; a hand-held or USB scanner types it, whole, wherever the cursor is (the
desk's search box, a desk app posting to the API): ``read_badge_code`` takes either form.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
# The longest text read as a code: a scan address on a long host name, with room to spare.
SCANNED_MAX = 300
_IN_ALPHABET = frozenset(ALPHABET)
_READ_AS = str.maketrans(
    {
        # Letters that look like digits, read as those digits: the alphabet has none of them.
        "O": "0",
        "I": "1",
        "L": "1",
        # Cyrillic capitals a volunteer finds on a Russian or Kazakh keyboard for the Latin
        # ones they look like (upper-cased first, so lower case is read too). О, like O, is
        # the digit; Kazakh І, like I, the digit one; Kazakh Ү is drawn as Y, У nearly so.
        "А": "A",
        "В": "B",
        "С": "C",
        "Е": "E",
        "Н": "H",
        "К": "K",
        "М": "M",
        "Р": "P",
        "Т": "T",
        "Х": "X",
        "О": "0",
        "І": "1",
        "Ү": "Y",
        "У": "Y",
    }
)


@dataclass(frozen=True)
class ReadCode:
    """A badge code as read from a typed or scanned text."""

    code: str  # normalised; empty when the text held no code
    event_slug: str = ""  # the event a scanned address names; empty for a bare code


def new_badge_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_badge_code(text: str) -> str:
    """The stored form of a typed code: NFKC (full-width Ａ９ from a CJK input method, a
    no-break space), upper case, look-alike letters read as the alphabet's, and only the
    alphabet's characters kept: spaces, dashes of any kind, a scanner's line end and control
    characters (which PostgreSQL refuses in a query) drop out. Not validated: an unknown code
    is simply not found."""
    folded = unicodedata.normalize("NFKC", text).upper().translate(_READ_AS)
    return "".join(char for char in folded if char in _IN_ALPHABET)


def read_badge_code(text: str) -> ReadCode:
    """A bare code (``K7Q2-M9XD``, as ``normalise_badge_code`` reads it) or a badge's scan
    address (``https://<host>/<event>/b/<code>/``, with or without the scheme and host, any
    case); any other address holds no code. The caller checks the event it names: a badge
    of one event must not check anyone in at another."""
    text = text.strip()
    if "/" not in text:
        return ReadCode(code=normalise_badge_code(text))
    parts = [unquote(part) for part in urlsplit(text).path.split("/") if part]
    if len(parts) < 3 or parts[-2].lower() != "b":
        return ReadCode(code="")
    return ReadCode(code=normalise_badge_code(parts[-1]), event_slug=parts[-3])


def badge_code_display(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) == LENGTH else code
