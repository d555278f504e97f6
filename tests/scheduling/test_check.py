from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from keruen.scheduling.check import check, evaluate
from keruen.scheduling.instance import Instance, Meeting, Participant, Slot
from keruen.scheduling.result import Assignment

SLOTS = tuple(Slot(i, 1, "AM" if i <= 3 else "PM") for i in range(1, 7))
PEOPLE = tuple(Participant(f"p{i}", frozenset({6}) if i == 0 else frozenset()) for i in range(6))
MEETINGS = (
    Meeting("m0", ("p0", "p1")),
    Meeting("m1", ("p0", "p2"), session="AM"),
    Meeting("m2", ("p1", "p2"), after=("m0",)),
    Meeting("m3", ("p3", "p4"), fixed=5),
    Meeting("m4", ("p4", "p5")),
    Meeting("m5", ("p3", "p5"), optional=True, weight=3),
)
INST = Instance("chk", SLOTS, 2, PEOPLE, MEETINGS, fairness=2)
VALID = (
    Assignment("m0", 1, 1),
    Assignment("m1", 2, 1),
    Assignment("m2", 3, 1),
    Assignment("m3", 5, 1),
    Assignment("m4", 4, 1),
)


def test_valid_schedule_passes_and_objective_is_recomputed() -> None:
    assert check(INST, VALID) == []
    obj = evaluate(INST, VALID)
    assert (obj.breaks, obj.scheduled_weight, obj.unscheduled) == (1, 0, 1)  # p1 meets at 1 and 3


def _rules(rows: list[Assignment]) -> set[str]:
    return {v.rule for v in check(INST, rows)}


@settings(max_examples=200, deadline=None)
@given(k=st.integers(0, len(VALID) - 1), kind=st.integers(0, 5), slot=st.integers(1, 6))
def test_random_corruptions_are_caught(k: int, kind: int, slot: int) -> None:
    rows = list(VALID)
    a = rows[k]
    if kind == 0:  # drop a required meeting
        del rows[k]
        assert "unscheduled" in _rules(rows)
    elif kind == 1:  # table out of range
        rows[k] = replace(a, table=3)
        assert "table" in _rules(rows)
    elif kind == 2:  # unknown ids
        rows.append(Assignment("nope", slot, 1))
        assert "unknown-meeting" in _rules(rows)
    elif kind == 3:  # onto the slot of another meeting of one of its participants
        mine = set(INST.meeting_by_id[a.meeting].participants)
        busy = [
            b.slot
            for b in rows
            if b.meeting != a.meeting and mine & set(INST.meeting_by_id[b.meeting].participants)
        ]
        rows[k] = replace(a, slot=busy[slot % len(busy)], table=2)
        assert "double-booking" in _rules(rows)
    elif kind == 4:  # same table twice in one slot
        other = rows[(k + 1) % len(rows)]
        rows[k] = replace(a, slot=other.slot, table=other.table)
        assert {"table-clash"} <= _rules(rows) or "double-booking" in _rules(rows)
    else:  # duplicate assignment
        rows.append(replace(a, slot=slot))
        assert "duplicate" in _rules(rows)


def test_each_rule_is_named() -> None:
    assert "session" in _rules([Assignment("m1", 5, 2), *VALID[:1], *VALID[2:]])
    assert "fixed" in _rules([*VALID[:3], Assignment("m3", 6, 1), VALID[4]])
    assert "precedence" in _rules(
        [Assignment("m0", 3, 2), VALID[1], Assignment("m2", 1, 1), *VALID[3:]]
    )
    assert "forbidden" in _rules([Assignment("m0", 6, 1), *VALID[1:]])
    assert "double-booking" in _rules([VALID[0], Assignment("m1", 1, 2), *VALID[2:]])


def test_fairness_violation() -> None:
    inst = replace(INST, fairness=0)
    # p0 meets at 1 and 3: one break, everyone else none.
    rows = [Assignment("m0", 1, 1), Assignment("m1", 3, 1), Assignment("m2", 4, 1), *VALID[3:]]
    assert "fairness" in {v.rule for v in check(inst, rows)}


def test_booth_rule() -> None:
    people = tuple(replace(p, booth="B") if p.id == "p4" else p for p in PEOPLE)
    inst = replace(INST, participants=people)
    assert "booth" in {v.rule for v in check(inst, VALID)}
    rows = [*VALID[:3], Assignment("m3", 5, "B"), Assignment("m4", 4, "B")]
    assert check(inst, rows) == []
