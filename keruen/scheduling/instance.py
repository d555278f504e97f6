"""The B2B scheduling instance: frozen, validated dataclasses (keruen-b2b/1 semantics).

An :class:`Instance` is validated when it is built, so every later stage (model, solver,
checker) can trust it. Validation errors name the offending field path, e.g.
``meetings[3].participants[1]: unknown participant 'p9'``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

SESSIONS = ("AM", "PM")


class InstanceError(ValueError):
    """A malformed instance; the message starts with the field path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


@dataclass(frozen=True)
class Slot:
    """One meeting slot; slots of the same day are consecutive."""

    id: int
    day: int = 1
    session: str = "AM"


@dataclass(frozen=True)
class Participant:
    """A delegate; ``booth`` set means it hosts all its meetings at that booth."""

    id: str
    forbidden: frozenset[int] = frozenset()
    booth: str | None = None


@dataclass(frozen=True)
class Meeting:
    """A requested meeting between two participants."""

    id: str
    participants: tuple[str, str]
    session: str | None = None
    fixed: int | None = None
    after: tuple[str, ...] = ()
    weight: int = 1
    optional: bool = False


@dataclass(frozen=True)
class Instance:
    """A complete scheduling problem. Built instances are always valid."""

    name: str
    slots: tuple[Slot, ...]
    tables: int
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    fairness: int | None = None

    def __post_init__(self) -> None:
        _validate(self)

    # Indexes used by every stage; cached because instances are immutable.
    @cached_property
    def slot_index(self) -> dict[int, int]:
        """Slot id -> position in time order."""
        return {s.id: i for i, s in enumerate(self.slots)}

    @cached_property
    def participant_by_id(self) -> dict[str, Participant]:
        return {p.id: p for p in self.participants}

    @cached_property
    def meeting_by_id(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    @cached_property
    def meeting_index(self) -> dict[str, int]:
        """Meeting id -> index."""
        return {m.id: k for k, m in enumerate(self.meetings)}

    @cached_property
    def successors(self) -> dict[int, list[int]]:
        """Meeting index -> indexes of the meetings that must come after it."""
        out: dict[int, list[int]] = {}
        for k, m in enumerate(self.meetings):
            for before in m.after:
                out.setdefault(self.meeting_index[before], []).append(k)
        return out

    @cached_property
    def meetings_of(self) -> dict[str, list[int]]:
        """Participant id -> indexes of its meetings."""
        out: dict[str, list[int]] = {p.id: [] for p in self.participants}
        for k, m in enumerate(self.meetings):
            for pid in m.participants:
                out[pid].append(k)
        return out

    @cached_property
    def fairness_is_a_cap(self) -> bool:
        """Whether fairness "max - min <= d" is "every participant has <= d breaks": true when
        someone can never have a break (at most one meeting), so the minimum is always 0."""
        return any(len(ks) <= 1 for ks in self.meetings_of.values())

    @cached_property
    def days(self) -> list[list[int]]:
        """Slot positions grouped by day, in time order."""
        groups: dict[int, list[int]] = {}
        for i, s in enumerate(self.slots):
            groups.setdefault(s.day, []).append(i)
        return list(groups.values())

    def booth_of(self, meeting: Meeting) -> str | None:
        """The booth a meeting is held at (first booth-holding participant), else None."""
        for pid in meeting.participants:
            booth = self.participant_by_id[pid].booth
            if booth is not None:
                return booth
        return None

    def allowed_slots(self, meeting: Meeting) -> list[int]:
        """Slot positions a meeting may take by its own rules (session, forbidden, fixed)."""
        banned: set[int] = set()
        for pid in meeting.participants:
            banned |= self.participant_by_id[pid].forbidden
        out = []
        for i, s in enumerate(self.slots):
            if s.id in banned:
                continue
            if meeting.session is not None and s.session != meeting.session:
                continue
            if meeting.fixed is not None and s.id != meeting.fixed:
                continue
            out.append(i)
        return out


def _unique(ids: Iterable[object], path: str) -> None:
    seen: set[object] = set()
    for k, i in enumerate(ids):
        if i in seen:
            raise InstanceError(f"{path}[{k}].id", f"duplicate id {i!r}")
        seen.add(i)


def _validate(inst: Instance) -> None:
    if not isinstance(inst.tables, int) or isinstance(inst.tables, bool) or inst.tables < 0:
        raise InstanceError("tables", f"must be a non-negative integer, got {inst.tables!r}")
    if inst.fairness is not None and (
        not isinstance(inst.fairness, int) or isinstance(inst.fairness, bool) or inst.fairness < 0
    ):
        raise InstanceError(
            "fairness", f"must be null or a non-negative integer, got {inst.fairness!r}"
        )
    _validate_slots(inst.slots)
    slot_ids = {s.id for s in inst.slots}
    _unique((p.id for p in inst.participants), "participants")
    for k, p in enumerate(inst.participants):
        for s in sorted(p.forbidden):
            if s not in slot_ids:
                raise InstanceError(f"participants[{k}].forbidden", f"unknown slot {s!r}")
    _validate_meetings(inst, slot_ids)


def _validate_slots(slots: tuple[Slot, ...]) -> None:
    _unique((s.id for s in slots), "slots")
    finished_days: set[int] = set()
    previous: int | None = None
    for k, s in enumerate(slots):
        if not isinstance(s.id, int) or isinstance(s.id, bool):
            raise InstanceError(f"slots[{k}].id", f"must be an integer, got {s.id!r}")
        if s.session not in SESSIONS:
            raise InstanceError(f"slots[{k}].session", f"must be 'AM' or 'PM', got {s.session!r}")
        if s.day != previous:
            # A day's slots must be contiguous in the list: breaks are counted per day.
            if s.day in finished_days:
                raise InstanceError(f"slots[{k}].day", f"slots of day {s.day} are not consecutive")
            if previous is not None:
                finished_days.add(previous)
            previous = s.day


def _validate_meetings(inst: Instance, slot_ids: set[int]) -> None:
    _unique((m.id for m in inst.meetings), "meetings")
    pids = {p.id for p in inst.participants}
    mids = {m.id for m in inst.meetings}
    for k, m in enumerate(inst.meetings):
        path = f"meetings[{k}]"
        if len(m.participants) != 2:
            raise InstanceError(f"{path}.participants", "must list exactly two participants")
        for j, pid in enumerate(m.participants):
            if pid not in pids:
                raise InstanceError(f"{path}.participants[{j}]", f"unknown participant {pid!r}")
        if m.participants[0] == m.participants[1]:
            raise InstanceError(f"{path}.participants", "a participant cannot meet itself")
        if m.session is not None and m.session not in SESSIONS:
            raise InstanceError(f"{path}.session", f"must be null, 'AM' or 'PM', got {m.session!r}")
        if m.fixed is not None and m.fixed not in slot_ids:
            raise InstanceError(f"{path}.fixed", f"unknown slot {m.fixed!r}")
        for j, a in enumerate(m.after):
            if a not in mids:
                raise InstanceError(f"{path}.after[{j}]", f"unknown meeting {a!r}")
            if a == m.id:
                raise InstanceError(f"{path}.after[{j}]", "a meeting cannot follow itself")
        if not isinstance(m.weight, int) or isinstance(m.weight, bool) or m.weight < 0:
            raise InstanceError(
                f"{path}.weight", f"must be a non-negative integer, got {m.weight!r}"
            )
