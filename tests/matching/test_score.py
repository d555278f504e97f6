"""Scoring rules on small hand-made events (bag-of-words encoder: fast and transparent)."""

import pytest

from keruen.matching.explain import (
    CommonLanguages,
    ComplementaryRoles,
    HsMatch,
    InterpreterNeeded,
    MetBefore,
    OpportunityMatch,
    SharedSectors,
    TargetCountryMatch,
)
from keruen.matching.profile import Correction, OrganiserRules
from keruen.matching.score import Matcher

from .conftest import BagOfWordsEncoder, person

SILO_REQUEST = "we need steel grain silos and elevators for wheat storage"
SILO_OFFER = "we build steel grain silos and elevators for wheat storage"


def _event() -> list:
    return [
        person("kz-trader", "kazgrain", country="KZ", roles=["buyer"], langs=["kk", "ru"],
               requests=[SILO_REQUEST], hs=["9406"], isic=["4630"], targets=["CN"]),
        person("cn-silo", "silotech", country="CN", roles=["supplier"], langs=["zh", "ru"],
               offers=[SILO_OFFER], hs=["9406"], isic=["4630"]),
        person("cn-silo-2", "silotech", country="CN", roles=["supplier"], langs=["zh"],
               offers=["steel grain silos"], hs=["7308"]),
        person("cn-silo-3", "silotech", country="CN", roles=["supplier"], langs=["en"],
               offers=["grain silos and elevators"], hs=["9406"]),
        person("uz-solar", "sunuz", country="UZ", roles=["supplier"], langs=["ru"],
               offers=["solar modules with IEC certificates"], hs=["8541"]),
        person("kz-buyer-2", "kazgrain-2", country="KZ", roles=["buyer"], langs=["ru"],
               requests=["wheat storage silos wanted"], delegation="kz-ministry"),
    ]  # fmt: skip


def _matcher(**kwargs: object) -> Matcher:
    return Matcher(_event(), encoder=BagOfWordsEncoder(), **kwargs)  # type: ignore[arg-type]


def _ids(suggestions: list) -> list[str]:
    return [s.participant_id for s in suggestions]


def test_best_partner_first_and_reasons_say_why() -> None:
    top = _matcher().suggest("kz-trader")[0]
    assert top.participant_id == "cn-silo"
    kinds = {type(r): r for r in top.reasons}
    match = kinds[OpportunityMatch]
    assert isinstance(match, OpportunityMatch)
    assert match.direction == "their_offer_answers_your_request"
    assert (match.your_opportunity_id, match.their_opportunity_id) == (
        "kz-trader-request-0",
        "cn-silo-offer-0",
    )
    assert kinds[HsMatch] == HsMatch(
        "hs_match", pytest.approx(0.15), "heading", ("9406",), ("9406",)
    )
    assert kinds[SharedSectors].level == "class"  # type: ignore[attr-defined]
    assert kinds[CommonLanguages].languages == ("ru",)  # type: ignore[attr-defined]
    assert kinds[ComplementaryRoles].your_role == "buyer"  # type: ignore[attr-defined]
    target = kinds[TargetCountryMatch]
    assert (target.country, target.direction) == ("CN", "you_target_them")  # type: ignore[attr-defined]
    assert top.score == pytest.approx(sum(r.contribution for r in top.reasons))


def test_reverse_direction_and_interpreter() -> None:
    s = _matcher().score("cn-silo-3", "kz-trader")
    assert s is not None
    match = next(r for r in s.reasons if isinstance(r, OpportunityMatch))
    assert match.direction == "your_offer_answers_their_request"
    interpreter = next(r for r in s.reasons if isinstance(r, InterpreterNeeded))
    assert interpreter.your_languages == ("en",)
    assert interpreter.contribution < 0


def test_two_offers_never_match_on_text() -> None:
    s = _matcher().score("cn-silo", "cn-silo-2")
    assert s is None  # same organisation: never suggested at all
    s = _matcher().score("cn-silo", "uz-solar")
    assert s is not None
    assert not any(isinstance(r, OpportunityMatch) for r in s.reasons)


