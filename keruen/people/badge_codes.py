"""Badge codes: the short code printed on a delegate's badge, under its QR code.

Eight characters of Crockford's base 32 (no I, L, O or U), shown as ``K7Q2-M9XD``: a desk
volunteer can read one aloud or type it when a scanner fails, and the letters that look like
digits are read as those digits. 40 random bits: the database keeps them unique; the code
is no secret (it is worn on the chest) and only opens a page to the event's organisers.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_badge_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_badge_code(text: str) -> str:
    """The stored form of a typed or scanned code: upper case, without spaces or dashes,
    confusable letters read as digits. Not validated: an unknown code is simply not found."""
    kept = "".join(char for char in text.upper() if char not in " -\t")
    return kept.translate(_READ_AS)


def badge_code_display(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) == LENGTH else code
