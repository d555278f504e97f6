from django.contrib import admin
from django.http import HttpRequest

from keruen.common.models import AuditLogEntry


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ("timestamp", "actor_label", "source", "action", "object_type", "object_repr")
    list_filter = ("action", "source", "object_type", "event")
    search_fields = ("actor_label", "object_repr", "object_id")
    date_hierarchy = "timestamp"

    def has_add_permission(self, request: HttpRequest, obj: AuditLogEntry | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditLogEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditLogEntry | None = None) -> bool:
        return False
