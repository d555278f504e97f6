"""Reader for the MiniZinc ``.dzn`` instances of Bofill et al. (JAIR 74, 2022).

Semantics (``shared/bench/b2b/README.md``): one day; slots ``1..nTotalSlots``, the first
``nMorningSlots`` are AM; ``requested`` rows are (participant, participant, session) with
session 1 = AM, 2 = PM, 3 = any; ``forbidden`` sets drop the dummy 0; ``fixed`` 0 = free;
``precedences[m]`` lists the meetings held before ``m``. Fairness is not in the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from keruen.scheduling.instance import Instance, InstanceError, Meeting, Participant, Slot

_ASSIGN = re.compile(r"(\w+)\s*=\s*(.*?);", re.S)
_SESSION = {1: "AM", 2: "PM", 3: None}


def _ints(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"-?\d+", text)]


def _sets(text: str) -> list[list[int]]:
    return [_ints(body) for body in re.findall(r"\{([^}]*)\}", text)]


def parse_dzn(text: str, *, name: str = "", fairness: int | None = 2) -> Instance:
    """Build an instance from the text of a Bofill et al. ``.dzn`` file."""
    text = re.sub(r"%[^\n]*", "", text)  # MiniZinc line comments
    fields = dict(_ASSIGN.findall(text))
    need = ("nBusiness", "nMeetings", "nTables", "nTotalSlots", "nMorningSlots", "requested")
    for key in need:
        if key not in fields:
            raise InstanceError(key, "missing in .dzn")
    n_part = int(fields["nBusiness"])
    n_meet = int(fields["nMeetings"])
    n_slots = int(fields["nTotalSlots"])
    n_am = int(fields["nMorningSlots"])
    rows = _ints(fields["requested"])
    if len(rows) != 3 * n_meet:
        raise InstanceError("requested", f"expected {n_meet} rows of 3, got {len(rows)} numbers")
    forbidden = _sets(fields.get("forbidden", "")) or [[] for _ in range(n_part)]
    fixed = _ints(fields.get("fixed", "")) or [0] * n_meet
    precedences = _sets(fields.get("precedences", "")) or [[] for _ in range(n_meet)]
    if len(forbidden) != n_part:
        raise InstanceError("forbidden", f"expected {n_part} sets, got {len(forbidden)}")
    if len(fixed) != n_meet:
        raise InstanceError("fixed", f"expected {n_meet} values, got {len(fixed)}")
    if len(precedences) != n_meet:
        raise InstanceError("precedences", f"expected {n_meet} sets, got {len(precedences)}")
    slots = tuple(
        Slot(id=t, day=1, session="AM" if t <= n_am else "PM") for t in range(1, n_slots + 1)
    )
    participants = tuple(
        Participant(id=str(p + 1), forbidden=frozenset(s for s in forbidden[p] if s != 0))
        for p in range(n_part)
    )
    meetings = []
    for m in range(n_meet):
        a, b, sess = rows[3 * m : 3 * m + 3]
        if sess not in _SESSION:
            raise InstanceError(f"requested[{m + 1}]", f"session must be 1, 2 or 3, got {sess}")
        meetings.append(
            Meeting(
                id=str(m + 1),
                participants=(str(a), str(b)),
                session=_SESSION[sess],
                fixed=fixed[m] or None,
                after=tuple(str(x) for x in precedences[m]),
            )
        )
    return Instance(
        name=name,
        slots=slots,
        tables=int(fields["nTables"]),
        fairness=fairness,
        participants=participants,
        meetings=tuple(meetings),
    )


def read_dzn(path: str | Path, *, fairness: int | None = 2) -> Instance:
    """Read a ``.dzn`` file; the instance is named after the file (without ``.dzn``)."""
    p = Path(path)
    return parse_dzn(
        p.read_text(encoding="utf-8"), name=p.name.removesuffix(".dzn"), fairness=fairness
    )
