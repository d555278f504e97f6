"""Benchmark: the same ranking protocol on the training corpus's held-out items.

The development file has 80 items, and its figures guided the ranker's design. The items
listed in ``training/corpus/held_out.txt`` were written by the same brief as the adapter's
corpus, but no run of the adapter learnt from them: a second test set, larger and with
tighter near misses (each writer wrote groups of items that differ in one specific). One
setting was checked on them before it was adopted, CSLS k (docs/matching.md, "A second test
set"), so its figures there are not blind; the adapter's are. Each request ranks every
held-out offer, as in the development file's protocol. Writes
bench/results/matching_heldout.json and prints a one-line summary.

    .venv/bin/python bench/matching_heldout.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching_eval import BEFORE_ADAPTER, print_table, run_variant, summary_table  # noqa: E402

from keruen.matching.e5_adapter import shipped_adapter  # noqa: E402
from keruen.matching.evaluate import EvalItem  # noqa: E402
from keruen.matching.rank import DEFAULT_CONFIG, RAW_MODEL_CONFIG, TFIDF_CONFIG  # noqa: E402
from training.corpus import (  # noqa: E402
    HELD_OUT_FILE,
    corpus_files,
    learnt_from_no_listed_item,
    read_corpus,
    split,
)

RESULT = Path(__file__).resolve().parent / "results" / "matching_heldout.json"
VARIANTS = {
    "baseline: char n-gram TF-IDF": TFIDF_CONFIG,
    "baseline: raw e5 (query/passage prefixes)": RAW_MODEL_CONFIG,
    "full ranker without the adapter": BEFORE_ADAPTER,
    "full ranker": DEFAULT_CONFIG,
    "full ranker, CSLS k=10 (sensitivity)": replace(DEFAULT_CONFIG, csls_k=10),
}


def held_out_items() -> list[EvalItem]:
    _train, held_out = split(read_corpus(corpus_files()))
    return [
        EvalItem(
            id=item["id"],
            sector=item["sector"],
            hs=(),
            offer=dict(item["offer"]),
            request=dict(item["request"]),
        )
        for item in held_out
    ]


def main() -> int:
    items = held_out_items()
    results = {name: run_variant(config, items) for name, config in VARIANTS.items()}
    summary = summary_table(results)
    payload = {
        "held_out_file": str(HELD_OUT_FILE.relative_to(ROOT)),
        "items": len(items),
        "adapter_trained_without_them": learnt_from_no_listed_item(shipped_adapter().meta),
        "summary": summary,
        "variants": results,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(summary)
    full, before = summary["full ranker"], summary["full ranker without the adapter"]
    print(
        f"matching_heldout: {len(items)} items, full top1={full['top1']:.3f} "
        f"top5={full['top5']:.3f} mrr={full['mrr']:.3f} worst={full['worst_pair']['pair']}"
        f":{full['worst_pair']['top1']:.3f}; without the adapter top1={before['top1']:.3f}; "
        f"raw e5 top1={summary['baseline: raw e5 (query/passage prefixes)']['top1']:.3f}; "
        f"adapter trained without them: {payload['adapter_trained_without_them']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
