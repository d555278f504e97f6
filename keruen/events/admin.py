from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import localize
from keruen.events.models import (
    Booth,
    Event,
    GridBreak,
    Hall,
    MeetingTable,
    ProgrammeSession,
    Slot,
    SlotGrid,
    Venue,
)


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ("__str__", "country", "address")
    search_fields = ("address",)


# Slots are stored as instants: once they exist, a new time zone would move a 09:00 grid,
# shorter dates would strand slots outside the event, and a grid edited here would not
# regenerate them. The console's set-up page changes the grid and regenerates the slots.
EVENT_FIELDS_FIXED_BY_SLOTS = ("time_zone", "start_date", "end_date")


def _has_slots(event: Event | None) -> bool:
    return event is not None and event.pk is not None and Slot.objects.filter(event=event).exists()


def _with_setup_note(fieldsets: Any, event: Event) -> list[Any]:
    """``fieldsets`` with, on the first, a note sending the reader to the console."""
    note = format_html(
        gettext(
            "This event has meeting slots: its time zone, dates and slot grid are read-only "
            'here. Change the meeting days and the slot grid on the <a href="{url}">set-up '
            "page of the console</a>, which regenerates the slots."
        ),
        url=reverse("console-setup", args=[event.slug]),
    )
    (name, options), *rest = fieldsets
    return [(name, {**options, "description": note}), *rest]


class SlotGridInline(admin.StackedInline):
    model = SlotGrid
    extra = 0

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if _has_slots(obj):
            return [field.name for field in SlotGrid._meta.fields if field.editable]
        return super().get_readonly_fields(request, obj)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        return _with_setup_note(fieldsets, obj) if _has_slots(obj) else fieldsets

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _has_slots(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _has_slots(obj) and super().has_delete_permission(request, obj)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("slug", "__str__", "start_date", "end_date", "time_zone", "is_public")
    search_fields = ("slug",)
    inlines = [SlotGridInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = super().get_readonly_fields(request, obj)
        return (*fields, *EVENT_FIELDS_FIXED_BY_SLOTS) if _has_slots(obj) else fields

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        return _with_setup_note(fieldsets, obj) if _has_slots(obj) else fieldsets


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ("code", "__str__", "event")
    list_filter = ("event",)


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ("code", "hall", "exhibitor", "hosts_meetings", "event")
    list_filter = ("event", "hall")
    search_fields = ("code",)
    raw_id_fields = ("exhibitor",)
    list_select_related = ("hall", "exhibitor")


@admin.register(MeetingTable)
class MeetingTableAdmin(admin.ModelAdmin):
    list_display = ("number", "label", "hall", "is_active", "event")
    list_filter = ("event", "is_active")
    list_select_related = ("hall",)


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ("number", "day_index", "session", "start", "end", "event")
    list_filter = ("event", "day_index", "session")


@admin.register(GridBreak)
class GridBreakAdmin(admin.ModelAdmin):
    list_display = ("event", "day", "start", "end")
    list_filter = ("event",)
    fieldsets = [
        (
            None,
            {
                "fields": ("event", "day", "start", "end", "label"),
                "description": _(
                    "A break holds no slots once the slot grid is next saved on the console's "
                    "set-up page. A break without a day is one of the daily breaks listed "
                    "there; a break on one day is kept when the grid is saved."
                ),
            },
        )
    ]


@admin.register(ProgrammeSession)
class ProgrammeSessionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "start", "end", "room_text", "event")
    list_filter = ("event", "kind")
    raw_id_fields = ("speakers",)

    @admin.display(description=_("Room"))
    def room_text(self, session: ProgrammeSession) -> str:
        return localize(session.room)
