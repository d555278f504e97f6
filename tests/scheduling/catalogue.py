"""Small named instances with known optima, built by hand."""

from __future__ import annotations

from dataclasses import dataclass

from keruen.scheduling.instance import Instance, Meeting, Participant, Slot


@dataclass(frozen=True)
class Case:
    instance: Instance
    status: str
    breaks: int | None
    scheduled_weight: int = 0
    unscheduled: int = 0


def _slots(n: int, *, days: int = 1, am: int | None = None) -> tuple[Slot, ...]:
    per_day = n // days
    am = per_day if am is None else am
    return tuple(
        Slot(i + 1, day=i // per_day + 1, session="AM" if i % per_day < am else "PM")
        for i in range(n)
    )


def _people(
    *ids: str, forbidden: dict[str, set[int]] | None = None, booths: dict[str, str] | None = None
) -> tuple[Participant, ...]:
    forbidden = forbidden or {}
    booths = booths or {}
    return tuple(Participant(i, frozenset(forbidden.get(i, set())), booths.get(i)) for i in ids)


def _m(mid: str, a: str, b: str, **kw: object) -> Meeting:
    return Meeting(mid, (a, b), **kw)  # type: ignore[arg-type]


def catalogue() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    cases["empty"] = Case(Instance("empty", _slots(3), 2, _people("a", "b"), ()), "OPTIMAL", 0)
    cases["one-meeting"] = Case(
        Instance("one", _slots(3), 1, _people("a", "b"), (_m("m1", "a", "b"),)), "OPTIMAL", 0
    )
    # A triangle needs three slots: two are not enough.
    cases["infeasible-triangle"] = Case(
        Instance(
            "tri",
            _slots(2),
            5,
            _people("a", "b", "c"),
            (_m("m1", "a", "b"), _m("m2", "b", "c"), _m("m3", "a", "c")),
        ),
        "INFEASIBLE",
        None,
    )
    # No slot left for a meeting: both participants forbid the other slot.
    cases["infeasible-forbidden"] = Case(
        Instance(
            "forb",
            _slots(2),
            5,
            _people("a", "b", forbidden={"a": {1}, "b": {2}}),
            (_m("m1", "a", "b"),),
        ),
        "INFEASIBLE",
        None,
    )
    # a has three meetings and, with slot 3 forbidden, two slots (the MaxSAT encoding once
    # crashed on its "busy in exactly 3 of 2 slots").
    cases["infeasible-overbooked"] = Case(
        Instance(
            "over",
            _slots(3),
            5,
            _people("a", "b", "c", "d", forbidden={"a": {3}}),
            (_m("m1", "a", "b"), _m("m2", "a", "c"), _m("m3", "a", "d")),
        ),
        "INFEASIBLE",
        None,
    )
    # The same pair twice; slot 2 forbidden to a: one gap for both a and b.
    cases["duplicate-pair"] = Case(
        Instance(
            "dup",
            _slots(3),
            1,
            _people("a", "b", forbidden={"a": {2}}),
            (_m("m1", "a", "b"), _m("m2", "a", "b")),
        ),
        "OPTIMAL",
        2,
    )
    # No shared tables at all: booth meetings still fit.
    cases["booths"] = Case(
        Instance(
            "booth",
            _slots(2),
            0,
            _people("a", "b", "c", booths={"a": "A1"}),
            (_m("m1", "a", "b"), _m("m2", "c", "a")),
        ),
        "OPTIMAL",
        0,
    )
    # One table and three meetings between disjoint pairs over 3 slots: capacity binds.
    cases["one-table"] = Case(
        Instance(
            "tab",
            _slots(3),
            1,
            _people("a", "b", "c", "d", "e", "f"),
            (_m("m1", "a", "b"), _m("m2", "c", "d"), _m("m3", "e", "f")),
        ),
        "OPTIMAL",
        0,
    )
    # Fixed at the ends of one day: one break; across two days: none.
    one_day = (_m("m1", "a", "b", fixed=1), _m("m2", "a", "c", fixed=4))
    cases["fixed-one-day"] = Case(
        Instance("f1", _slots(4), 2, _people("a", "b", "c"), one_day), "OPTIMAL", 1
    )
    cases["multi-day"] = Case(
        Instance("f2", _slots(4, days=2), 2, _people("a", "b", "c"), one_day), "OPTIMAL", 0
    )
    # AM/PM: a's meetings must be AM and PM with a's slot 2 forbidden -> 0 breaks needs 2,3.
    cases["sessions"] = Case(
        Instance(
            "sess",
            _slots(4, am=2),
            2,
            _people("a", "b", "c", forbidden={"a": {1}}),
            (_m("m1", "a", "b", session="AM"), _m("m2", "a", "c", session="PM")),
        ),
        "OPTIMAL",
        0,
    )
    # Two optional meetings compete for a's last slot: the heavier one wins.
    cases["optional"] = Case(
        Instance(
            "opt",
            _slots(2),
            2,
            _people("a", "b", "c", "d"),
            (
                _m("m1", "a", "b"),
                _m("m2", "a", "c", optional=True, weight=2),
                _m("m3", "a", "d", optional=True, weight=1),
            ),
        ),
        "OPTIMAL",
        0,
        scheduled_weight=2,
        unscheduled=1,
    )
    forced = (_m("m1", "a", "b", fixed=1), _m("m2", "a", "c", fixed=3), _m("m3", "d", "e"))
    cases["fairness-0"] = Case(
        Instance("fair0", _slots(3), 2, _people("a", "b", "c", "d", "e"), forced, fairness=0),
        "INFEASIBLE",
        None,
    )
    cases["fairness-1"] = Case(
        Instance("fair1", _slots(3), 2, _people("a", "b", "c", "d", "e"), forced, fairness=1),
        "OPTIMAL",
        1,
    )
    # m2 must follow m1 and m1 is fixed late: a gets a gap unless m3 fills it.
    cases["precedence"] = Case(
        Instance(
            "prec",
            _slots(4),
            2,
            _people("a", "b", "c", "d"),
            (
                _m("m1", "a", "b", fixed=2),
                _m("m2", "a", "c", after=("m1",)),
                _m("m3", "a", "d", session="AM"),
            ),
        ),
        "OPTIMAL",
        0,
    )
    return cases
