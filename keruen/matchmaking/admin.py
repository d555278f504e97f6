from __future__ import annotations

from django.contrib import admin

from keruen.matchmaking.models import MatchmakingExclusion, OpportunityEmbedding, SuggestionFeedback


@admin.register(SuggestionFeedback)
class SuggestionFeedbackAdmin(admin.ModelAdmin):
    list_display = ("participant", "organisation", "kind", "event", "updated_at")
    list_filter = ("event", "kind")
    raw_id_fields = ("participant", "organisation")


@admin.register(MatchmakingExclusion)
class MatchmakingExclusionAdmin(admin.ModelAdmin):
    list_display = ("organisation_a", "organisation_b", "event", "reason")
    list_filter = ("event",)
    raw_id_fields = ("organisation_a", "organisation_b")


@admin.register(OpportunityEmbedding)
class OpportunityEmbeddingAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "model_name", "dim", "updated_at")
    list_filter = ("model_name",)
    raw_id_fields = ("opportunity",)
    exclude = ("vector",)  # binary: nothing a person can read or should edit
