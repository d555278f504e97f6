from __future__ import annotations

import subprocess
import sys

from keruen.scheduling.check import check
from keruen.scheduling.generate import ExpoSpec, generate_expo
from keruen.scheduling.heuristics import solve_large
from keruen.scheduling.solve import solve


def test_generator_is_seeded_and_realistic() -> None:
    spec = ExpoSpec(participants=300, meetings=900, seed=7)
    a, b = generate_expo(spec), generate_expo(spec)
    assert a == b
    assert generate_expo(spec, seed=8) != a
    assert len(a.meetings) == 900
    assert {s.day for s in a.slots} == {1, 2, 3}
    assert any(p.booth for p in a.participants)
    assert any(p.forbidden for p in a.participants)
    assert any(m.session for m in a.meetings)


def test_large_heuristic_gives_a_valid_schedule() -> None:
    inst = generate_expo(participants=400, meetings=1500, seed=3)
    result = solve_large(inst, time_limit=5)
    assert result.status in ("FEASIBLE", "OPTIMAL")
    assert check(inst, result) == []
    assert result.bound is not None
    assert result.objective is not None
    assert result.bound <= result.objective.breaks


def test_oversubscribed_variant_with_exact_solver() -> None:
    inst = generate_expo(participants=40, meetings=60, seed=2, oversubscribed=0.5, days=1)
    assert any(m.optional for m in inst.meetings)
    result = solve(inst, time_limit=5, workers=2, seed=0)
    assert result.status in ("FEASIBLE", "OPTIMAL")
    assert check(inst, result) == []


def test_core_imports_no_django_and_checker_no_ortools() -> None:
    code = (
        "import sys, keruen.scheduling.check, keruen.scheduling.io, keruen.scheduling.explain;"
        "assert 'ortools' not in sys.modules, 'ortools';"
        "import keruen.scheduling.solve, keruen.scheduling.cli;"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