def test_diversity_caps_people_per_organisation() -> None:
    ids = _ids(_matcher(rules=OrganiserRules(max_per_organisation=1)).suggest("kz-trader"))
    assert sum(pid.startswith("cn-silo") for pid in ids) == 1
    ids = _ids(_matcher(rules=OrganiserRules(max_per_organisation=2)).suggest("kz-trader"))
    assert sum(pid.startswith("cn-silo") for pid in ids) == 2


def test_organiser_exclusions_hidden_and_delegations() -> None:
    rules = OrganiserRules(excluded_pairs=frozenset({frozenset({"kazgrain", "silotech"})}))
    assert not any(
        p.startswith("cn-silo") for p in _ids(_matcher(rules=rules).suggest("kz-trader"))
    )
    rules = OrganiserRules(hidden=frozenset({"cn-silo"}))
    assert "cn-silo" not in _ids(_matcher(rules=rules).suggest("kz-trader"))
    assert "cn-silo-3" in _ids(_matcher(rules=rules).suggest("kz-trader"))


def test_same_delegation_is_not_matched_unless_allowed() -> None:
    event = _event()
    event[0] = person("kz-trader", "kazgrain", requests=[SILO_REQUEST], delegation="kz-ministry")
    matcher = Matcher(event, encoder=BagOfWordsEncoder())
    assert matcher.score("kz-trader", "kz-buyer-2") is None
    allowed = Matcher(event, encoder=BagOfWordsEncoder(),
                      rules=OrganiserRules(same_delegation_allowed=True))  # fmt: skip
    assert allowed.score("kz-trader", "kz-buyer-2") is not None


def test_role_rules() -> None:
    rules = OrganiserRules(allowed_role_pairs=frozenset({frozenset({"buyer", "supplier"})}))
    matcher = _matcher(rules=rules)
    assert matcher.score("kz-trader", "cn-silo") is not None
    assert matcher.score("kz-trader", "kz-buyer-2") is None  # buyer-buyer not allowed


def test_not_interested_is_one_way() -> None:
    corrections = [Correction(by="kz-trader", target="cn-silo", kind="not_interested")]
    matcher = _matcher(corrections=corrections)
    assert "cn-silo" not in _ids(matcher.suggest("kz-trader"))
    assert "kz-trader" in _ids(matcher.suggest("cn-silo"))


@pytest.mark.parametrize("kind", ["competitor", "already_client"])
def test_competitor_and_client_block_both_ways_by_organisation(kind: str) -> None:
    corrections = [Correction(by="kz-trader", target="silotech", kind=kind)]  # type: ignore[arg-type]
    matcher = _matcher(corrections=corrections)
    assert not any(p.startswith("cn-silo") for p in _ids(matcher.suggest("kz-trader")))
    assert "kz-trader" not in _ids(matcher.suggest("cn-silo"))


def test_met_before_lowers_the_score_and_says_so() -> None:
    plain = _matcher().score("kz-trader", "cn-silo")
    corrected = _matcher(
        corrections=[Correction(by="cn-silo", target="kz-trader", kind="met_before")]
    ).score("kz-trader", "cn-silo")
    assert plain is not None
    assert corrected is not None
    assert corrected.score == pytest.approx(plain.score - 0.25)
    assert any(isinstance(r, MetBefore) for r in corrected.reasons)


def test_mutual_score_is_the_harmonic_mean_of_both_directions() -> None:
    matcher = _matcher()
    ab, ba = matcher.score("kz-trader", "cn-silo"), matcher.score("cn-silo", "kz-trader")
    assert ab is not None
    assert ba is not None
    # The silo maker's offer answers the trader's need: worth more to the trader.
    assert ab.score > ba.score
    mutual = matcher.mutual_score("kz-trader", "cn-silo")
    assert mutual == pytest.approx(2 * ab.score * ba.score / (ab.score + ba.score))
    assert ba.score < mutual < ab.score
    assert matcher.suggest("kz-trader", mutual=True)[0].mutual_score == pytest.approx(mutual)
    blocked = _matcher(corrections=[Correction(by="cn-silo", target="kz-trader",
                                               kind="not_interested")])  # fmt: skip
    assert blocked.mutual_score("kz-trader", "cn-silo") is None
    assert "cn-silo" not in _ids(blocked.suggest("kz-trader", mutual=True))


