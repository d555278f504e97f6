from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from keruen.scheduling.instance import InstanceError
from keruen.scheduling.io import (
    instance_from_dict,
    instance_to_dict,
    parse_dzn,
    read_dzn,
    result_from_dict,
    solution_to_dict,
)
from keruen.scheduling.result import Assignment, Objective, Result
from tests.scheduling.catalogue import catalogue

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "b2b"
SUMMARY = {
    r["file"]: r for r in csv.DictReader((BENCH / "instances_summary.csv").read_text().splitlines())
}
DZN = sorted(p.name for p in BENCH.glob("*.dzn"))


def test_all_140_files_present() -> None:
    assert len(DZN) == 140


@pytest.mark.parametrize("name", DZN)
def test_dzn_reader_matches_summary(name: str) -> None:
    inst = read_dzn(BENCH / name)
    row = {k: int(v) for k, v in SUMMARY[name].items() if v.isdigit()}
    if "morning_slots" in row:  # a few summary rows leave it empty
        assert sum(s.session == "AM" for s in inst.slots) == row["morning_slots"]
    assert len(inst.participants) == int(row["participants"])
    assert len(inst.meetings) == int(row["meetings"])
    assert len(inst.slots) == int(row["time_slots"])
    assert inst.tables == int(row["locations"])
    assert sum(m.session == "AM" for m in inst.meetings) == int(row["am_only_meetings"])
    assert sum(m.session == "PM" for m in inst.meetings) == int(row["pm_only_meetings"])
    assert sum(len(p.forbidden) for p in inst.participants) == int(
        row["forbidden_participant_slots"]
    )
    assert sum(m.fixed is not None for m in inst.meetings) == int(row["fixed_meetings"])
    assert sum(len(m.after) for m in inst.meetings) == int(row["precedence_pairs"])
    pairs = [tuple(sorted(m.participants)) for m in inst.meetings]
    assert len(pairs) - len(set(pairs)) == int(row["duplicate_meeting_pairs"])
    assert inst.fairness == 2
    assert inst.name == name.removesuffix(".dzn")


def test_dzn_semantics_on_a_tiny_file() -> None:
    text = """nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 3; nMorningSlots = 2;
    requested = [|1, 2,1, |2, 3,3 |];
    forbidden = [{0}, {0,3}, {2}];
    fixed = [0,2];
    precedences = [{}, {1}];"""
    inst = parse_dzn(text, name="tiny", fairness=1)
    assert [s.session for s in inst.slots] == ["AM", "AM", "PM"]
    assert inst.participant_by_id["2"].forbidden == {3}
    assert inst.meetings[0].session == "AM"
    assert inst.meetings[1].session is None
    assert inst.meetings[1].fixed == 2
    assert inst.meetings[0].fixed is None
    assert inst.meetings[1].after == ("1",)
    assert inst.fairness == 1


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_json_round_trip(name: str) -> None:
    inst = catalogue()[name].instance
    data = json.loads(json.dumps(instance_to_dict(inst)))
    assert instance_from_dict(data) == inst


def test_solution_round_trip() -> None:
    res = Result("x", "OPTIMAL", Objective(1, 2, 3), 1, (Assignment("m1", 2, "B"),), 0.5)
    back = result_from_dict(json.loads(json.dumps(solution_to_dict(res))))
    assert back.assignments == res.assignments
    assert back.objective == res.objective
    assert solution_to_dict(res)["format"] == "keruen-b2b-solution/1"


def _base() -> dict[str, object]:
    return {
        "format": "keruen-b2b/1",
        "name": "bad",
        "slots": [{"id": 1, "day": 1, "session": "AM"}],
        "tables": 1,
        "participants": [{"id": "p1"}, {"id": "p2"}],
        "meetings": [{"id": "m1", "participants": ["p1", "p2"]}],
    }


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (
            {"meetings": [{"id": "m1", "participants": ["p1", "p9"]}]},
            "meetings[0].participants[1]: unknown participant 'p9'",
        ),
        ({"tables": -1}, "tables: must be a non-negative integer"),
        ({"slots": [{"id": 1, "session": "XX"}]}, "slots[0].session"),
        (
            {"participants": [{"id": "p1", "forbidden": [7]}, {"id": "p2"}]},
            "participants[0].forbidden: unknown slot 7",
        ),
        (
            {"meetings": [{"id": "m1", "participants": ["p1", "p2"], "after": ["m7"]}]},
            "meetings[0].after[0]: unknown meeting 'm7'",
        ),
        (
            {"meetings": [{"id": "m1", "participants": ["p1", "p2"], "fixed": 4}]},
            "meetings[0].fixed: unknown slot 4",
        ),
        ({"meetings": [{"participants": ["p1", "p2"]}]}, "meetings[0].id: missing"),
        ({"format": "other/9"}, "format"),
        ({"participants": [{"id": "p1"}, {"id": "p1"}]}, "participants[1].id: duplicate id"),
    ],
)
def test_invalid_instances_name_the_field(patch: dict[str, object], message: str) -> None:
    data = {**_base(), **patch}
    with pytest.raises(InstanceError, match=message.replace("[", r"\[").replace("]", r"\]")):
        instance_from_dict(data)
