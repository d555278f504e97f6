from django.contrib import admin

from keruen.agreements.models import Agreement


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "status", "value", "currency", "signed_on", "event")
    list_filter = ("event", "kind", "status", "currency")
    raw_id_fields = ("parties", "meeting")
