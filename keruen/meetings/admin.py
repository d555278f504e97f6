from django.contrib import admin

from keruen.meetings.models import (
    Meeting,
    MeetingRequest,
    Schedule,
    ScheduledAttendance,
    ScheduledMeeting,
)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "target", "status", "created_at", "expires_at", "event")
    list_filter = ("event", "status")
    raw_id_fields = ("requester", "target", "opportunity")
    list_select_related = ("requester", "target")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("participant_a", "participant_b", "status", "optional", "weight", "event")
    list_filter = ("event", "status", "optional")
    raw_id_fields = ("participant_a", "participant_b", "request")
    list_select_related = ("participant_a", "participant_b")


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "published_at", "solver_status", "breaks", "breaks_bound", "event")
    list_filter = ("event",)


@admin.register(ScheduledMeeting)
class ScheduledMeetingAdmin(admin.ModelAdmin):
    list_display = ("meeting", "slot", "table", "booth", "schedule")
    list_filter = ("schedule__event", "schedule")
    raw_id_fields = ("meeting", "slot", "table", "booth", "schedule")
    list_select_related = (
        "meeting__participant_a",
        "meeting__participant_b",
        "slot",
        "table",
        "booth",
        "schedule",
    )


@admin.register(ScheduledAttendance)
class ScheduledAttendanceAdmin(admin.ModelAdmin):
    list_display = ("participant", "slot", "schedule")
    list_filter = ("schedule",)
    raw_id_fields = ("participant", "slot", "entry", "schedule")
    list_select_related = ("participant", "slot", "schedule")
