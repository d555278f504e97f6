"""The adapter's training corpus: reading, checking and fingerprinting ``training/corpus``.

Plain Python (no PyTorch), so the test suite checks the corpus and that the shipped adapter
was trained on exactly these files.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
LANGUAGES = ("zh", "ru", "kk", "en")
SIDES = ("offer", "request")
HELD_OUT_FILE = CORPUS_DIR / "held_out.txt"
HELD_OUT_EVERY = 10  # one item in ten of a new part is held out


class CorpusError(ValueError):
    """A corpus line is not a complete four-language item."""


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    return sorted(directory.glob("*.jsonl"))


def read_corpus(paths: list[Path]) -> list[dict[str, Any]]:
    """Every item of ``paths``; a line without all eight texts is refused with its place."""
    items = []
    seen: dict[str, str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            place = f"{path.name}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{place}: not JSON ({exc.msg})") from exc
            for side in SIDES:
                texts = item.get(side) or {}
                missing = [lang for lang in LANGUAGES if not str(texts.get(lang, "")).strip()]
                if missing:
                    raise CorpusError(f"{place}: {side} lacks {', '.join(missing)}")
            if item.get("id") in seen:
                raise CorpusError(f"{place}: id {item.get('id')!r} also at {seen[item['id']]}")
            seen[item.get("id")] = place
            items.append(item)
    return items


def held_out_ids(path: Path = HELD_OUT_FILE) -> set[str]:
    """The ids no adapter run may learn from (``#`` starts a comment)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines} - {""}


def split(
    items: list[dict[str, Any]], held_out: set[str] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(items to learn from, held-out items).

    Held out are the items listed in ``held_out.txt``, by id, so that adding a part never
    moves an item from one side to the other: a list by position did, and a continued run
    then measured itself on items the run before it had learnt from.
    """
    listed = held_out_ids() if held_out is None else held_out
    train = [item for item in items if item["id"] not in listed]
    return train, [item for item in items if item["id"] in listed]


def parts_read(meta: dict[str, Any]) -> list[Path]:
    """The corpus files an adapter's record says it read."""
    return [CORPUS_DIR / name for name in meta["corpus_files"]]


def learnt_from_no_listed_item(meta: dict[str, Any]) -> bool:
    """Whether an adapter's record shows every listed item of the parts it read held out."""
    if "held_out_ids" not in meta or "corpus_files" not in meta:
        return False
    read = {item["id"] for item in read_corpus(parts_read(meta))}
    return held_out_ids() & read <= set(meta["held_out_ids"])


def ids_to_hold_out(path: Path) -> list[str]:
    """Every tenth item of a new part: the ids to append to ``held_out.txt`` before training."""
    items = read_corpus([path])
    return [item["id"] for item in items[HELD_OUT_EVERY - 1 :: HELD_OUT_EVERY]]


def main() -> None:
    """``python -m training.corpus hold-out PART.jsonl``: print the ids to hold out."""
    if len(sys.argv) != 3 or sys.argv[1] != "hold-out":
        sys.exit("usage: python -m training.corpus hold-out PART.jsonl")
    print("\n".join(ids_to_hold_out(Path(sys.argv[2]))))


def corpus_digest(paths: list[Path]) -> str:
    """SHA-256 over the files' names and bytes, in order: recorded in the adapter."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


if __name__ == "__main__":
    main()
