"""Delegates' corrections of their suggestions, and the stored text embeddings.

Embeddings live in the database (``OpportunityEmbedding``), not in an on-disk cache: app
servers stay stateless and share them, a page request only reads vectors, and a row is
re-encoded only when its text or the model changes (the content hash says so).
"""

from __future__ import annotations

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _

from keruen.common.models import TimeStampedModel
from keruen.common.tenancy import EventScopedManager


class SuggestionFeedback(TimeStampedModel):
    """A delegate's correction of their suggestions about one organisation.

    What each kind does is decided by the matching core (``keruen.matching.rules``):
    ``not_interested`` removes the organisation from this delegate's list; ``competitor`` and
    ``already_client`` remove the pair both ways (a brokerage meeting will not change that
    relation); ``met_before`` keeps it but ranks it lower. Lists are ranked on the mutual
    score, so a pair removed in one direction is not suggested in the other either.
    """

    class Kind(models.TextChoices):
        NOT_INTERESTED = "not_interested", _("not interested")
        COMPETITOR = "competitor", _("competitor")
        ALREADY_CLIENT = "already_client", _("already a client")
        MET_BEFORE = "met_before", _("met before")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="suggestion_feedback",
    )
    participant = models.ForeignKey(
        "people.Participant",
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="suggestion_feedback",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="suggestion_feedback",
    )
    kind = models.CharField(_("correction"), max_length=20, choices=Kind.choices)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("feedback on a suggestion")
        verbose_name_plural = _("feedback on suggestions")
        ordering = ["event", "participant", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "organisation"], name="one_feedback_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} on {self.organisation}: {self.kind}"


class OpportunityEmbedding(models.Model):
    """The vector of one opportunity's text under one model.

    ``content_hash`` is the sha256 of the model name and the encoded text: an unchanged
    opportunity is never encoded twice, and a changed one is found without reading vectors.
    """

    opportunity = models.ForeignKey(
        "marketplace.Opportunity",
        verbose_name=_("offer or request"),
        on_delete=models.CASCADE,
        related_name="embeddings",
    )
    model_name = models.CharField(_("model name"), max_length=200)
    content_hash = models.CharField(_("content hash"), max_length=64)
    dim = models.PositiveIntegerField(_("dimensions"))
    vector = models.BinaryField(_("vector"))  # float32, little-endian, ``dim`` values
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("text embedding")
        verbose_name_plural = _("text embeddings")
        ordering = ["opportunity", "model_name"]
        # Change stamps (keruen.common.listing) read (count, latest update) per event.
        indexes = [models.Index(fields=["opportunity", "updated_at"], name="embedding_stamp")]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "model_name"], name="one_embedding_per_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.opportunity_id} / {self.model_name}"

    def as_array(self) -> np.ndarray:
        """The vector as a float32 array."""
        return np.frombuffer(bytes(self.vector), dtype="<f4").astype(np.float32)


class MatchmakingExclusion(TimeStampedModel):
    """An organiser's rule: never suggest these two organisations to each other.

    Stored with the smaller pk first, so one pair has one row whatever the order given.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="matchmaking_exclusions",
    )
    organisation_a = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation A"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    organisation_b = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation B"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("matchmaking exclusion")
        verbose_name_plural = _("matchmaking exclusions")
        ordering = ["event", "organisation_a", "organisation_b"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation_a", "organisation_b"],
                name="one_exclusion_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(organisation_a__lt=models.F("organisation_b")),
                name="exclusion_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_a} / {self.organisation_b}"
