from __future__ import annotations

import pytest

from keruen.common.errors import ValidationFailed
from keruen.marketplace import services
from keruen.marketplace.models import BODY_MAX_LENGTH, Opportunity
from keruen.marketplace.selectors import opportunity_list_public
from keruen.people.models import Participant
from tests.factories import OrganisationFactory, ParticipantFactory


def _create(organisation, **overrides):
    fields = {
        "organisation": organisation,
        "direction": "request",
        "kind": "product",
        "language": "kk",
        "title": "Астық элеваторлары",
        "body": "Қостанай облысына 50 мың тонналық элеватор салатын серіктес іздейміз.",
        "sectors": ["01"],
        "hs_codes": ["1001"],
        "target_countries": ["CN"],
    }
    fields.update(overrides)
    return services.opportunity_create(**fields)


def test_lifecycle_draft_pending_published(event) -> None:
    opportunity = _create(OrganisationFactory(event=event))
    assert opportunity.status == Opportunity.Status.DRAFT
    assert opportunity.event == event
    with pytest.raises(ValidationFailed):
        services.opportunity_set_status(opportunity=opportunity, status="published")
    services.opportunity_set_status(opportunity=opportunity, status="pending")
    services.opportunity_set_status(opportunity=opportunity, status="rejected", note="too vague")
    services.opportunity_set_status(opportunity=opportunity, status="pending")
    services.opportunity_set_status(opportunity=opportunity, status="published")
    opportunity.refresh_from_db()
    assert opportunity.status == "published"
    assert opportunity.review_note == ""


def test_bad_codes_are_reported_per_field(event) -> None:
    with pytest.raises(ValidationFailed) as error:
        _create(
            OrganisationFactory(event=event),
            hs_codes=["12345"],
            target_countries=["ZZ"],
            language="xx",
        )
    assert {p.field for p in error.value.problems} >= {"hs_codes", "target_countries", "language"}


def test_author_must_belong_to_the_organisation(event) -> None:
    with pytest.raises(ValidationFailed):
        _create(OrganisationFactory(event=event), author=ParticipantFactory(event=event))


def test_text_in_prefers_a_complete_translation(event) -> None:
    opportunity = _create(
        OrganisationFactory(event=event),
        translations={"en": {"title": "Grain elevators", "body": "We look for a partner."}},
    )
    assert opportunity.text_in("en")[0] == "Grain elevators"
    assert opportunity.text_in("ru")[0] == "Астық элеваторлары"


def test_a_description_or_translation_longer_than_a_page_is_refused(event) -> None:
    organisation = OrganisationFactory(event=event)
    long = "Элеватор. " * (BODY_MAX_LENGTH // 10 + 1)
    with pytest.raises(ValidationFailed) as error:
        _create(organisation, body=long)
    assert error.value.problems[0].field == "body"
    with pytest.raises(ValidationFailed) as error:
        _create(organisation, translations={"ru": {"title": "Элеваторы", "body": long}})
    assert error.value.field == "translations"
    assert not Opportunity.objects.exists()
    assert _create(organisation, body=long[:BODY_MAX_LENGTH]).body


def test_the_public_list_leaves_out_organisations_the_catalogue_hides(event) -> None:
    shown, gone, refused = (OrganisationFactory(event=event) for _ in range(3))
    ParticipantFactory(event=event, organisation=shown)
    ParticipantFactory(event=event, organisation=gone, status=Participant.Status.WITHDRAWN)
    ParticipantFactory(event=event, organisation=refused, status=Participant.Status.REJECTED)
    organisers_entry = OrganisationFactory(event=event)  # no registration: the organisers'
    for organisation in (shown, gone, refused, organisers_entry):
        _create(organisation, status=Opportunity.Status.PUBLISHED)
    listed = {o.organisation_id for o in opportunity_list_public(event=event)}
    assert listed == {shown.pk, organisers_entry.pk}
