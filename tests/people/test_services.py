from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from keruen.common.errors import Conflict, ValidationFailed
from keruen.people import services
from keruen.people.models import Participant
from tests.factories import OrganisationFactory, ParticipantFactory, UserFactory


def test_user_create_normalises_email_and_hashes_with_argon2(db, settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = services.user_create(email="  Aigerim@Example.KZ ", password="a-long-passphrase-1")
    assert user.email == "aigerim@example.kz"
    assert user.password.startswith("argon2")
    with pytest.raises(Conflict):
        services.user_create(email="AIGERIM@example.kz", password="another-passphrase-2")


def test_organisation_create_validates_codes(event) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.organisation_create(
            event=event, code="x", name={"en": "X"}, country="XX", sectors=["99x"]
        )
    fields = {problem.field for problem in error.value.problems}
    assert {"country", "sectors"} <= fields


def test_duplicate_registration_is_refused(event) -> None:
    user = UserFactory()
    organisation = OrganisationFactory(event=event)
    services.participant_register(
        event=event, user=user, organisation=organisation, given_name="Wei"
    )
    with pytest.raises(Conflict):
        services.participant_register(
            event=event, user=user, organisation=organisation, given_name="Wei"
        )
    assert Participant.objects.filter(event=event, user=user).count() == 1


def test_database_refuses_duplicate_registration_without_the_service(event) -> None:
    participant = ParticipantFactory(event=event)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            event=event,
            user=participant.user,
            organisation=participant.organisation,
            given_name="Again",
        )


def test_registration_needs_an_organisation_of_the_same_event(event, other_event) -> None:
    with pytest.raises(ValidationFailed):
        services.participant_register(
            event=event,
            user=UserFactory(),
            organisation=OrganisationFactory(event=other_event),
            given_name="Aliya",
        )
