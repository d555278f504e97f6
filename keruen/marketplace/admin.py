from django.contrib import admin

from keruen.marketplace.models import Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ("title", "direction", "kind", "language", "status", "organisation", "event")
    list_filter = ("event", "status", "direction", "kind", "language")
    search_fields = ("title", "body")
    raw_id_fields = ("organisation", "author")
    list_select_related = ("organisation",)
