from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from keruen.agreements.models import Agreement
from keruen.agreements.services import agreement_record
from keruen.common.errors import ValidationFailed
from tests.factories import OrganisationFactory


def test_signed_agreement_between_two_parties(event) -> None:
    parties = [OrganisationFactory(event=event), OrganisationFactory(event=event, country="CN")]
    agreement = agreement_record(
        event=event,
        kind="investment",
        title={"en": "Wind farm in Zhanatas", "kk": "Жаңатастағы жел электр станциясы"},
        parties=parties,
        value=Decimal("150000000"),
        currency="usd",
        signed_on=dt.date(2026, 6, 29),
    )
    assert agreement.status == "signed"
    assert agreement.currency == "USD"
    assert set(agreement.parties.all()) == set(parties)


def test_agreement_rules(event, other_event) -> None:
    mine = OrganisationFactory(event=event)
    with pytest.raises(ValidationFailed):
        agreement_record(event=event, kind="mou", title={"en": "x"}, parties=[mine, mine])
    with pytest.raises(ValidationFailed):
        agreement_record(
            event=event,
            kind="mou",
            title={"en": "x"},
            parties=[mine, OrganisationFactory(event=other_event)],
        )
    with pytest.raises(ValidationFailed):
        agreement_record(
            event=event,
            kind="mou",
            title={"en": "x"},
            parties=[mine, OrganisationFactory(event=event)],
            value=Decimal(10),
            currency="XYZ",
        )


def test_database_refuses_signed_without_date(event) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(event=event, kind="mou", title={"en": "x"}, status="signed")


def _parties(event) -> list:
    return [OrganisationFactory(event=event), OrganisationFactory(event=event)]


@pytest.mark.parametrize(
    ("value", "currency", "message"),
    [
        (Decimal(10), "", "Give the currency of the value."),
        (None, "USD", "Give the value, or leave the currency empty."),
    ],
)
def test_a_value_and_its_currency_come_together(event, value, currency, message) -> None:
    with pytest.raises(ValidationFailed) as refused:
        agreement_record(
            event=event,
            kind="mou",
            title={"en": "x"},
            parties=_parties(event),
            value=value,
            currency=currency,
        )
    assert (refused.value.field, refused.value.message) == ("currency", message)
    assert not Agreement.objects.exists()


def test_database_refuses_a_currency_without_a_value(event) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Agreement.objects.create(
            event=event, kind="mou", title={"en": "x"}, value=None, currency="USD"
        )
