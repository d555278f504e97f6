"""Hard rules: who may be suggested to whom (organiser rules and delegates' corrections).

Corrections, by ``kind``:

* ``not_interested``: the target is never suggested to the delegate who said it (one way).
* ``competitor`` and ``already_client``: never suggested either way; both describe a relation
  between the two organisations that a brokerage meeting will not change.
* ``met_before``: still suggested, but ranked lower (see ``ScoreWeights.met_before_penalty``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from keruen.matching.profile import Correction, CorrectionKind, OrganiserRules, Participant

_BOTH_WAYS: frozenset[CorrectionKind] = frozenset({"competitor", "already_client"})


def _ids(participant: Participant) -> tuple[str, str]:
    return participant.id, participant.organisation.id


@dataclass
class CorrectionBook:
    """Delegates' corrections, indexed for constant-time checks."""

    blocked: set[tuple[str, str]] = field(default_factory=set)  # (viewer id, target id)
    met_before: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def from_corrections(cls, corrections: Iterable[Correction]) -> CorrectionBook:
        """Index corrections; ``competitor`` and ``already_client`` are stored both ways."""
        book = cls()
        for c in corrections:
            if c.kind == "met_before":
                book.met_before.update({(c.by, c.target), (c.target, c.by)})
            else:
                book.blocked.add((c.by, c.target))
                if c.kind in _BOTH_WAYS:
                    book.blocked.add((c.target, c.by))
        return book

    def _any(self, pairs: set[tuple[str, str]], viewer: Participant, other: Participant) -> bool:
        return any((v, o) in pairs for v in _ids(viewer) for o in _ids(other))

    def blocks(self, viewer: Participant, other: Participant) -> bool:
        """True if a correction forbids suggesting ``other`` to ``viewer``."""
        return self._any(self.blocked, viewer, other)

    def met_before_between(self, viewer: Participant, other: Participant) -> bool:
        """True if either said they met before."""
        return self._any(self.met_before, viewer, other)


def _roles_allowed(rules: OrganiserRules, a: Participant, b: Participant) -> bool:
    if rules.allowed_role_pairs is None:
        return True
    roles_a = a.organisation.roles or frozenset({"other"})
    roles_b = b.organisation.roles or frozenset({"other"})
    return any(frozenset({ra, rb}) in rules.allowed_role_pairs for ra in roles_a for rb in roles_b)


def organiser_allows(rules: OrganiserRules, viewer: Participant, other: Participant) -> bool:
    """True if the organiser's rules let ``other`` be suggested to ``viewer``."""
    if viewer.id == other.id or viewer.organisation.id == other.organisation.id:
        return False  # colleagues do not need a brokerage meeting
    if any(i in rules.hidden for i in _ids(other)):
        return False
    if any(frozenset({v, o}) in rules.excluded_pairs for v in _ids(viewer) for o in _ids(other)):
        return False
    same_delegation = viewer.delegation is not None and viewer.delegation == other.delegation
    if same_delegation and not rules.same_delegation_allowed:
        return False
    return _roles_allowed(rules, viewer, other)


def appearance_quota(rules: OrganiserRules, participant: Participant) -> int | None:
    """How many suggestion lists ``participant`` may appear in; None means no limit."""
    for key in _ids(participant):
        if key in rules.appearance_quota:
            return rules.appearance_quota[key]
    return rules.default_appearance_quota
