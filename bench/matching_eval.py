"""Benchmark: cross-lingual offer/request matching on the development file.

Runs the full ranker (``keruen.matching.rank_texts``), the two baselines (raw model, character
n-gram TF-IDF) and an ablation of every idea, all through ``rank_texts`` with a ``RankConfig``.
Writes bench/results/matching_eval.json and prints a one-line summary.

    .venv/bin/python bench/matching_eval.py [FILE.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from keruen.matching.evaluate import EvalItem, evaluate, load_items
from keruen.matching.rank import (
    DEFAULT_CONFIG,
    RAW_MODEL_CONFIG,
    TFIDF_CONFIG,
    RankConfig,
    rank_texts,
)

DEV_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "matchmaking_dev.jsonl"
RESULT = Path(__file__).resolve().parent / "results" / "matching_eval.json"

E5_ONLY = RankConfig(
    use_weight=0.0,
    tfidf_weight=0.0,
    centre=False,
    csls_k=0,
    e5_adapted=False,
    concept_weight=0.0,
    lexical_weight=0.0,
)
BEFORE_ADAPTER = replace(DEFAULT_CONFIG, e5_adapted=False)
FULL = "  + trade-language adapter = full ranker"
VARIANTS: dict[str, RankConfig] = {
    "baseline: char n-gram TF-IDF": TFIDF_CONFIG,
    "baseline: raw e5 (query/passage prefixes)": RAW_MODEL_CONFIG,
    "raw USE alone": RankConfig(
        e5_weight=0.0,
        tfidf_weight=0.0,
        centre=False,
        csls_k=0,
        concept_weight=0.0,
        lexical_weight=0.0,
    ),
    "lexical concepts alone": replace(TFIDF_CONFIG, tfidf_weight=0.0, lexical_weight=1.0),
    "e5, symmetric query: prefix": E5_ONLY,
    "  + per-language centring": replace(E5_ONLY, centre=True),
    "  + CSLS k=5": replace(E5_ONLY, centre=True, csls_k=5),
    "  + USE (weight 0.5)": replace(
        BEFORE_ADAPTER, tfidf_weight=0.0, concept_weight=0.0, lexical_weight=0.0
    ),
    "  + char TF-IDF 0.1": replace(BEFORE_ADAPTER, concept_weight=0.0, lexical_weight=0.0),
    "  + concept profiles 0.5": replace(BEFORE_ADAPTER, lexical_weight=0.0),
    "  + lexical concepts 0.5 (previous full ranker)": BEFORE_ADAPTER,
    FULL: DEFAULT_CONFIG,
    "adapted e5 alone, centring, CSLS k=5": replace(
        E5_ONLY, e5_adapted=True, centre=True, csls_k=5
    ),
    "full - centring": replace(DEFAULT_CONFIG, centre=False),
    "full - CSLS": replace(DEFAULT_CONFIG, csls_k=0),
    "full - USE": replace(DEFAULT_CONFIG, use_weight=0.0),
    "full - TF-IDF": replace(DEFAULT_CONFIG, tfidf_weight=0.0),
    "full - symmetric prefix": replace(DEFAULT_CONFIG, e5_symmetric=False),
    "full - concept profiles": replace(DEFAULT_CONFIG, concept_weight=0.0),
    "full - lexical concepts": replace(DEFAULT_CONFIG, lexical_weight=0.0),
    "full, concept weight 0.25 (sensitivity)": replace(DEFAULT_CONFIG, concept_weight=0.25),
    "full, concept weight 1.0 (sensitivity)": replace(DEFAULT_CONFIG, concept_weight=1.0),
    "full, lexical weight 0.25 (sensitivity)": replace(DEFAULT_CONFIG, lexical_weight=0.25),
    "full, lexical weight 1.0 (sensitivity)": replace(DEFAULT_CONFIG, lexical_weight=1.0),
    "full, USE weight 1.0 (sensitivity)": replace(DEFAULT_CONFIG, use_weight=1.0),
    "full, USE weight 0.25 (sensitivity)": replace(DEFAULT_CONFIG, use_weight=0.25),
    "full, CSLS k=10, the paper's (sensitivity)": replace(DEFAULT_CONFIG, csls_k=10),
    "full, CSLS k=20 (sensitivity)": replace(DEFAULT_CONFIG, csls_k=20),
}


def run_variant(config: RankConfig, items: list[EvalItem]) -> dict[str, Any]:
    def ranker(queries: list[str], candidates: list[str]) -> list[list[int]]:
        return rank_texts(queries, candidates, top_k=len(candidates), config=config)

    started = time.perf_counter()
    report = evaluate(items, ranker)
    report["seconds"] = round(time.perf_counter() - started, 2)
    report["config"] = asdict(config)
    return report


def summary_table(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One row of rounded figures per variant."""
    return {
        name: {
            "top1": round(r["overall"]["top1"], 3),
            "top5": round(r["overall"]["top5"], 3),
            "mrr": round(r["overall"]["mrr"], 3),
            "cross_top1": round(r["cross_language"]["top1"], 3),
            "worst_pair": r["worst_pair"],
        }
        for name, r in results.items()
    }


def print_table(table: dict[str, dict[str, Any]]) -> None:
    for name, row in table.items():
        print(
            f"{name:45s} top1={row['top1']:.3f} top5={row['top5']:.3f} mrr={row['mrr']:.3f} "
            f"cross_top1={row['cross_top1']:.3f} worst={row['worst_pair']['pair']}"
            f":{row['worst_pair']['top1']:.3f}"
        )


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_FILE
    items = load_items(path)
    results = {name: run_variant(config, items) for name, config in VARIANTS.items()}
    table = summary_table(results)
    full = results[FULL]
    goals = {
        "top1_mean>=0.85": full["overall"]["top1"] >= 0.85,
        "top1_every_pair>=0.75": full["worst_pair"]["top1"] >= 0.75,
        "top5_mean>=0.95": full["overall"]["top5"] >= 0.95,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "file": str(path),
        "summary": table,
        "goals_met": goals,
        "full": full,
        "variants": results,
    }
    RESULT.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(table)
    o, c, w = full["overall"], full["cross_language"], full["worst_pair"]
    print(
        f"matching_eval: full top1={o['top1']:.3f} top5={o['top5']:.3f} mrr={o['mrr']:.3f} "
        f"cross_top1={c['top1']:.3f} worst={w['pair']}:{w['top1']:.3f} "
        f"baseline raw-e5 top1={table['baseline: raw e5 (query/passage prefixes)']['top1']:.3f} "
        f"tfidf top1={table['baseline: char n-gram TF-IDF']['top1']:.3f} goals={goals}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
