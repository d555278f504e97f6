from django.urls import path

from keruen.portal.views import agenda, delegation, home, meetings, outcomes, profile

urlpatterns = [
    path("", home.portal_home, name="portal-home"),
    path("register/", home.sign_up, name="portal-register"),
    path("invitation/<str:token>/", home.invitation_accept, name="portal-invitation"),
    path("language/", home.language_preference, name="portal-language"),
    path("profile/", profile.profile_edit, name="portal-profile"),
    path("organisation/", profile.organisation_edit, name="portal-organisation"),
    path("offers/", profile.offer_list, name="portal-offer-list"),
    path("offers/new/", profile.offer_create, name="portal-offer-create"),
    path("offers/<int:pk>/edit/", profile.offer_edit, name="portal-offer-edit"),
    path("offers/<int:pk>/submit/", profile.offer_submit, name="portal-offer-submit"),
    path("requests/", meetings.request_list, name="portal-request-list"),
    path("requests/new/", meetings.request_create, name="portal-request-create"),
    path("requests/<int:pk>/accept/", meetings.request_accept, name="portal-request-accept"),
    path("requests/<int:pk>/decline/", meetings.request_decline, name="portal-request-decline"),
    path("requests/<int:pk>/cancel/", meetings.request_cancel, name="portal-request-cancel"),
    path("meetings/", meetings.meeting_list, name="portal-meeting-list"),
    path("meetings/<int:pk>/outcome/", outcomes.meeting_outcome, name="portal-meeting-outcome"),
    path("meetings/<int:pk>/agreement/", outcomes.agreement_create, name="portal-agreement-create"),
    path("delegates/<int:pk>/", meetings.delegate_detail, name="portal-delegate"),
    path("agenda/", agenda.agenda, name="portal-agenda"),
    path("agenda/print/", agenda.agenda_print, name="portal-agenda-print"),
    path("badge/", agenda.badge, name="portal-badge"),
    path("delegation/", delegation.delegation_page, name="portal-delegation"),
    path("agenda.ics", agenda.agenda_ics, name="portal-agenda-ics"),
    path("sessions/", agenda.session_list, name="portal-session-list"),
    path("sessions/<int:pk>/choose/", agenda.session_choose, name="portal-session-choose"),
]
