from django.contrib import admin
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


class SlotGridInline(admin.StackedInline):
    model = SlotGrid
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("slug", "__str__", "start_date", "end_date", "time_zone", "is_public")
    search_fields = ("slug",)
    inlines = [SlotGridInline]


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


@admin.register(ProgrammeSession)
class ProgrammeSessionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "start", "end", "room_text", "event")
    list_filter = ("event", "kind")
    raw_id_fields = ("speakers",)

    @admin.display(description=_("Room"))
    def room_text(self, session: ProgrammeSession) -> str:
        return localize(session.room)
