"""Heuristics for instances too large for an exact model (thousands of participants)."""

from keruen.scheduling.heuristics.greedy import large_solve
from keruen.scheduling.heuristics.large import solve_large, star_bound_sum

__all__ = ["large_solve", "solve_large", "star_bound_sum"]
