"""Scoring of delegates against delegates: text meaning plus structured signals and rules.

directed score(viewer, other) =
      text  * best similarity of a complementary pair (see below):
              viewer request x other offer (factor 1), viewer offer x other request
              (factor ``their_need``, 0.8: it serves the other side's need first)
    + sector * ISIC closeness (class 1.0 > group 0.8 > division 0.6 > section 0.3)
    + hs     * HS closeness (heading 1.0 > chapter 0.6 > related chapter 0.3)
    + target_country per direction (an opportunity targets the other's country)
    + roles if complementary (buyer-supplier, investor-government, ...)
    + common_language, or - interpreter_penalty if none
    - met_before_penalty if either said they met before

Rules and corrections (``rules``) remove pairs before scoring. The mutual score of a pair is
the harmonic mean of both directed scores, so a suggestion is only strong if it is good for
both sides.

The text similarity is the weighted mean of the cosines of the text views (e5, its concept
profile, USE; ``text_vectors`` builds the vectors), corrected for hubness as CSLS does in
``rank_texts`` (``Matcher._similarity``). It is the ``similarity`` of an ``opportunity_match``
reason.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from keruen.matching.encoder import Encoder
from keruen.matching.explain import (
    Direction,
    OpportunityMatch,
    Reason,
)
from keruen.matching.index import APPROXIMATE_THRESHOLD, VectorIndex, build_index
from keruen.matching.lang import detect_language
from keruen.matching.profile import (
    Correction,
    OrganiserRules,
    Participant,
    ScoreWeights,
)
from keruen.matching.rules import CorrectionBook, appearance_quota, organiser_allows
from keruen.matching.signals import hs_codes, isic_codes, structured_reasons
from keruen.matching.text_vectors import (
    CONCEPT_WEIGHT,
    HUBNESS_K,
    LEXICAL_WEIGHT,
    default_event_encoder,
    hubness,
    opportunity_vectors,
    similarity_spread,
)

# An offer "answers" a request when its similarity stands this many standard deviations above
# the request's mean similarity to all the event's offers: the usual threshold for a value
# that stands out from its population, not tuned. Below it, a suggestion only says which
# offer comes closest. Measured on the development file through the Matcher (the offers of
# the top 10 suggestions, bench/matcher_eval.py): 617 claims, 89 % of them naming the right
# offer and 50 a near miss of the same sector; the previous rule (above the mean of the
# request's 10 nearest offers) made 4,829, 24 % right and 1,290 near misses.
ANSWER_Z = 3.0


@dataclass(frozen=True)
class Suggestion:
    """One suggested partner for a viewer, with the reasons behind the score."""

    participant_id: str
    organisation_id: str
    score: float
    reasons: tuple[Reason, ...]
    mutual_score: float | None = None


def harmonic_mean(a: float, b: float) -> float:
    """Harmonic mean of two positive scores; the smaller score otherwise."""
    if a <= 0 or b <= 0:
        return min(a, b)
    return 2 * a * b / (a + b)


class Matcher:
    """Suggestions for the delegates of one event.

    Opportunity texts are encoded once (the encoder's cache keeps them across runs) and
    centred per language and kind over the whole event; a vector index finds each delegate's
    textual shortlist, on which the structured signals and rules are applied.
    ``concept_weight`` and ``lexical_weight`` weigh the e5 and the lexical concept-profile
    views of the text similarity and ``hubness_k`` sets its hubness correction
    (``_similarity``); 0 leaves any of them out (used by ``bench/matcher_eval.py`` to measure
    their gains).
    """

    def __init__(
        self,
        participants: Sequence[Participant],
        *,
        rules: OrganiserRules | None = None,
        corrections: Iterable[Correction] = (),
        weights: ScoreWeights | None = None,
        encoder: Encoder | None = None,
        shortlist: int = 200,
        index_threshold: int = APPROXIMATE_THRESHOLD,
        concept_weight: float = CONCEPT_WEIGHT,
        lexical_weight: float = LEXICAL_WEIGHT,
        hubness_k: int = HUBNESS_K,
    ) -> None:
        self.participants = list(participants)
        self.rules = rules or OrganiserRules()
        self.weights = weights or ScoreWeights()
        self.shortlist = shortlist
        self.book = CorrectionBook.from_corrections(corrections)
        self._by_id: dict[str, Participant] = {}
        for p in self.participants:
            if p.id in self._by_id:
                raise ValueError(f"duplicate participant id {p.id!r}")
            self._by_id[p.id] = p
        # Code sets per participant, computed once: they are compared for every candidate pair.
        self._isic = {p.id: isic_codes(p) for p in self.participants}
        self._hs = {p.id: hs_codes(p) for p in self.participants}
        self._rows: dict[str, int] = {}  # opportunity id -> row in self._vectors
        self._owner: list[str] = []  # row -> participant id
        texts, langs, kinds = self._register_opportunities()
        self._vectors = opportunity_vectors(
            encoder or default_event_encoder(),
            texts,
            langs,
            kinds,
            concept_weight=concept_weight,
            lexical_weight=lexical_weight,
        )
        self._kind_rows = {
            kind: np.array([r for r, k in enumerate(kinds) if k == kind], dtype=np.int64)
            for kind in ("offer", "request")
        }
        # Per row, the mean similarity to its ``hubness_k`` nearest rows of the other kind.
        self._nearest_mean = self._nearest_means(hubness_k)
        # Per row: hubness minus its event mean, halved (see ``_similarity``).
        self._hubness: NDArray[np.float32] = (
            (self._nearest_mean - self._nearest_mean.mean()) / 2
            if len(self._nearest_mean)
            else self._nearest_mean
        )
        # Per request row: mean and spread of its similarity to every offer of the event.
        offers, requests = self._kind_rows["offer"], self._kind_rows["request"]
        self._spread_mean = np.zeros(len(self._vectors))
        self._spread = np.zeros(len(self._vectors))
        self._spread_mean[requests], self._spread[requests] = similarity_spread(
            self._vectors[requests], self._vectors[offers], self._hubness[offers]
        )
        self._indexes: dict[str, VectorIndex] = {
            kind: build_index(self._vectors[rows], threshold=index_threshold)
            for kind, rows in self._kind_rows.items()
        }

    def _nearest_means(self, k: int) -> NDArray[np.float32]:
        """Per row: its mean similarity to its ``k`` nearest rows of the other kind (zeros
        when ``k`` is 0: no hubness correction)."""
        means = np.zeros(len(self._vectors), dtype=np.float32)
        if k < 1 or len(means) == 0:
            return means
        offers, requests = self._kind_rows["offer"], self._kind_rows["request"]
        means[offers], means[requests] = hubness(self._vectors[offers], self._vectors[requests], k)
        return means

    def _answers(self, request_row: int, offer_row: int) -> bool:
        """The offer stands out among all the event's offers for this request: its
        similarity is ``ANSWER_Z`` standard deviations above the request's mean. Never in an
        event of fewer than 11 offers, where no value can stand that far out: there the
        suggestion only says which offer comes closest, which is always true."""
        spread = float(self._spread[request_row])
        if spread <= 0.0:
            return False
        # The request's own hubness shifts all of its similarities alike: left out of both.
        offer_similarity = float(self._vectors[request_row] @ self._vectors[offer_row]) - float(
            self._hubness[offer_row]
        )
        return offer_similarity - float(self._spread_mean[request_row]) >= ANSWER_Z * spread

    def _similarity(self, row: int, other_row: int) -> float:
        """Text similarity of two opportunities: cosine of their vectors, corrected for hubness.

        CSLS (as ``rank_texts``) halved, plus the event's mean hubness: cos - (r_a + r_b) / 2
        + mean r. An opportunity close to every one of the other kind (a generic offer) no
        longer tops everyone's list; an average pair keeps its cosine, the scale the
        structured weights were set on.
        """
        cosine = float(self._vectors[row] @ self._vectors[other_row])
        return cosine - float(self._hubness[row] + self._hubness[other_row])

    def with_policy(
        self, *, rules: OrganiserRules | None = None, corrections: Iterable[Correction] = ()
    ) -> Matcher:
        """This matcher under other rules and corrections, sharing the encoded event.

        Encoding, centring and indexing depend on the profiles only; rules and corrections
        are applied per pair at query time. A server keeps one prepared matcher per event
        and derives a cheap one for each delegate's request.
        """
        derived = copy.copy(self)
        derived.rules = rules or OrganiserRules()
        derived.book = CorrectionBook.from_corrections(corrections)
        return derived

    def _register_opportunities(self) -> tuple[list[str], list[str], list[str]]:
        """Give every opportunity a row; return its text, language and kind per row."""
        texts: list[str] = []
        langs: list[str] = []
        kinds: list[str] = []
        for p in self.participants:
            for opp in p.opportunities:
                if opp.id in self._rows:
                    raise ValueError(f"duplicate opportunity id {opp.id!r}")
                self._rows[opp.id] = len(self._owner)
                self._owner.append(p.id)
                texts.append(opp.text)
                langs.append(opp.language or detect_language(opp.text))
                kinds.append(opp.kind)
        return texts, langs, kinds

    def participant(self, participant_id: str) -> Participant:
        """The participant with this id (KeyError if unknown)."""
        return self._by_id[participant_id]

    # -- text ---------------------------------------------------------------------------
    def _best_text_match(self, viewer: Participant, other: Participant) -> OpportunityMatch | None:
        return self._text_both_ways(viewer, other)[0]

    def _text_both_ways(
        self, viewer: Participant, other: Participant
    ) -> tuple[OpportunityMatch | None, float | None]:
        """``viewer``'s best text match with ``other``, and ``other``'s best text contribution.

        Both come from the same offer/request similarities; only the weight differs (an
        answer to your own request counts fully, one to theirs ``their_need``). None when no
        offer of one meets a request of the other.
        """
        best: OpportunityMatch | None = None
        theirs_best: float | None = None
        for mine in viewer.opportunities:
            for theirs in other.opportunities:
                if mine.kind == theirs.kind:
                    continue  # two offers (or two requests) do not answer each other
                sim = self._similarity(self._rows[mine.id], self._rows[theirs.id])
                ours = mine.kind == "request"
                factor = self.weights.text * (1.0 if ours else self.weights.their_need)
                their_factor = self.weights.text * (self.weights.their_need if ours else 1.0)
                if theirs_best is None or their_factor * sim > theirs_best:
                    theirs_best = their_factor * sim
                if best is None or factor * sim > best.contribution:
                    direction: Direction = (
                        "their_offer_answers_your_request"
                        if ours
                        else "your_offer_answers_their_request"
                    )
                    request, offer = (mine, theirs) if ours else (theirs, mine)
                    best = OpportunityMatch(
                        code="opportunity_match",
                        contribution=factor * sim,
                        direction=direction,
                        your_opportunity_id=mine.id,
                        their_opportunity_id=theirs.id,
                        similarity=sim,
                        close=self._answers(self._rows[request.id], self._rows[offer.id]),
                    )
        return best, theirs_best

    def _candidates(self, viewer: Participant) -> list[Participant]:
        if len(self.participants) <= self.shortlist:
            return self.participants
        found: dict[str, None] = {}
        for opp in viewer.opportunities:
            wanted = "offer" if opp.kind == "request" else "request"
            index, rows = self._indexes[wanted], self._kind_rows[wanted]
            if len(index) == 0:
                continue
            _, ids = index.search(self._vectors[self._rows[opp.id]][None, :], self.shortlist)
            for i in ids[0]:
                if i >= 0:
                    found.setdefault(self._owner[int(rows[i])])
        return [self._by_id[pid] for pid in found]

    # -- structured signals ---------------------------------------------------------------
    def _structured(self, viewer: Participant, other: Participant) -> list[Reason]:
        return structured_reasons(
            viewer,
            other,
            self.weights,
            sectors=(self._isic[viewer.id], self._isic[other.id]),
            hs=(self._hs[viewer.id], self._hs[other.id]),
            met_before=self.book.met_before_between(viewer, other),
        )

    # -- public API -----------------------------------------------------------------------
    def allowed(self, viewer: Participant, other: Participant) -> bool:
        """True if rules and corrections let ``other`` be suggested to ``viewer``."""
        return organiser_allows(self.rules, viewer, other) and not self.book.blocks(viewer, other)

    def score(self, viewer_id: str, other_id: str) -> Suggestion | None:
        """Directed score of ``other`` for ``viewer``; None if the pair is not allowed."""
        viewer, other = self._by_id[viewer_id], self._by_id[other_id]
        if not self.allowed(viewer, other):
            return None
        reasons: list[Reason] = []
        text = self._best_text_match(viewer, other)
        if text is not None:
            reasons.append(text)
        reasons.extend(self._structured(viewer, other))
        total = sum(r.contribution for r in reasons)
        return Suggestion(other.id, other.organisation.id, total, tuple(reasons))

    def _both_ways(
        self, viewer: Participant, other: Participant
    ) -> tuple[Suggestion, float] | None:
        """``other`` for ``viewer`` (with reasons) and ``other``'s directed score for ``viewer``.

        One pass instead of two ``score`` calls: every structured signal (sectors, HS codes,
        target countries counted both ways, roles, languages, met before) is symmetric, so
        only the text part differs. None if either direction is not allowed.
        """
        if not (self.allowed(viewer, other) and self.allowed(other, viewer)):
            return None
        text, their_text = self._text_both_ways(viewer, other)
        structured = self._structured(viewer, other)
        reasons = ([text] if text is not None else []) + structured
        theirs = ([their_text] if their_text is not None else []) + [
            r.contribution for r in structured
        ]
        forward = Suggestion(
            other.id, other.organisation.id, sum(r.contribution for r in reasons), tuple(reasons)
        )
        return forward, sum(theirs)

    def mutual_score(self, a_id: str, b_id: str) -> float | None:
        """Harmonic mean of both directed scores; None if either direction is not allowed."""
        ab, ba = self.score(a_id, b_id), self.score(b_id, a_id)
        if ab is None or ba is None:
            return None
        return harmonic_mean(ab.score, ba.score)

    def scored_candidates(self, viewer_id: str, *, mutual: bool = False) -> list[Suggestion]:
        """Every allowed candidate of the shortlist, best first, before diversity and limits."""
        viewer = self._by_id[viewer_id]
        out: list[Suggestion] = []
        for other in self._candidates(viewer):
            if not mutual:
                forward = self.score(viewer.id, other.id)
                if forward is not None:
                    out.append(forward)
                continue
            pair = self._both_ways(viewer, other)
            if pair is None:
                continue
            forward, backward = pair
            both = harmonic_mean(forward.score, backward)
            out.append(
                Suggestion(
                    forward.participant_id, forward.organisation_id, both, forward.reasons, both
                )
            )
        out.sort(key=lambda s: (-s.score, s.participant_id))
        return out

    def suggest(
        self, viewer_id: str, *, limit: int | None = None, mutual: bool = False
    ) -> list[Suggestion]:
        """Best suggestions for one delegate, at most ``max_per_organisation`` per organisation."""
        limit = self.rules.max_suggestions if limit is None else limit
        per_org: dict[str, int] = {}
        chosen: list[Suggestion] = []
        for s in self.scored_candidates(viewer_id, mutual=mutual):
            if len(chosen) >= limit:
                break
            if per_org.get(s.organisation_id, 0) >= self.rules.max_per_organisation:
                continue
            per_org[s.organisation_id] = per_org.get(s.organisation_id, 0) + 1
            chosen.append(s)
        return chosen

    def suggest_all(self, *, mutual: bool = True) -> dict[str, list[Suggestion]]:
        """Suggestion lists for everyone, honouring appearance quotas.

        Greedy by score over all (viewer, candidate) pairs: the best pairs of the event are
        placed first, so a popular delegate's quota goes to the lists where they fit best.
        """
        pool = [
            (s.score, viewer.id, s)
            for viewer in self.participants
            for s in self.scored_candidates(viewer.id, mutual=mutual)
        ]
        pool.sort(key=lambda t: (-t[0], t[1], t[2].participant_id))
        lists: dict[str, list[Suggestion]] = {p.id: [] for p in self.participants}
        per_org: dict[tuple[str, str], int] = {}
        appearances: dict[str, int] = {}
        for _, viewer_id, s in pool:
            quota = appearance_quota(self.rules, self._by_id[s.participant_id])
            org_key = (viewer_id, s.organisation_id)
            if (
                len(lists[viewer_id]) >= self.rules.max_suggestions
                or per_org.get(org_key, 0) >= self.rules.max_per_organisation
                or (quota is not None and appearances.get(s.participant_id, 0) >= quota)
            ):
                continue
            lists[viewer_id].append(s)
            per_org[org_key] = per_org.get(org_key, 0) + 1
            appearances[s.participant_id] = appearances.get(s.participant_id, 0) + 1
        return lists
