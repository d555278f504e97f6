"""The adapter's training corpus: reading, checking and fingerprinting ``training/corpus``.

Plain Python (no PyTorch), so the test suite checks the corpus and that the shipped adapter
was trained on exactly these files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
LANGUAGES = ("zh", "ru", "kk", "en")
SIDES = ("offer", "request")
HELD_OUT_EVERY = 10  # one item in ten is held out to choose the epoch


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


def split(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(items to learn from, held-out items): every tenth item is held out."""
    last = HELD_OUT_EVERY - 1
    train = [item for i, item in enumerate(items) if i % HELD_OUT_EVERY != last]
    return train, items[last::HELD_OUT_EVERY]


def corpus_digest(paths: list[Path]) -> str:
    """SHA-256 over the files' names and bytes, in order: recorded in the adapter."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
