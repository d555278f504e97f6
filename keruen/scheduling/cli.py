"""``keruen schedule``: solve a keruen-b2b/1 (.json) or Bofill et al. (.dzn) instance."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from keruen.scheduling.instance import Instance, InstanceError
from keruen.scheduling.io import load, read_solution, solution_to_dict
from keruen.scheduling.result import Result

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="keruen schedule", description="Schedule B2B meetings (keruen-b2b/1 or .dzn)."
    )
    ap.add_argument("instance", help="instance file: .json (keruen-b2b/1) or .dzn")
    ap.add_argument("--time-limit", type=float, default=60.0, metavar="S")
    ap.add_argument("--workers", type=int, default=2, metavar="N")
    ap.add_argument("--seed", type=int, default=0, metavar="K")
    ap.add_argument("--fairness", type=int, default=None, metavar="D", help="override d")
    ap.add_argument("--keep", metavar="PREVIOUS.json", help="re-schedule, moving few meetings")
    ap.add_argument("--out", metavar="SOLUTION.json", help="write here instead of stdout")
    return ap


def _summary(result: Result) -> str:
    obj = result.objective
    if obj is None:
        reason = result.stats.get("reason")
        why = f" ({reason})" if reason else ""
        return f"status {result.status}{why}, no schedule, {result.wall_s:.1f} s"
    gap = result.gap
    parts = [
        f"status {result.status}",
        f"breaks {obj.breaks}",
        f"bound {result.bound if result.bound is not None else '-'}",
        f"gap {gap:.0%}" if gap is not None else "gap -",
        f"{len(result.assignments)} meetings scheduled",
    ]
    if obj.unscheduled:
        most = "" if result.weight_bound is None else f", at most {result.weight_bound}"
        parts.append(
            f"{obj.unscheduled} optional unscheduled (weight {obj.scheduled_weight}{most})"
        )
    return ", ".join(parts) + f", {result.wall_s:.1f} s"


def _progress(objective: float, bound: float, elapsed: float) -> None:
    if elapsed >= 1.0:  # quiet on quick solves
        print(f"  {elapsed:7.1f} s  breaks {objective:.0f}  bound {bound:.0f}", file=sys.stderr)


def _solve(inst: Instance, args: argparse.Namespace) -> Result:
    if args.keep:
        from keruen.scheduling.reschedule import reschedule

        previous = read_solution(args.keep)
        return reschedule(
            inst,
            previous,
            time_limit=args.time_limit,
            workers=args.workers,
            seed=args.seed,
        ).result
    from keruen.scheduling.solve import solve

    return solve(
        inst,
        time_limit=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        progress=_progress,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 no schedule, 2 bad input)."""
    args = _parser().parse_args(argv)
    try:
        inst = load(args.instance, fairness=args.fairness)
    except InstanceError as exc:
        print(f"keruen schedule: invalid instance {args.instance}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"keruen schedule: cannot read {args.instance}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = _solve(inst, args)
    except (InstanceError, OSError) as exc:
        print(f"keruen schedule: invalid --keep file {args.keep}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(_summary(result), file=sys.stderr)
    text = json.dumps(solution_to_dict(result), indent=1) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0 if result.assignments or not inst.meetings else 1
