"""Cross-lingual, explainable matchmaking for B2B events.

A plain library: no Django, nothing from the web layer. The embedding models (and faiss) are
imported only when first used, so importing this package is cheap.
"""

from keruen.matching.explain import Reason
from keruen.matching.lang import detect_language
from keruen.matching.profile import (
    Correction,
    Opportunity,
    Organisation,
    OrganiserRules,
    Participant,
    ScoreWeights,
)
from keruen.matching.rank import RankConfig, rank_texts
from keruen.matching.score import Matcher, Suggestion

__all__ = [
    "Correction",
    "Matcher",
    "Opportunity",
    "Organisation",
    "OrganiserRules",
    "Participant",
    "RankConfig",
    "Reason",
    "ScoreWeights",
    "Suggestion",
    "detect_language",
    "rank_texts",
]
