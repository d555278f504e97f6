"""Accounts, organisations, delegations and participants.

One module per group of models. Django finds a package's models through the imports here,
and ``from keruen.people.models import X`` keeps working for every name below.
"""

# Django registers models in import order, and the registry's order reaches deletion cascades
# (and through them the audit log): these imports keep the order of the former single module.
# isort: off
from keruen.people.models.accounts import User, UserManager
from keruen.people.models.organisations import (
    ORGANISATION_DESCRIPTION_MAX,
    ORGANISATION_NAME_MAX,
    Organisation,
    organisation_search_text,
)
from keruen.people.models.delegations import Delegation
from keruen.people.models.participants import (
    Participant,
    participant_search_text,
    search_fold,
)
from keruen.people.models.invitations import Invitation
from keruen.people.models.leads import Lead
from keruen.people.models.announcements import (
    ANNOUNCEMENT_BODY_MAX,
    ANNOUNCEMENT_SUBJECT_MAX,
    Announcement,
    AnnouncementDelivery,
)
# isort: on

__all__ = [
    "ANNOUNCEMENT_BODY_MAX",
    "ANNOUNCEMENT_SUBJECT_MAX",
    "ORGANISATION_DESCRIPTION_MAX",
    "ORGANISATION_NAME_MAX",
    "Announcement",
    "AnnouncementDelivery",
    "Delegation",
    "Invitation",
    "Lead",
    "Organisation",
    "Participant",
    "User",
    "UserManager",
    "organisation_search_text",
    "participant_search_text",
    "search_fold",
]
