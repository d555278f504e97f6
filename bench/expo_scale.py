"""Expo-scale benchmark: generate a large expo, schedule it, check it, report.

    nice -n 10 .venv/bin/python bench/expo_scale.py [--participants 6000 --meetings 20000
        --days 3 --slots-per-day 16 --time-limit 300 --seed 1 --oversubscribed 0.0
        --tables-for all|required --via large|solve]

Writes bench/results/expo_scale.json and prints one summary line.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from keruen.scheduling.check import breaks_per_participant, check  # noqa: E402
from keruen.scheduling.generate import generate_expo  # noqa: E402
from keruen.scheduling.heuristics.large import solve_large  # noqa: E402
from keruen.scheduling.solve import solve  # noqa: E402

OUT = ROOT / "bench" / "results" / "expo_scale.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--participants", type=int, default=6000)
    ap.add_argument("--meetings", type=int, default=20000)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--slots-per-day", type=int, default=16)
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--oversubscribed", type=float, default=0.0)
    ap.add_argument(
        "--tables-for",
        choices=["all", "required"],
        default="all",
        help="size the tables for every request, or for the required meetings only",
    )
    ap.add_argument(
        "--via",
        choices=["large", "solve"],
        default="large",
        help="the expo path directly, or solve() (which takes the exact path <= 3,000 meetings)",
    )
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    t0 = time.monotonic()
    inst = generate_expo(
        participants=args.participants,
        meetings=args.meetings,
        days=args.days,
        slots_per_day=args.slots_per_day,
        am_slots=args.slots_per_day // 2,
        seed=args.seed,
        oversubscribed=args.oversubscribed,
        tables_for_optional=args.tables_for == "all",
    )
    gen_s = time.monotonic() - t0
    # Leave head-room inside the 5-minute goal for generation, checking and writing.
    limit = max(1.0, args.time_limit - gen_s - 30)
    if args.via == "solve":
        result = solve(inst, time_limit=limit, workers=2, seed=args.seed)
    else:
        result = solve_large(inst, time_limit=limit)
    violations = check(inst, result)
    breaks = list(breaks_per_participant(inst, result).values())
    active = [
        b
        for p, b in zip(inst.participants, breaks, strict=True)
        if len(inst.meetings_of[p.id]) >= 2
    ]
    total_s = time.monotonic() - t0
    obj = result.objective
    report = {
        "command": " ".join(sys.argv),
        "instance": inst.name,
        "participants": len(inst.participants),
        "meetings": len(inst.meetings),
        "slots": len(inst.slots),
        "tables": inst.tables,
        "status": result.status,
        "scheduled": len(result.assignments),
        "violations": len(violations),
        "breaks": obj.breaks if obj else None,
        "unscheduled_optional": obj.unscheduled if obj else None,
        "optional_weight": {
            "requested": sum(m.weight for m in inst.meetings if m.optional),
            "scheduled": obj.scheduled_weight if obj else None,
            "upper_bound": result.weight_bound,
        },
        "bound": result.bound,
        "breaks_per_delegate": {
            "mean": round(statistics.mean(breaks), 3),
            "max": max(breaks),
            "share_zero": round(sum(b == 0 for b in breaks) / len(breaks), 3),
            "mean_with_2plus_meetings": round(statistics.mean(active), 3) if active else 0.0,
        },
        "generate_s": round(gen_s, 1),
        "solve_s": round(result.wall_s, 1),
        "total_s": round(total_s, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stats": {k: v for k, v in result.stats.items() if isinstance(v, int | float | str)},
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    b = report["breaks_per_delegate"]
    print(
        f"expo_scale: {report['participants']} delegates, {report['meetings']} meetings, "
        f"{report['slots']} slots: {result.status}, {report['scheduled']} scheduled, "
        f"{report['violations']} violations, breaks {report['breaks']} (bound {result.bound}), "
        f"{_weight_summary(report['optional_weight'])}"
        f"per delegate mean {b['mean']} max {b['max']} zero {b['share_zero']:.0%}, "
        f"{report['total_s']} s, peak RSS {report['peak_rss_mb']} MB"
    )
    return 0 if not violations else 1


def _weight_summary(weight: dict[str, int | None]) -> str:
    if not weight["requested"]:
        return ""
    return (
        f"optional weight {weight['scheduled']} of {weight['requested']} requested "
        f"(at most {weight['upper_bound']} possible), "
    )


if __name__ == "__main__":
    raise SystemExit(main())
