"""Codes reach the database in one spelling, whatever the channel (keruen.people.fields)."""

from __future__ import annotations

import pytest

from keruen.meetings.meeting_requests import common_language
from tests.factories import (
    DelegationFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
)
from tests.migrations import migrate_to, migrate_to_latest, old_event_and_organisation


def test_a_save_stores_each_code_once_in_its_canonical_spelling(event) -> None:
    organisation = OrganisationFactory(
        event=event, country="kz", sectors=["a", "01", "01"], hs_codes=["10.01", "1001", "84"]
    )
    assert (organisation.country, organisation.sectors, organisation.hs_codes) == (
        "KZ",
        ["A", "01"],
        ["1001", "84"],
    )
    organisation.refresh_from_db()
    assert organisation.hs_codes == ["1001", "84"]
    assert DelegationFactory(event=event, country="uz").country == "UZ"
    person = ParticipantFactory(
        event=event,
        organisation=organisation,
        languages=["RU", "rus", "kaz"],
        target_countries=["cn"],
    )
    person.refresh_from_db()
    assert (person.languages, person.target_countries) == (["ru", "kk"], ["CN"])
    other = ParticipantFactory(event=event, languages=["ru"])
    assert common_language(person, other) == "ru"
    offer = OpportunityFactory(
        organisation=organisation, hs_codes=["10 01"], target_countries=["kg"]
    )
    offer.refresh_from_db()
    assert (offer.hs_codes, offer.target_countries) == (["1001"], ["KG"])


def test_an_unknown_code_is_kept_for_the_validators_to_refuse(event) -> None:
    person = ParticipantFactory(event=event, languages=["xx", "RU"])
    assert person.languages == ["xx", "ru"]


def test_an_update_of_other_fields_leaves_the_codes_alone(event) -> None:
    person = ParticipantFactory(event=event, languages=["ru"])
    person.title = "Director"
    person.save(update_fields=["title"])
    person.refresh_from_db()
    assert person.languages == ["ru"]


@pytest.mark.django_db(transaction=True)
def test_rows_stored_before_are_rewritten() -> None:
    old = migrate_to([("people", "0012_lowercase_emails"), ("marketplace", "0006_body_length")])
    try:
        event, organisation = old_event_and_organisation(old)
        organisation.country, organisation.hs_codes = "kz", ["10.01", "1001"]
        organisation.save()
        user = old.get_model("people", "User").objects.create(email="a@example.org")
        old.get_model("people", "Participant").objects.create(
            event=event, user=user, organisation=organisation, languages=["RU", "rus", "kk"]
        )
        old.get_model("marketplace", "Opportunity").objects.create(
            event=event, organisation=organisation, title={"en": "Wheat"}, sectors=["a"]
        )

        new = migrate_to([("people", "0013_code_fields"), ("marketplace", "0007_code_fields")])
        model = new.get_model
        stored = model("people", "Organisation").objects.get(pk=organisation.pk)
        assert (stored.country, stored.hs_codes) == ("KZ", ["1001"])
        assert model("people", "Participant").objects.get().languages == ["ru", "kk"]
        assert model("marketplace", "Opportunity").objects.get().sectors == ["A"]
    finally:
        migrate_to_latest()


def test_a_filter_by_a_three_letter_language_code_finds_the_stored_two_letter_one(event) -> None:
    from keruen.people.selectors import OrganisationFilters, organisation_list_public

    speaker = ParticipantFactory(event=event, languages=["ru"], public_listing=True)
    filters = OrganisationFilters.from_query({"language": "RUS"})
    assert filters.language == "ru"
    assert speaker.organisation in organisation_list_public(event=event, filters=filters)
