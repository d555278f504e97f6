"""The opportunity catalogue: all families, by sector, loaded from Python and text data."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ._family import Family, fam
from .catalogue_a import ENERGY

LANGS = ("en", "zh", "ru", "kk")

SECTORS: tuple[str, ...] = (
    "energy",
    "infrastructure",
    "logistics",
    "agriculture",
    "mining",
    "technology",
    "textiles",
    "chemicals",
    "health",
    "education",
    "tourism",
    "finance",
    "water",
    "environment",
)

_DATA_FILES = ("families_1.txt", "families_2.txt", "families_3.txt")


def _split4(line: str, where: str) -> tuple[str, str, str, str]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 4 or not all(parts):
        raise ValueError(f"{where}: expected 4 non-empty columns, got {len(parts)}")
    return parts[0], parts[1], parts[2], parts[3]


def _parse(text: str, name: str) -> list[Family]:
    families: list[Family] = []
    current_sector = ""
    block: dict[str, object] | None = None

    def flush() -> None:
        if block is None:
            return
        names = block["N"]
        assert isinstance(names, tuple)
        en, zh, ru, kk = names
        f = fam(
            str(block["key"]),
            str(block["nature"]),
            str(block["hs"]),
            str(block["isic"]),
            (en, zh, ru.replace(";", "|"), kk.replace(";", "|")),
            list(block["O"]),  # type: ignore[call-overload]
            list(block["R"]),  # type: ignore[call-overload]
            **block["V"],  # type: ignore[arg-type]
        )
        producers = block.get("P", ())
        families.append(
            f.__class__(**{**f.__dict__, "sector": current_sector, "producers": producers})
        )

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line or line.startswith("#"):
            continue
        tag, _, rest = line.partition(" ")
        if tag == "S":
            flush()
            block = None
            current_sector = rest.strip()
        elif tag == "@":
            flush()
            key, nature, hs, isic = rest.split()
            block = {
                "key": key,
                "nature": nature,
                "hs": "" if hs == "-" else hs.replace(",", " "),
                "isic": "" if isic == "-" else isic.replace(",", " "),
                "O": [],
                "R": [],
                "V": {},
            }
        elif tag in ("N", "O", "R"):
            if block is None:
                raise ValueError(f"{where}: {tag} line outside a family")
            quad = _split4(rest, where)
            if tag == "N":
                block["N"] = quad
            else:
                lst = block[tag]
                assert isinstance(lst, list)
                lst.append(quad)
        elif tag == "P":
            if block is None:
                raise ValueError(f"{where}: P line outside a family")
            block["P"] = tuple(code.strip() for code in rest.split(","))
        elif tag == "V":
            if block is None:
                raise ValueError(f"{where}: V line outside a family")
            variables = block["V"]
            assert isinstance(variables, dict)
            # values may contain spaces ("ISO 9001"), names never do
            for chunk in _split_assignments(rest):
                var, _, values = chunk.partition("=")
                variables[var.strip()] = tuple(v.strip() for v in values.split(","))
        else:
            raise ValueError(f"{where}: unknown line tag {tag!r}")
    flush()
    return families


def _split_assignments(rest: str) -> list[str]:
    chunks: list[str] = []
    for token in rest.split(" "):
        if "=" in token or not chunks:
            chunks.append(token)
        else:
            chunks[-1] += " " + token
    return [c for c in chunks if c]


@cache
def families_by_sector() -> dict[str, tuple[Family, ...]]:
    """All families, grouped by sector key (in ``SECTORS`` order)."""
    found: list[Family] = list(ENERGY)
    package = resources.files(__package__).joinpath("data")
    for name in _DATA_FILES:
        found.extend(_parse(package.joinpath(name).read_text(encoding="utf-8"), name))
    grouped: dict[str, list[Family]] = {key: [] for key in SECTORS}
    for f in found:
        if f.sector not in grouped:
            raise ValueError(f"family {f.key}: unknown sector {f.sector!r}")
        grouped[f.sector].append(f)
    keys = [f.key for f in found]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate family keys")
    return {key: tuple(value) for key, value in grouped.items()}


def all_families() -> tuple[Family, ...]:
    return tuple(f for group in families_by_sector().values() for f in group)


def hs_headings_used() -> tuple[str, ...]:
    return tuple(sorted({code for f in all_families() for code in f.hs}))