def test_appearance_quota_spreads_a_popular_supplier() -> None:
    rules = OrganiserRules(appearance_quota={"cn-silo": 1})
    lists = _matcher(rules=rules).suggest_all()
    appearances = sum("cn-silo" in _ids(lst) for lst in lists.values())
    assert appearances == 1
    unlimited = _matcher().suggest_all()
    assert sum("cn-silo" in _ids(lst) for lst in unlimited.values()) > 1


def test_list_length_limit_and_determinism() -> None:
    first = _matcher(rules=OrganiserRules(max_suggestions=2)).suggest("kz-trader")
    again = _matcher(rules=OrganiserRules(max_suggestions=2)).suggest("kz-trader")
    assert len(first) == 2
    assert first == again


def test_reasons_serialise_to_plain_data() -> None:
    top = _matcher().suggest("kz-trader")[0]
    data = [r.to_dict() for r in top.reasons]
    assert data[0]["code"] == "opportunity_match"
    assert all(isinstance(d["contribution"], float) for d in data)


def test_shortlist_from_exact_and_approximate_index_agree() -> None:
    full = _ids(_matcher().suggest("kz-trader"))
    exact = _ids(_matcher(shortlist=3).suggest("kz-trader"))
    approx = _ids(_matcher(shortlist=3, index_threshold=0).suggest("kz-trader"))
    assert exact == approx
    assert exact[0] == full[0] == "cn-silo"
    assert len(exact) < len(full)  # only the textual shortlist was scored


def test_event_centring_falls_back_to_the_language_mean_for_small_groups() -> None:
    import numpy as np

    from keruen.matching.text_vectors import opportunity_vectors

    encoder = BagOfWordsEncoder()
    texts = [f"offer number {i} of steel" for i in range(6)] + ["lone request for steel"]
    langs = ["en"] * 7
    kinds = ["offer"] * 6 + ["request"]
    vectors = opportunity_vectors(encoder, texts, langs, kinds, lexical_weight=0.0)
    raw = encoder.encode(texts, kind="query")
    lone = raw[6] - raw.mean(axis=0)  # the en mean over both kinds
    np.testing.assert_allclose(vectors[6], lone / np.linalg.norm(lone), rtol=1e-5, atol=1e-6)
    offers = raw[:6] - raw[:6].mean(axis=0)
    np.testing.assert_allclose(
        vectors[0], offers[0] / np.linalg.norm(offers[0]), rtol=1e-5, atol=1e-6
    )


def test_with_policy_equals_a_fresh_matcher_and_leaves_the_original_alone() -> None:
    rules = OrganiserRules(excluded_pairs=frozenset({frozenset({"kazgrain", "silotech"})}))
    corrections = [Correction(by="kz-trader", target="uz-solar", kind="not_interested")]
    base = _matcher()
    derived = base.with_policy(rules=rules, corrections=corrections)
    fresh = _matcher(rules=rules, corrections=corrections)
    for viewer in ("kz-trader", "cn-silo", "uz-solar"):
        assert derived.suggest(viewer, mutual=True) == fresh.suggest(viewer, mutual=True)
    assert _ids(base.suggest("kz-trader")) == _ids(_matcher().suggest("kz-trader"))
    assert "cn-silo" in _ids(base.suggest("kz-trader"))


def test_mutual_lists_equal_two_directed_scores_exactly() -> None:
    """``scored_candidates(mutual=True)`` scores each pair in one pass; it must equal the
    harmonic mean of the two directed ``score`` calls, bit for bit."""
    event = _event()
    event.append(
        person("uz-buyer", "uzagro", country="UZ", roles=["buyer"], langs=["uz", "ru"],
               requests=["solar modules wanted", "grain silos"], targets=["KZ", "CN"],
               hs=["8541"], isic=["3510"])
    )  # fmt: skip
    corrections = [
        Correction(by="kz-trader", target="cn-silo-3", kind="met_before"),
        Correction(by="uz-solar", target="uzagro", kind="not_interested"),
    ]
    matcher = Matcher(event, encoder=BagOfWordsEncoder(), corrections=corrections)
    for viewer in event:
        listed = {
            s.participant_id: s.score for s in matcher.scored_candidates(viewer.id, mutual=True)
        }
        expected = {
            other.id: matcher.mutual_score(viewer.id, other.id)
            for other in event
            if other.id != viewer.id and matcher.mutual_score(viewer.id, other.id) is not None
        }
        assert listed == expected
