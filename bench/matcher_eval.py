"""Benchmark: the ``Matcher``'s own suggestions on the development file.

The protocol of bench/matching_eval.py (``keruen.matching.evaluate``), but every ranking comes
from a ``Matcher`` instead of ``rank_texts``. For each ordered language pair (A, B) the event
has one participant per item holding the item's request in A and one per item holding its
offer in B. Each has an organisation of its own, speaks the language of its text and has no
role, sector, HS code or target country: the structured signals are then equal for every
offer holder, and only the text orders them. For each request holder, the offer holders are
ranked by ``Matcher.scored_candidates`` (directed score, the product's shortlist, before the
list's length and diversity limits); the right partner holds the same item's offer.

Run with the base e5 and without the e5 concept-profile view, the hubness correction and the
lexical concept view, then adding each in turn, and last e5's trade-language adapter (all
four: the ``Matcher``'s defaults), to measure each gain.

With the defaults it also counts what the suggestions *say*: among the offer holders of each
request holder's first ``SHOWN`` suggestions, those whose reason claims that their offer
"answers" the request (``OpportunityMatch.close``; otherwise it only "comes closest").
Precision: claims that name the item's own offer. Recall: the item's own offers shown with the
claim. Near misses: claims for another item's offer of the same sector (solar EPC for solar
modules), the wrong claims most likely to mislead.

Writes bench/results/matcher_eval.json and prints a one-line summary.

    nice -n 10 .venv/bin/python bench/matcher_eval.py [FILE.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from keruen.matching.encoder import CombinedEncoder, default_e5, default_use
from keruen.matching.evaluate import EvalItem, Ranker, evaluate, load_items
from keruen.matching.explain import OpportunityMatch
from keruen.matching.lang import detect_language
from keruen.matching.profile import Opportunity, OpportunityKind, Organisation, Participant
from keruen.matching.score import Matcher, Suggestion
from keruen.matching.text_vectors import (
    CONCEPT_WEIGHT,
    E5_WEIGHT,
    HUBNESS_K,
    LEXICAL_WEIGHT,
    USE_WEIGHT,
    default_event_encoder,
)

DEV_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "matchmaking_dev.jsonl"
RESULT = Path(__file__).resolve().parent / "results" / "matcher_eval.json"

WITHOUT_CONCEPTS = "Matcher: e5 + 0.5 USE, each centred"
WITH_CONCEPTS = f"  + {CONCEPT_WEIGHT:g} e5 concept profiles"
WITH_HUBNESS = f"  + hubness correction (CSLS, k={HUBNESS_K})"
WITH_LEXICAL = f"  + {LEXICAL_WEIGHT:g} lexical concept profiles (Matcher before the adapter)"
NOW = "  + trade-language adapter of e5 = Matcher now"
# name -> (concept weight, hubness k, lexical weight, e5 adapted)
VARIANTS: dict[str, tuple[float, int, float, bool]] = {
    WITHOUT_CONCEPTS: (0.0, 0, 0.0, False),
    WITH_CONCEPTS: (CONCEPT_WEIGHT, 0, 0.0, False),
    WITH_HUBNESS: (CONCEPT_WEIGHT, HUBNESS_K, 0.0, False),
    WITH_LEXICAL: (CONCEPT_WEIGHT, HUBNESS_K, LEXICAL_WEIGHT, False),
    NOW: (CONCEPT_WEIGHT, HUBNESS_K, LEXICAL_WEIGHT, True),
}


SHOWN = 10  # suggestions a delegate sees first


@dataclass
class Claims:
    """What the shown suggestions claim about offers and requests (see the docstring)."""

    claimed: int = 0
    claimed_right: int = 0
    right_shown: int = 0
    near_misses_claimed: int = 0

    def count(self, *, claimed: bool, right: bool, same_sector: bool) -> None:
        self.claimed += claimed
        self.claimed_right += claimed and right
        self.right_shown += right
        self.near_misses_claimed += claimed and not right and same_sector

    def summary(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": round(self.claimed_right / max(self.claimed, 1), 3),
            "recall": round(self.claimed_right / max(self.right_shown, 1), 3),
        }


def _holder(prefix: str, index: int, kind: OpportunityKind, text: str) -> Participant:
    """A participant of its own organisation holding one opportunity, and nothing else."""
    pid = f"{prefix}-{index:04d}"  # zero-padded: ties in score go to the lower item index
    organisation = Organisation(id=f"org-{pid}", name=pid, country="XX")
    opportunity = Opportunity(id=f"{pid}-{kind}", kind=kind, text=text)
    return Participant(
        id=pid,
        organisation=organisation,
        languages=frozenset({detect_language(text)}),
        opportunities=(opportunity,),
    )


def matcher_ranker(
    concept_weight: float,
    hubness_k: int,
    lexical_weight: float,
    claims: tuple[Claims, list[str]] | None = None,
    *,
    adapted: bool = True,
) -> Ranker:
    """A ranker for ``evaluate``: each query's candidates in the order the Matcher gives.

    ``claims``: a count to add the shown suggestions' claims to, and the items' sectors.
    """

    def rank(queries: list[str], candidates: list[str]) -> list[list[int]]:
        seekers = [_holder("request", i, "request", t) for i, t in enumerate(queries)]
        holders = [_holder("offer", j, "offer", t) for j, t in enumerate(candidates)]
        matcher = Matcher(
            [*seekers, *holders],
            encoder=None if adapted else _base_encoder(),
            concept_weight=concept_weight,
            hubness_k=hubness_k,
            lexical_weight=lexical_weight,
        )
        column = {p.id: j for j, p in enumerate(holders)}
        rankings = []
        for item, seeker in enumerate(seekers):
            ranked = matcher.scored_candidates(seeker.id)
            # Other request holders are never a partner on text; the protocol ranks offers.
            offers = [s for s in ranked if s.participant_id in column]
            rankings.append([column[s.participant_id] for s in offers])
            if claims is not None:
                _count_claims(claims, item, offers[:SHOWN], column)
        return rankings

    return rank


def _base_encoder() -> CombinedEncoder:
    """The event encoder with e5 as it was before the trade-language adapter."""
    return CombinedEncoder([(default_e5(adapted=False), E5_WEIGHT), (default_use(), USE_WEIGHT)])


def _count_claims(
    claims: tuple[Claims, list[str]], item: int, shown: list[Suggestion], column: dict[str, int]
) -> None:
    count, sectors = claims
    for suggestion in shown:
        other = column[suggestion.participant_id]
        for reason in suggestion.reasons:
            if isinstance(reason, OpportunityMatch):
                count.count(
                    claimed=reason.close,
                    right=other == item,
                    same_sector=sectors[other] == sectors[item],
                )


def _run(variant: tuple[float, int, float, bool], items: list[EvalItem]) -> dict[str, Any]:
    concept_weight, hubness_k, lexical_weight, adapted = variant
    started = time.perf_counter()
    claims = (Claims(), [item.sector for item in items])
    ranker = matcher_ranker(concept_weight, hubness_k, lexical_weight, claims, adapted=adapted)
    report = evaluate(items, ranker)
    report["seconds"] = round(time.perf_counter() - started, 2)
    report["answer_claims"] = claims[0].summary()
    report["concept_weight"] = concept_weight
    report["hubness_k"] = hubness_k
    report["lexical_weight"] = lexical_weight
    report["e5_adapted"] = adapted
    return report


def _row(report: dict[str, Any]) -> dict[str, Any]:
    return {
        "top1": round(report["overall"]["top1"], 3),
        "top5": round(report["overall"]["top5"], 3),
        "mrr": round(report["overall"]["mrr"], 3),
        "cross_top1": round(report["cross_language"]["top1"], 3),
        "worst_pair": report["worst_pair"],
        "answer_claims": report["answer_claims"],
    }


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_FILE
    items = load_items(path)
    results = {name: _run(variant, items) for name, variant in VARIANTS.items()}
    table = {name: _row(report) for name, report in results.items()}
    now, before = table[NOW], table[WITHOUT_CONCEPTS]
    gain = {key: round(now[key] - before[key], 3) for key in ("top1", "top5", "mrr", "cross_top1")}
    payload = {
        "file": str(path),
        "encoder": default_event_encoder().name,
        "protocol": "keruen.matching.evaluate through Matcher.scored_candidates (see docstring)",
        "summary": table,
        "gain_over_first_variant": gain,
        "variants": results,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    w, claims = now["worst_pair"], now["answer_claims"]
    print(
        f"matcher_eval: top1={now['top1']:.3f} top5={now['top5']:.3f} mrr={now['mrr']:.3f} "
        f"cross_top1={now['cross_top1']:.3f} worst={w['pair']}:{w['top1']:.3f} "
        f"without the three views top1={before['top1']:.3f} top5={before['top5']:.3f} "
        f"mrr={before['mrr']:.3f} gain top1={gain['top1']:+.3f}; "
        f"'answers' claims in the first {SHOWN}: {claims['claimed']} "
        f"precision={claims['precision']:.3f} recall={claims['recall']:.3f} "
        f"near misses={claims['near_misses_claimed']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
