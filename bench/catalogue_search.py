"""Catalogue search quality on the demo expo: products named in four languages, and nonsense.

Builds the demo expo into a data directory (``keruen migrate`` and ``keruen demo``; reused if
``--data-dir`` already holds one), then asks the catalogue search for 64 product queries (16
products, each in English, Chinese, Russian and Kazakh, as a visitor would type them) and 23
names and nonsense strings. An entry is relevant to a product when its HS codes start with
that product's heading or chapter (the demo's own data, not the search's). For each query:
the entries kept by meaning alone (the stored embeddings), and by meaning together with the
products named (``keruen.matchmaking.product_search``) at several thresholds.

    python bench/catalogue_search.py [--data-dir DIR]

Writes ``bench/results/catalogue_search.json`` and prints one summary line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "catalogue_search.json"
SLUG = "cae-2027"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6)

# product -> (its queries in en, zh, ru, kk; HS prefixes of relevant entries)
PRODUCTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "wheat": (("wheat", "小麦", "пшеница", "бидай"), ("1001", "1101")),
    "cotton": (("cotton", "棉花", "хлопок", "мақта"), ("52",)),
    "honey": (("honey", "蜂蜜", "мёд", "бал"), ("0409",)),
    "tea": (("tea", "茶叶", "чай", "шай"), ("0902",)),
    "dried apricots": (("dried apricots", "杏干", "курага", "кептірілген өрік"), ("0813",)),
    "tractors": (("tractors", "拖拉机", "тракторы", "тракторлар"), ("8701",)),
    "solar modules": (
        ("solar modules", "光伏组件", "солнечные модули", "күн модульдері"),
        ("8541",),
    ),
    "transformers": (("transformers", "变压器", "трансформаторы", "трансформаторлар"), ("8504",)),
    "fertilisers": (("fertilizers", "化肥", "удобрения", "тыңайтқыштар"), ("31",)),
    "drones": (("drones", "无人机", "беспилотники", "дрондар"), ("8806",)),
    "carpets": (("carpets", "地毯", "ковры", "кілемдер"), ("57",)),
    "beef": (("beef", "牛肉", "говядина", "сиыр еті"), ("0201", "0202")),
    "wagons": (("freight wagons", "铁路货车", "грузовые вагоны", "жүк вагондары"), ("8606",)),
    "rebar": (("rebar", "钢筋", "арматура", "арматура болат"), ("7214",)),
    "batteries": (
        ("lithium batteries", "锂电池", "литиевые аккумуляторы", "литий аккумуляторлары"),
        ("8507",),
    ),
    "coal": (("coal", "煤炭", "уголь", "көмір"), ("2701",)),
}
NONSENSE = (
    "xyzzy", "qqqqqq", "фывапр", "12345", "Absheron", "Shanghai", "Sumgait", "Almaty",
    "Khorgos", "Хоргос", "Қорғас", "Ürümqi", "Tianshan", "Иванов", "Tashkent", "EXPO",
    "hello world", "你好", "Астана", "Baku", "conference", "B2B", "Ltd",
)  # fmt: skip


def prepare(data_dir: Path) -> None:
    """Point Django at the demo's data directory and build the demo there if it is not."""
    os.environ.update(
        KERUEN_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'keruen.sqlite3'}",
        DJANGO_SETTINGS_MODULE="keruen.settings",
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from keruen.events.models import Event

    if not Event.objects.filter(slug=SLUG).exists():
        with open(os.devnull, "w") as quiet:
            call_command("demo", stdout=quiet)


def measure() -> dict[str, Any]:
    from keruen.events.models import Event
    from keruen.marketplace.models import Opportunity
    from keruen.matchmaking import product_search, search

    event = Event.objects.get(slug=SLUG)
    codes = dict(
        Opportunity.objects.filter(event=event, status=Opportunity.Status.PUBLISHED).values_list(
            "pk", "hs_codes"
        )
    )

    def relevant(pk: int, prefixes: tuple[str, ...]) -> bool:
        return any(str(code).startswith(prefixes) for code in codes.get(pk) or [])

    def meaning_only(query: str) -> list[int]:
        meaning = search._meaning(event, query)
        return sorted(meaning.kept, key=meaning.cosine, reverse=True)[:50] if meaning else []

    def with_products(query: str) -> list[int]:
        return search.opportunity_semantic_ranking(event=event, query=query) or []

    variants: dict[str, Any] = {"meaning only": meaning_only}
    for threshold in THRESHOLDS:
        variants[f"meaning + products named, {threshold}"] = (threshold, with_products)
    report: dict[str, Any] = {"entries": len(codes), "variants": {}}
    saved = product_search.MIN_CONCEPT_SCORE
    try:
        for name, variant in variants.items():
            if isinstance(variant, tuple):
                product_search.MIN_CONCEPT_SCORE, rank = variant
            else:
                rank = variant
            report["variants"][name] = _score(rank, relevant, codes)
    finally:
        product_search.MIN_CONCEPT_SCORE = saved
    return report


def _score(rank: Any, relevant: Any, codes: dict[int, Any]) -> dict[str, Any]:
    kept_relevant = kept_other = with_relevant = 0
    recall_sum = 0.0
    misses = []
    for queries, prefixes in PRODUCTS.values():
        wanted = sum(relevant(pk, prefixes) for pk in codes)
        for query in queries:
            ranked = rank(query)
            hits = sum(relevant(pk, prefixes) for pk in ranked)
            kept_relevant += hits
            kept_other += len(ranked) - hits
            with_relevant += hits > 0
            top = sum(relevant(pk, prefixes) for pk in ranked[:10])
            recall_sum += top / max(1, min(10, wanted))
            if not hits:
                misses.append(query)
    count = sum(len(queries) for queries, _ in PRODUCTS.values())
    nonsense = {query: len(rank(query)) for query in NONSENSE}
    return {
        "queries_with_a_relevant_entry": with_relevant,
        "queries": count,
        "recall_at_10": round(recall_sum / count, 3),
        "relevant_kept": kept_relevant,
        "other_kept": kept_other,
        "missed": misses,
        "names_and_nonsense_kept": sum(nonsense.values()),
        "names_and_nonsense": {query: kept for query, kept in nonsense.items() if kept},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="reuse (or build) the demo here")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="keruen-search-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    prepare(data_dir)
    report = measure()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    now, before = (
        report["variants"]["meaning + products named, 0.5"],
        report["variants"]["meaning only"],
    )
    print(
        f"catalogue_search: {now['queries_with_a_relevant_entry']}/{now['queries']} product "
        f"queries find a relevant entry (meaning only {before['queries_with_a_relevant_entry']}), "
        f"recall@10 {now['recall_at_10']:.3f} ({before['recall_at_10']:.3f}), kept "
        f"{now['relevant_kept']} relevant / {now['other_kept']} other "
        f"({before['relevant_kept']} / {before['other_kept']}), names and nonsense kept "
        f"{now['names_and_nonsense_kept']} ({before['names_and_nonsense_kept']})"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
