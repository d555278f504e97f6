"""Why no schedule can exist: counting proofs that the required meetings do not fit.

Each check relaxes the problem to one resource and asks, by a maximum flow, whether the
required meetings fit in it: the shared tables, one delegate's time, one booth's time. A
shortfall in any of them proves the instance infeasible, and says what to change (add tables,
free a delegate's slots), where a solver would only search until its time ran out: an event
with 299 meetings at the shared tables and 6 tables over 48 slots (288 places) left CP-SAT
with no answer after 10 s, and the organiser was told to try again with more time.

The checks are necessary conditions only: an instance that passes them may still be
infeasible (two delegates whose few free slots collide), and the solver decides those.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from ortools.graph.python.max_flow import SimpleMaxFlow

from keruen.scheduling.instance import Instance
from keruen.scheduling.result import Result

NO_SLOT = "no_slot"
TABLES = "tables"
PARTICIPANT = "participant"
BOOTH = "booth"


@dataclass(frozen=True)
class Shortfall:
    """``needed`` required meetings compete for a resource that holds at most ``fit`` of them.

    ``subject`` is the meeting id (``no_slot``), participant id (``participant``) or booth
    (``booth``); None for the shared tables, which number ``tables`` and where
    ``tables_needed`` is the fewest that would seat them all.
    """

    kind: str
    needed: int
    fit: int
    subject: str | None = None
    tables: int | None = None
    tables_needed: int | None = None

    def describe(self) -> str:
        """One English sentence for logs and the CLI (the web layer words its own)."""
        if self.kind == NO_SLOT:
            return f"meeting {self.subject!r} has no allowed slot"
        if self.kind == TABLES:
            return (
                f"{self.needed} meetings need a shared table but at most {self.fit} fit in the "
                f"slots they may take; {self.tables_needed} tables are needed"
            )
        who = (
            f"participant {self.subject!r}"
            if self.kind == PARTICIPANT
            else f"booth {self.subject!r}"
        )
        return f"{who} has {self.needed} meetings but at most {self.fit} fit in its free slots"

    def as_dict(self) -> dict[str, object]:
        return {key: value for key, value in asdict(self).items() if value is not None}


def shortfalls(instance: Instance) -> list[Shortfall]:
    """Every counting proof that the required meetings cannot all be placed; empty if none."""
    allowed = [tuple(instance.allowed_slots(m)) for m in instance.meetings]
    required = [k for k, m in enumerate(instance.meetings) if not m.optional]
    found = [
        Shortfall(NO_SLOT, 1, 0, subject=instance.meetings[k].id)
        for k in required
        if not allowed[k]
    ]
    placeable = [k for k in required if allowed[k]]
    found.extend(_participant_shortfalls(instance, placeable, allowed))
    found.extend(_booth_shortfalls(instance, placeable, allowed))
    shared = [k for k in placeable if instance.booth_of(instance.meetings[k]) is None]
    tables = _tables_shortfall(instance.tables, [allowed[k] for k in shared])
    if tables is not None:
        found.append(tables)
    return found


def infeasible_by_counting(instance: Instance, start: float) -> Result | None:
    """An INFEASIBLE result when a counting proof exists (``start``: the solve's clock), its
    ``stats`` carrying the first proof's sentence ("reason") and all of them ("shortfalls",
    plain dictionaries for JSON and the web layer); None otherwise."""
    from keruen.scheduling.outcome import result_of

    found = shortfalls(instance)
    if not found:
        return None
    stats: dict[str, object] = {"meetings": len(instance.meetings)}
    stats.update(reason=found[0].describe(), shortfalls=[s.as_dict() for s in found])
    return result_of(instance, "INFEASIBLE", None, None, start, stats)


def _participant_shortfalls(
    instance: Instance, placeable: list[int], allowed: list[tuple[int, ...]]
) -> list[Shortfall]:
    mine: dict[str, list[tuple[int, ...]]] = {}
    for k in placeable:
        for pid in instance.meetings[k].participants:
            mine.setdefault(pid, []).append(allowed[k])
    found = []
    for pid, options in mine.items():
        fit = _most_placed(options, per_slot=1)
        if fit < len(options):
            found.append(Shortfall(PARTICIPANT, len(options), fit, subject=pid))
    return found


def _booth_shortfalls(
    instance: Instance, placeable: list[int], allowed: list[tuple[int, ...]]
) -> list[Shortfall]:
    at_booth: dict[str, list[tuple[int, ...]]] = {}
    for k in placeable:
        booth = instance.booth_of(instance.meetings[k])
        if booth is not None:
            at_booth.setdefault(booth, []).append(allowed[k])
    found = []
    for booth, options in at_booth.items():
        # A booth held by one delegate repeats that delegate's own check: report it once.
        holders = [p for p in instance.participants if p.booth == booth]
        fit = _most_placed(options, per_slot=1)
        if fit < len(options) and len(holders) > 1:
            found.append(Shortfall(BOOTH, len(options), fit, subject=booth))
    return found


def _tables_shortfall(tables: int, options: list[tuple[int, ...]]) -> Shortfall | None:
    fit = _most_placed(options, per_slot=tables)
    if fit == len(options):
        return None
    # Flow grows with the tables, so the fewest that seat everyone is found by bisection;
    # as many tables as meetings always do (every meeting here has a slot).
    low, high = tables + 1, len(options)
    while low < high:
        middle = (low + high) // 2
        if _most_placed(options, per_slot=middle) == len(options):
            high = middle
        else:
            low = middle + 1
    return Shortfall(TABLES, len(options), fit, tables=tables, tables_needed=low)


def _most_placed(options: list[tuple[int, ...]], *, per_slot: int) -> int:
    """How many meetings can each take one of their slots (``options``) with at most
    ``per_slot`` in a slot: a maximum flow, meetings with the same slots merged into one node."""
    if not options:
        return 0
    if per_slot * min(len(o) for o in options) >= len(options):
        # Hall's condition holds for every subset: any k meetings reach >= k places.
        return len(options)
    groups = Counter(options)
    slots = sorted({t for o in groups for t in o})
    source, sink = 0, 1
    slot_node = {t: 2 + len(groups) + i for i, t in enumerate(slots)}
    flow = SimpleMaxFlow()
    for g, (group, count) in enumerate(groups.items()):
        flow.add_arc_with_capacity(source, 2 + g, count)
        for t in group:
            flow.add_arc_with_capacity(2 + g, slot_node[t], count)
    for node in slot_node.values():
        flow.add_arc_with_capacity(node, sink, per_slot)
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise RuntimeError("max flow failed")  # capacities are small non-negative ints
    return int(flow.optimal_flow())
