"""Forms of the delegate portal. They check input shape; the services enforce the rules."""

from keruen.common.edit_forms import EditForm
from keruen.portal.forms.base import apply_error
from keruen.portal.forms.meetings import DeclineForm, MeetingRequestForm
from keruen.portal.forms.offers import OpportunityForm
from keruen.portal.forms.profile import OrganisationForm, ParticipantProfileForm

__all__ = [
    "DeclineForm",
    "EditForm",
    "MeetingRequestForm",
    "OpportunityForm",
    "OrganisationForm",
    "ParticipantProfileForm",
    "apply_error",
]
