"""keruen-b2b/1 JSON: instances and solutions (see ``shared/specs/b2b-instance.md``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from keruen.scheduling.instance import Instance, InstanceError, Meeting, Participant, Slot
from keruen.scheduling.result import Assignment, Objective, Result

INSTANCE_FORMAT = "keruen-b2b/1"
SOLUTION_FORMAT = "keruen-b2b-solution/1"


def _get(obj: dict[str, Any], key: str, path: str, kind: type | tuple[type, ...]) -> Any:
    if key not in obj:
        raise InstanceError(f"{path}.{key}" if path else key, "missing")
    value = obj[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise InstanceError(f"{path}.{key}" if path else key, f"wrong type {type(value).__name__}")
    return value


def _opt(obj: dict[str, Any], key: str, path: str, kind: type, default: Any) -> Any:
    value = obj.get(key, default)
    if value is None or value is default:
        return value
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise InstanceError(f"{path}.{key}", f"wrong type {type(value).__name__}")
    return value


def _obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(path, "must be an object")
    return value


def _slot(raw: Any, path: str) -> Slot:
    d = _obj(raw, path)
    return Slot(
        id=_get(d, "id", path, int),
        day=_opt(d, "day", path, int, 1),
        session=_opt(d, "session", path, str, "AM"),
    )


def _participant(raw: Any, path: str) -> Participant:
    d = _obj(raw, path)
    forbidden = _opt(d, "forbidden", path, list, [])
    for k, s in enumerate(forbidden):
        if not isinstance(s, int) or isinstance(s, bool):
            raise InstanceError(f"{path}.forbidden[{k}]", "must be a slot id (integer)")
    return Participant(
        id=_get(d, "id", path, str),
        forbidden=frozenset(forbidden),
        booth=_opt(d, "booth", path, str, None),
    )


def _meeting(raw: Any, path: str) -> Meeting:
    d = _obj(raw, path)
    parts = _get(d, "participants", path, list)
    for k, p in enumerate(parts):
        if not isinstance(p, str):
            raise InstanceError(f"{path}.participants[{k}]", "must be a participant id (string)")
    if len(parts) != 2:
        raise InstanceError(f"{path}.participants", "must list exactly two participants")
    after = _opt(d, "after", path, list, [])
    for k, a in enumerate(after):
        if not isinstance(a, str):
            raise InstanceError(f"{path}.after[{k}]", "must be a meeting id (string)")
    return Meeting(
        id=_get(d, "id", path, str),
        participants=(parts[0], parts[1]),
        session=_opt(d, "session", path, str, None),
        fixed=_opt(d, "fixed", path, int, None),
        after=tuple(after),
        weight=_opt(d, "weight", path, int, 1),
        optional=_opt(d, "optional", path, bool, False),
    )


def instance_from_dict(data: Any) -> Instance:
    """Build and validate an instance from parsed keruen-b2b/1 JSON."""
    d = _obj(data, "")
    fmt = d.get("format", INSTANCE_FORMAT)
    if fmt != INSTANCE_FORMAT:
        raise InstanceError("format", f"expected {INSTANCE_FORMAT!r}, got {fmt!r}")
    slots = _get(d, "slots", "", list)
    participants = _get(d, "participants", "", list)
    meetings = _get(d, "meetings", "", list)
    return Instance(
        name=_opt(d, "name", "", str, "") or "",
        slots=tuple(_slot(s, f"slots[{k}]") for k, s in enumerate(slots)),
        tables=_get(d, "tables", "", int),
        fairness=_opt(d, "fairness", "", int, None),
        participants=tuple(
            _participant(p, f"participants[{k}]") for k, p in enumerate(participants)
        ),
        meetings=tuple(_meeting(m, f"meetings[{k}]") for k, m in enumerate(meetings)),
    )


def instance_to_dict(inst: Instance) -> dict[str, Any]:
    """The keruen-b2b/1 JSON object of an instance."""
    parts: list[dict[str, Any]] = []
    for p in inst.participants:
        row: dict[str, Any] = {"id": p.id, "forbidden": sorted(p.forbidden)}
        if p.booth is not None:
            row["booth"] = p.booth
        parts.append(row)
    return {
        "format": INSTANCE_FORMAT,
        "name": inst.name,
        "slots": [{"id": s.id, "day": s.day, "session": s.session} for s in inst.slots],
        "tables": inst.tables,
        "fairness": inst.fairness,
        "participants": parts,
        "meetings": [
            {
                "id": m.id,
                "participants": list(m.participants),
                "session": m.session,
                "fixed": m.fixed,
                "after": list(m.after),
                "weight": m.weight,
                "optional": m.optional,
            }
            for m in inst.meetings
        ],
    }


def solution_to_dict(result: Result) -> dict[str, Any]:
    """The keruen-b2b-solution/1 JSON object of a result."""
    obj = result.objective
    return {
        "format": SOLUTION_FORMAT,
        "instance": result.instance,
        "status": result.status,
        "objective": None
        if obj is None
        else {
            "breaks": obj.breaks,
            "scheduled_weight": obj.scheduled_weight,
            "unscheduled": obj.unscheduled,
        },
        "bound": _bound(result),
        "wall_s": round(result.wall_s, 3),
        "assignments": [
            {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in result.assignments
        ],
    }


def _bound(result: Result) -> dict[str, int | None]:
    """``breaks``: a proved lower bound; ``scheduled_weight`` (only when the solver proved
    one, for instances with optional meetings): a proved upper bound."""
    out: dict[str, int | None] = {"breaks": result.bound}
    if result.weight_bound is not None:
        out["scheduled_weight"] = result.weight_bound
    return out


def solution_from_dict(data: Any) -> list[Assignment]:
    """The assignments of a keruen-b2b-solution/1 object (validated for shape only)."""
    d = _obj(data, "")
    rows = _get(d, "assignments", "", list)
    out = []
    for k, raw in enumerate(rows):
        path = f"assignments[{k}]"
        r = _obj(raw, path)
        table = _get(r, "table", path, (int, str))
        out.append(Assignment(_get(r, "meeting", path, str), _get(r, "slot", path, int), table))
    return out


def result_from_dict(data: Any) -> Result:
    """A full :class:`Result` from a solution object (stats are not stored in the file)."""
    d = _obj(data, "")
    obj = d.get("objective")
    bounds = d.get("bound") or {}
    bound = bounds.get("breaks")
    weight_bound = bounds.get("scheduled_weight")
    return Result(
        instance=str(d.get("instance", "")),
        status=str(d.get("status", "UNKNOWN")),
        objective=None
        if obj is None
        else Objective(int(obj["breaks"]), int(obj["scheduled_weight"]), int(obj["unscheduled"])),
        bound=None if bound is None else int(bound),
        assignments=tuple(solution_from_dict(d)),
        wall_s=float(d.get("wall_s", 0.0)),
        weight_bound=None if weight_bound is None else int(weight_bound),
    )


def read_instance(path: str | Path) -> Instance:
    """Read a keruen-b2b/1 JSON instance file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InstanceError("", f"not valid JSON: {exc}") from exc
    return instance_from_dict(data)


def write_instance(inst: Instance, path: str | Path) -> None:
    """Write an instance as keruen-b2b/1 JSON."""
    Path(path).write_text(json.dumps(instance_to_dict(inst), indent=1) + "\n", encoding="utf-8")


def read_solution(path: str | Path) -> list[Assignment]:
    """Read the assignments of a keruen-b2b-solution/1 JSON file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InstanceError("", f"not valid JSON: {exc}") from exc
    return solution_from_dict(data)


def write_solution(result: Result, path: str | Path) -> None:
    """Write a result as keruen-b2b-solution/1 JSON."""
    Path(path).write_text(json.dumps(solution_to_dict(result), indent=1) + "\n", encoding="utf-8")


def assignments_by_meeting(assignments: Sequence[Assignment]) -> dict[str, Assignment]:
    """Index assignments by meeting id."""
    return {a.meeting: a for a in assignments}
