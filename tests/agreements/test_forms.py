"""The agreement forms check the input's shape before the services see it."""

from __future__ import annotations

import pytest

from keruen.agreements.forms import AgreementForm

BASE = {"kind": "mou", "title": "MoU", "status": "negotiating"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"currency": "usd"}, "Give the value, or leave the currency empty."),
        ({"value": "10"}, "Give the currency of the value."),
    ],
)
def test_a_value_and_its_currency_come_together(changes, message) -> None:
    form = AgreementForm({**BASE, **changes})
    assert not form.is_valid()
    assert form.errors["currency"] == [message]


@pytest.mark.parametrize("value", ["", "10"])
def test_a_bad_currency_is_told_once(value) -> None:
    """With a value, "XYZ" is not a currency: not "give the currency", which was given."""
    form = AgreementForm({**BASE, "value": value, "currency": "XYZ"})
    assert not form.is_valid()
    assert form.errors["currency"] == ["Not an ISO 4217 currency code."]


def test_a_value_with_its_currency_or_neither_is_accepted() -> None:
    assert AgreementForm({**BASE, "value": "10", "currency": "usd"}).is_valid()
    assert AgreementForm(BASE).is_valid()
