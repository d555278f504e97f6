"""Evaluation of a text ranker on offer/request pairs (schema of matchmaking_dev.jsonl).

For each ordered language pair (A, B): every item's ``request[A]`` is a query, all items'
``offer[B]`` are the candidates, the only right answer is the item's own offer. We report
top-1, top-5 and MRR per pair, their mean over all pairs and over cross-language pairs, and a
breakdown by sector.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Ranker = Callable[[list[str], list[str]], list[list[int]]]


class EvalInputError(ValueError):
    """The evaluation file is unreadable; the message names the line and the field."""


@dataclass(frozen=True)
class EvalItem:
    """One offer/request pair written in several languages."""

    id: str
    sector: str
    hs: tuple[str, ...]
    offer: dict[str, str]
    request: dict[str, str]


@dataclass(frozen=True)
class PairScores:
    """Metrics of one ordered language pair (request language, offer language)."""

    request_lang: str
    offer_lang: str
    top1: float
    top5: float
    mrr: float
    ranks: tuple[int, ...] = field(repr=False)


def _fail(path: Path, line_no: int, what: str) -> EvalInputError:
    return EvalInputError(f"{path}:{line_no}: {what}")


def _texts(
    obj: dict[str, Any], side: str, langs: Sequence[str], path: Path, n: int
) -> dict[str, str]:
    texts = obj.get(side)
    if not isinstance(texts, dict):
        raise _fail(path, n, f"field '{side}' is missing or not an object")
    out: dict[str, str] = {}
    for lang in langs:
        text = texts.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise _fail(path, n, f"field '{side}.{lang}' is missing or empty")
        out[lang] = text
    return out


def _parse_line(raw: str, path: Path, n: int, langs: Sequence[str] | None) -> EvalItem:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _fail(path, n, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise _fail(path, n, "a line must be a JSON object")
    for name in ("id", "sector"):
        if not isinstance(obj.get(name), str):
            raise _fail(path, n, f"field '{name}' is missing or not a string")
    hs = obj.get("hs", [])
    if not isinstance(hs, list) or not all(isinstance(code, str) for code in hs):
        raise _fail(path, n, "field 'hs' must be a list of strings")
    if langs is None:  # the first line fixes the languages every other line must have
        request = obj.get("request")
        langs = sorted(request) if isinstance(request, dict) else []
        if not langs:
            raise _fail(path, n, "field 'request' is missing or has no language")
    return EvalItem(
        id=obj["id"],
        sector=obj["sector"],
        hs=tuple(hs),
        offer=_texts(obj, "offer", langs, path, n),
        request=_texts(obj, "request", langs, path, n),
    )


def load_items(path: Path | str) -> list[EvalItem]:
    """Read and validate a JSONL evaluation file; raise ``EvalInputError`` on bad input."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise EvalInputError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalInputError(f"{path}: cannot read ({exc})") from exc
    items: list[EvalItem] = []
    seen: set[str] = set()
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        item = _parse_line(raw, path, n, list(items[0].request) if items else None)
        if item.id in seen:
            raise _fail(path, n, f"field 'id': duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if len(items) < 2:
        raise EvalInputError(f"{path}: need at least 2 items, found {len(items)}")
    return items


def _pair_scores(items: Sequence[EvalItem], ranker: Ranker, a: str, b: str) -> PairScores:
    queries = [item.request[a] for item in items]
    candidates = [item.offer[b] for item in items]
    rankings = ranker(queries, candidates)
    ranks = []
    for i, order in enumerate(rankings):
        # A ranker may return fewer than all candidates; a miss counts as rank n + 1.
        ranks.append(order.index(i) + 1 if i in order else len(candidates) + 1)
    n = len(ranks)
    return PairScores(
        request_lang=a,
        offer_lang=b,
        top1=sum(r == 1 for r in ranks) / n,
        top5=sum(r <= 5 for r in ranks) / n,
        mrr=sum(1 / r for r in ranks) / n,
        ranks=tuple(ranks),
    )


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _summary(pairs: Sequence[PairScores]) -> dict[str, float]:
    return {
        "top1": _mean([p.top1 for p in pairs]),
        "top5": _mean([p.top5 for p in pairs]),
        "mrr": _mean([p.mrr for p in pairs]),
    }


def _by_sector(
    items: Sequence[EvalItem], pairs: Sequence[PairScores]
) -> dict[str, dict[str, float]]:
    sectors: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        sectors.setdefault(item.sector, []).append(i)
    out: dict[str, dict[str, float]] = {}
    for sector, rows in sorted(sectors.items()):
        ranks = [p.ranks[i] for p in pairs for i in rows]
        out[sector] = {
            "items": float(len(rows)),
            "top1": _mean([float(r == 1) for r in ranks]),
            "top5": _mean([float(r <= 5) for r in ranks]),
            "mrr": _mean([1 / r for r in ranks]),
        }
    return out


def evaluate(items: Sequence[EvalItem], ranker: Ranker) -> dict[str, Any]:
    """Run the protocol with ``ranker``; return a JSON-ready report."""
    langs = list(items[0].request)
    pairs = [_pair_scores(items, ranker, a, b) for a in langs for b in langs]
    cross = [p for p in pairs if p.request_lang != p.offer_lang]
    worst = min(pairs, key=lambda p: p.top1)
    return {
        "items": len(items),
        "languages": langs,
        "overall": _summary(pairs),
        "cross_language": _summary(cross),
        "worst_pair": {"pair": f"{worst.request_lang}->{worst.offer_lang}", "top1": worst.top1},
        "pairs": {
            f"{p.request_lang}->{p.offer_lang}": {"top1": p.top1, "top5": p.top5, "mrr": p.mrr}
            for p in pairs
        },
        "sectors": _by_sector(items, pairs),
    }


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table: one row per request language, one column per offer language."""
    langs: list[str] = report["languages"]
    lines = ["top-1 (rows: request language, columns: offer language)"]
    lines.append("      " + " ".join(f"{b:>6}" for b in langs))
    for a in langs:
        cells = " ".join(f"{report['pairs'][f'{a}->{b}']['top1']:6.3f}" for b in langs)
        lines.append(f"{a:>5} {cells}")
    for label in ("overall", "cross_language"):
        s = report[label]
        lines.append(f"{label}: top1={s['top1']:.3f} top5={s['top5']:.3f} mrr={s['mrr']:.3f}")
    worst = report["worst_pair"]
    lines.append(f"worst pair: {worst['pair']} top1={worst['top1']:.3f}")
    return "\n".join(lines)
