"""``keruen match-eval FILE.jsonl [--json] [--method NAME]``: evaluate a ranker on a file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from keruen.matching.evaluate import EvalInputError, evaluate, format_report, load_items
from keruen.matching.rank import (
    DEFAULT_CONFIG,
    RAW_MODEL_CONFIG,
    TFIDF_CONFIG,
    RankConfig,
    rank_texts,
)

METHODS: dict[str, RankConfig] = {
    "full": DEFAULT_CONFIG,  # the ranker rank_texts uses
    "raw-model": RAW_MODEL_CONFIG,  # multilingual-e5-small cosine, nothing else
    "tfidf": TFIDF_CONFIG,  # character n-gram TF-IDF baseline
}


def _ranker(config: RankConfig) -> Callable[[list[str], list[str]], list[list[int]]]:
    def ranker(queries: list[str], candidates: list[str]) -> list[list[int]]:
        return rank_texts(queries, candidates, top_k=len(candidates), config=config)

    return ranker


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the project CLI's ``match-eval`` sub-command)."""
    parser = argparse.ArgumentParser(
        prog="keruen match-eval",
        description="Evaluate cross-lingual offer/request matching on a JSONL file.",
    )
    parser.add_argument("file", help="JSONL file in the schema of matchmaking_dev.jsonl")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--method", choices=sorted(METHODS), default="full", help="ranker")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; exit status 0 on success, 2 on bad input."""
    args = build_parser().parse_args(argv)
    try:
        items = load_items(args.file)
    except EvalInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = evaluate(items, _ranker(METHODS[args.method]))
    report["method"] = args.method
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(f"method: {args.method}, items: {report['items']}")
        print(format_report(report))
    return 0
