"""Solver output: assignments, objective and the :class:`Result` of a solve."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN")


@dataclass(frozen=True)
class Assignment:
    """One scheduled meeting: its slot id and its table (1..tables) or booth name."""

    meeting: str
    slot: int
    table: int | str


@dataclass(frozen=True)
class Objective:
    """Lexicographic objective: maximise scheduled weight, then minimise breaks."""

    breaks: int
    scheduled_weight: int
    unscheduled: int


@dataclass(frozen=True)
class Result:
    """What a solve returns: always the best valid schedule found so far (maybe empty)."""

    instance: str
    status: str
    objective: Objective | None
    bound: int | None
    assignments: tuple[Assignment, ...]
    wall_s: float
    stats: dict[str, Any] = field(default_factory=dict)
    # A proved upper bound on the scheduled optional weight, when the instance has optional
    # meetings and the solver proved one (None otherwise).
    weight_bound: int | None = None

    @property
    def gap(self) -> float | None:
        """Relative gap between breaks and their proved lower bound (0.0 when proved)."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective.breaks == 0:
            return 0.0
        return (self.objective.breaks - self.bound) / self.objective.breaks
