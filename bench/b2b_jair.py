"""Solve the 200 JAIR 2022 B2B configurations, check every schedule, compare with the paper.

    nice -n 10 .venv/bin/python bench/b2b_jair.py --time-limit 60 [--only PATTERN] [--fairness D]
        [--workers 2] [--out PATH]

Writes bench/results/b2b_jair.json and prints one summary line.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from keruen.scheduling.check import check  # noqa: E402
from keruen.scheduling.io import read_dzn  # noqa: E402
from keruen.scheduling.solve import solve  # noqa: E402

DATA = ROOT.parent / "shared" / "bench" / "b2b"
OUT = ROOT / "bench" / "results" / "b2b_jair.json"


def _verdict(status: str, breaks: int | None) -> str:
    if status == "INFEASIBLE":
        return "UNSAT"
    if status == "OPTIMAL":
        return str(breaks)
    return "open"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--other-limit",
        type=float,
        default=None,
        help="time limit for all but the 20 originals at d=2 (default: --time-limit)",
    )
    ap.add_argument("--only", default="*", help="glob on the file name, e.g. '*original*'")
    ap.add_argument(
        "--fairness", type=int, default=None, help="only the configurations with this d"
    )
    ap.add_argument(
        "--open-in",
        default=None,
        help="only the configurations left open in this earlier results file (to re-run "
        "them with a longer limit)",
    )
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    rows = list(csv.DictReader((DATA / "best_known_jair2022.csv").read_text().splitlines()))
    if args.open_in is not None:
        earlier = json.loads(Path(args.open_in).read_text())["results"]
        still_open = {(r["file"], r["d"]) for r in earlier if r["verdict"] == "open"}
        rows = [r for r in rows if (r["file"], int(r["fairness_d"])) in still_open]
    rows = [r for r in rows if fnmatch.fnmatch(r["file"], args.only)]
    if args.fairness is not None:
        rows = [r for r in rows if int(r["fairness_d"]) == args.fairness]
    rows.sort(key=lambda r: not _is_original(r["file"], int(r["fairness_d"])))
    results = []
    for r in rows:
        d = int(r["fairness_d"])
        inst = read_dzn(DATA / r["file"], fairness=d)
        limit = args.time_limit
        if args.other_limit is not None and not _is_original(r["file"], d):
            limit = args.other_limit
        res = solve(inst, time_limit=limit, workers=args.workers, seed=args.seed)
        violations = check(inst, res) if res.assignments else []
        breaks = res.objective.breaks if res.objective else None
        verdict = _verdict(res.status, breaks)
        paper_s = float(r["maxsat_uwrmaxsat_s"]) if r["maxsat_uwrmaxsat_s"] else None
        results.append(
            {
                "file": r["file"],
                "d": d,
                "status": res.status,
                "breaks": breaks,
                "bound": res.bound,
                "wall_s": round(res.wall_s, 2),
                "violations": len(violations),
                "paper": r["best_known"],
                "paper_maxsat_s": paper_s,
                "verdict": verdict,
                "agrees": verdict == r["best_known"],
                "faster_than_paper": paper_s is not None
                and verdict == r["best_known"]
                and res.wall_s < paper_s,
                "engine": res.stats.get("maxsat", "cpsat"),
                "maxsat_by": res.stats.get("maxsat_by"),
            }
        )
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        _write(args, results)  # after every instance, so an interrupted run still reports
    summary = _write(args, results)
    print(
        f"b2b_jair: {summary['agree']}/{summary['n']} verdicts equal the paper, "
        f"{summary['open']} open, {summary['invalid']} invalid schedules; originals d=2: "
        f"{summary['orig_proved']}/{summary['orig_n']} proved, "
        f"{summary['orig_faster']} faster than UWrMaxSat; max {summary['max_s']} s, "
        f"total {summary['total_s']} s"
    )
    return 0 if summary["invalid"] == 0 else 1


def _write(args: argparse.Namespace, results: list[dict[str, object]]) -> dict[str, object]:
    summary = _summary(results)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "command": " ".join(sys.argv),
        "time_limit": args.time_limit,
        "other_limit": args.other_limit,
        "workers": args.workers,
        "machine": f"{platform.machine()} {platform.python_version()}",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "summary": summary,
        "results": results,
    }
    Path(args.out).write_text(json.dumps(payload, indent=1) + "\n")
    return summary


def _is_original(name: str, d: int) -> bool:
    return name.endswith(".original.dzn") and d == 2


def _summary(results: list[dict[str, object]]) -> dict[str, object]:
    orig = [r for r in results if _is_original(str(r["file"]), int(str(r["d"])))]
    return {
        "n": len(results),
        "agree": sum(1 for r in results if r["agrees"]),
        "open": sum(1 for r in results if r["verdict"] == "open"),
        "invalid": sum(1 for r in results if r["violations"]),
        "orig_n": len(orig),
        "orig_proved": sum(1 for r in orig if r["agrees"]),
        "orig_faster": sum(1 for r in orig if r["faster_than_paper"]),
        "max_s": max((float(str(r["wall_s"])) for r in results), default=0.0),
        "total_s": round(sum(float(str(r["wall_s"])) for r in results), 1),
    }


if __name__ == "__main__":
    raise SystemExit(main())
