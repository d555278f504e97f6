"""A seedable generator of realistic expo instances (keruen-b2b/1).

What it models: several days of slots with an AM/PM split; a minority of exhibitors and
agencies in high demand (Zipf-like popularity); sector clusters (most meetings stay within
a sector); late arrivals and early departures; forum sessions that block slots for their
audience; exhibitors with booths; AM/PM-only meetings; and an oversubscribed variant where
extra requests are optional and weighted. Those may take a popular participant past the load
the required meetings respect, up to more meetings than it has free slots, so not every
request can be met and the solver has to choose.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from keruen.scheduling.instance import Instance, Meeting, Participant, Slot

SECTORS = (
    "infrastructure",
    "energy",
    "technology",
    "agriculture",
    "logistics",
    "finance",
    "culture-tourism",
    "health",
)


@dataclass(frozen=True)
class ExpoSpec:
    """Size and shape of a generated expo."""

    participants: int = 600
    meetings: int = 2000
    days: int = 3
    slots_per_day: int = 16
    am_slots: int = 8
    exhibitor_share: float = 0.12
    agency_share: float = 0.03
    booth_share: float = 0.5  # of exhibitors
    in_sector: float = 0.8
    late_share: float = 0.1
    early_share: float = 0.1
    forum_share: float = 0.25
    session_share: float = 0.08
    oversubscribed: float = 0.0  # extra optional meetings, as a share of ``meetings``
    max_load: float = 0.6  # a participant's required meetings <= this share of its free slots
    request_load: float = 1.5  # the same limit for all its requests, optional ones included
    # Tables for every request (a venue sized for the demand), or only for the required
    # meetings (one booked for the planned programme: optional ones compete for the rest).
    tables_for_optional: bool = True
    seed: int = 0


def _slots(spec: ExpoSpec) -> tuple[Slot, ...]:
    out = []
    for d in range(spec.days):
        for i in range(spec.slots_per_day):
            sid = d * spec.slots_per_day + i + 1
            out.append(Slot(sid, day=d + 1, session="AM" if i < spec.am_slots else "PM"))
    return tuple(out)


def _availability(spec: ExpoSpec, rng: random.Random, slots: tuple[Slot, ...]) -> set[int]:
    """Forbidden slots of one participant: late arrival, early departure, forums."""
    banned: set[int] = set()
    per_day = spec.slots_per_day
    # Arrives at noon on day 2 and leaves after the last morning; on a one-day event, misses
    # its first or its last quarter (so that nobody misses the whole event).
    missed_start = per_day + per_day // 2 if spec.days > 1 else per_day // 4
    missed_end = per_day // 2 if spec.days > 1 else per_day // 4
    if rng.random() < spec.late_share:
        banned |= {s.id for s in slots[:missed_start]}
    if rng.random() < spec.early_share and missed_end:
        banned |= {s.id for s in slots[-missed_end:]}
    if rng.random() < spec.forum_share:
        day = rng.randrange(spec.days)
        start = day * per_day + rng.choice((0, spec.am_slots))  # a forum opens a half-day
        banned |= {slots[start + k].id for k in range(2)}
    return banned


def generate_expo(spec: ExpoSpec | None = None, **overrides: object) -> Instance:
    """A random expo instance; the same spec (and seed) gives the same instance."""
    spec = spec or ExpoSpec()
    if overrides:
        spec = ExpoSpec(**{**spec.__dict__, **overrides})
    rng = random.Random(spec.seed)
    slots = _slots(spec)
    n = spec.participants
    n_exh = int(n * spec.exhibitor_share)
    n_agency = int(n * spec.agency_share)
    sector = [rng.randrange(len(SECTORS)) for _ in range(n)]
    # Popularity: exhibitors and agencies are in high demand, a few of them hugely.
    popularity = [(8.0 if i < n_exh + n_agency else 1.0) / (1 + (i % 97)) ** 0.3 for i in range(n)]
    participants = []
    capacity = []
    requests_capacity = []
    for i in range(n):
        banned = _availability(spec, rng, slots)
        booth = f"booth-{i + 1}" if i < n_exh and rng.random() < spec.booth_share else None
        participants.append(Participant(f"d{i + 1}", frozenset(banned), booth))
        capacity.append(int(spec.max_load * (len(slots) - len(banned))))
        requests_capacity.append(int(spec.request_load * (len(slots) - len(banned))))
    by_sector: dict[int, list[int]] = {}
    for i in range(n):
        by_sector.setdefault(sector[i], []).append(i)
    load = [0] * n
    meetings: list[Meeting] = []
    pairs: set[tuple[int, int]] = set()
    total = spec.meetings + int(spec.meetings * spec.oversubscribed)
    attempts = 0
    while len(meetings) < total and attempts < total * 50:
        attempts += 1
        a = rng.choices(range(n), weights=popularity)[0]
        pool = by_sector[sector[a]] if rng.random() < spec.in_sector else range(n)
        b = rng.choice(pool)
        key = (min(a, b), max(a, b))
        optional = len(meetings) >= spec.meetings
        cap = requests_capacity if optional else capacity
        if a == b or key in pairs or load[a] >= cap[a] or load[b] >= cap[b]:
            continue
        pairs.add(key)
        load[a] += 1
        load[b] += 1
        r = rng.random()
        session = (
            None if r >= spec.session_share else ("AM" if r < spec.session_share / 2 else "PM")
        )
        meetings.append(
            Meeting(
                id=f"m{len(meetings) + 1}",
                participants=(f"d{b + 1}", f"d{a + 1}"),  # the requester first
                session=session,
                weight=rng.choice((1, 1, 2, 3)) if optional else 1,
                optional=optional,
            )
        )
    shared = sum(
        1
        for m in meetings
        if (spec.tables_for_optional or not m.optional)
        and not any(participants[int(p[1:]) - 1].booth for p in m.participants)
    )
    tables = max(1, int(1.25 * shared / len(slots)) + 1)
    return Instance(
        name=f"expo-{n}p-{spec.meetings}m-s{spec.seed}",
        slots=slots,
        tables=tables,
        participants=tuple(participants),
        meetings=tuple(meetings),
        fairness=None,
    )
