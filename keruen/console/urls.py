from django.urls import path

from keruen.console import views
from keruen.console.views import activity, announcements, arrivals, delegations, participants
from keruen.console.views.agreements import agreements
from keruen.console.views.exports import exports
from keruen.console.views.outcomes import meeting_outcome

urlpatterns = [
    path("", views.console_home, name="console-home"),
    path("approvals/", views.approvals, name="console-approvals"),
    path("approvals/participants/", views.participants_bulk, name="console-participants-bulk"),
    path("approvals/opportunities/", views.opportunity_review, name="console-opportunity-review"),
    path(
        "approvals/opportunities/publish/",
        views.opportunities_publish_view,
        name="console-opportunities-publish",
    ),
    path("participants/", participants.participants, name="console-participants"),
    path("announcements/", announcements.announcement_list, name="console-announcements"),
    path("announcements/new/", announcements.announcement_new, name="console-announcement-new"),
    path(
        "announcements/<int:pk>/resend/",
        announcements.announcement_resend,
        name="console-announcement-resend",
    ),
    path("participants/<int:pk>/", participants.participant_detail, name="console-participant"),
    path(
        "participants/<int:pk>/withdraw/",
        participants.participant_withdraw_view,
        name="console-participant-withdraw",
    ),
    path(
        "participants/<int:pk>/status/",
        participants.participant_status_view,
        name="console-participant-status",
    ),
    path("setup/", views.setup_home, name="console-setup"),
    path("setup/halls/", views.hall_add, name="console-hall-add"),
    path("setup/booths/", views.booth_add, name="console-booth-add"),
    path("setup/booths/exhibitor/", views.booth_exhibitor, name="console-booth-exhibitor"),
    path("setup/tables/", views.tables_add, name="console-tables-add"),
    path("setup/grid/", views.grid_set, name="console-grid-set"),
    path("setup/sessions/", views.session_add, name="console-session-add"),
    path("setup/networking/", views.networking_set, name="console-networking-set"),
    path("setup/rules/", views.rule_add, name="console-rule-add"),
    path("setup/halls/<int:pk>/", views.hall_edit, name="console-hall-edit"),
    path("setup/halls/<int:pk>/delete/", views.hall_delete, name="console-hall-delete"),
    path("setup/booths/<int:pk>/", views.booth_edit, name="console-booth-edit"),
    path("setup/booths/<int:pk>/delete/", views.booth_delete, name="console-booth-delete"),
    path("setup/tables/<int:pk>/", views.table_edit, name="console-table-edit"),
    path("setup/tables/<int:pk>/delete/", views.table_delete, name="console-table-delete"),
    path("setup/sessions/<int:pk>/", views.session_edit, name="console-session-edit"),
    path("setup/sessions/<int:pk>/delete/", views.session_delete, name="console-session-delete"),
    path("setup/rules/<int:pk>/", views.rule_edit, name="console-rule-edit"),
    path("setup/rules/<int:pk>/delete/", views.rule_delete, name="console-rule-delete"),
    path("schedule/", views.schedule_home, name="console-schedule"),
    path("schedule/run/", views.schedule_run, name="console-schedule-run"),
    path("schedule/move/", views.schedule_move, name="console-schedule-move"),
    path("schedule/publish/", views.schedule_publish_view, name="console-schedule-publish"),
    path("schedule/releases/<int:pk>/", views.release_detail, name="console-release"),
    path(
        "schedule/releases/<int:pk>/mails/",
        views.release_mails_resend,
        name="console-release-mails-resend",
    ),
    path("schedule/plans/", views.table_plans, name="console-table-plans"),
    path("agreements/", agreements, name="console-agreements"),
    path("meetings/<int:pk>/outcome/", meeting_outcome, name="console-meeting-outcome"),
    path("exports/", exports, name="console-exports"),
    path("activity/", activity.activity, name="console-activity"),
    path("delegations/", delegations.delegations, name="console-delegations"),
    path("delegations/<int:pk>/", delegations.delegation_detail, name="console-delegation"),
    path("badges/", arrivals.badges, name="console-badges"),
    path("check-in/", arrivals.check_in_desk, name="console-check-in"),
    path("check-in/<str:code>/", arrivals.check_in_badge, name="console-check-in-badge"),
    path("jobs/<int:pk>/", views.job_status, name="console-job-status"),
    path("matchmaking/run/", views.matchmaking_run, name="console-matchmaking-run"),
]
