"""Table assignment after slots: booth meetings at their booth, the rest numbered per slot."""

from __future__ import annotations

from collections.abc import Mapping

from keruen.scheduling.instance import Instance
from keruen.scheduling.result import Assignment


def assign_tables(
    instance: Instance,
    slot_of: Mapping[str, int],
    previous: Mapping[str, Assignment] | None = None,
) -> list[Assignment]:
    """Give every scheduled meeting a table (1..tables) or its booth.

    Slots are independent, so a per-slot numbering is always valid when the slot respects
    the capacity. With ``previous``, a meeting that stays in its slot keeps its table when
    that table is still free, so re-published schedules change as little as possible.
    """
    previous = previous or {}
    by_slot: dict[int, list[str]] = {}
    for mid in slot_of:
        by_slot.setdefault(slot_of[mid], []).append(mid)
    out: list[Assignment] = []
    for slot, mids in by_slot.items():
        taken: set[int] = set()
        pending: list[str] = []
        for mid in mids:
            booth = instance.booth_of(instance.meeting_by_id[mid])
            if booth is not None:
                out.append(Assignment(mid, slot, booth))
                continue
            old = previous.get(mid)
            if (
                old is not None
                and old.slot == slot
                and isinstance(old.table, int)
                and 1 <= old.table <= instance.tables
                and old.table not in taken
            ):
                taken.add(old.table)
                out.append(Assignment(mid, slot, old.table))
            else:
                pending.append(mid)
        free = (t for t in range(1, instance.tables + 1) if t not in taken)
        for mid in pending:
            # Over capacity only if the slots were invalid; the checker will say so.
            out.append(Assignment(mid, slot, next(free, 0)))
    order = {m.id: i for i, m in enumerate(instance.meetings)}
    out.sort(key=lambda a: order[a.meeting])
    return out
