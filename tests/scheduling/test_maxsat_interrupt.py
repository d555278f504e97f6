"""A MaxSAT run stopped by its time limit must never claim infeasibility."""

from __future__ import annotations

import json
from pathlib import Path

from keruen.scheduling.io.jsonio import instance_from_dict
from keruen.scheduling.maxsat import solve_maxsat

# The demo expo's meetings (440 meetings, 3 days, booths): feasible, and large enough that
# encoding uses up a short time limit, so RC2 is interrupted as soon as it starts.
DEMO = Path(__file__).parent / "data" / "demo-expo-440.json"


def test_an_interrupted_run_is_unknown_not_infeasible() -> None:
    instance = instance_from_dict(json.loads(DEMO.read_text()))
    outcome = solve_maxsat(instance, time_limit=1.0)
    assert outcome.status == "UNKNOWN"
