"""Stand in for an RC2 run that was interrupted with a given core bound."""

from __future__ import annotations

import pytest

from keruen.scheduling import solve as solve_module
from keruen.scheduling.maxsat import MaxSatOutcome


def interrupt_maxsat(monkeypatch: pytest.MonkeyPatch, bound: int) -> None:
    """Make ``solve`` see RC2 stopped with no schedule and a proved bound of ``bound``."""

    def interrupted(*_: object, **__: object) -> MaxSatOutcome:
        return MaxSatOutcome("UNKNOWN", None, None, bound)

    monkeypatch.setattr(solve_module, "solve_maxsat", interrupted)
