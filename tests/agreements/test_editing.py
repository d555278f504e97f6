"""Organisers correct an agreement (``agreement_update``) and change its status (sign,
cancel, back under negotiation), under the rules of recording one, each change logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from keruen.agreements.editing import (
    agreement_cancel,
    agreement_edit_base,
    agreement_reopen,
    agreement_sign,
    agreement_update,
)
from keruen.agreements.models import Agreement
from keruen.agreements.services import agreement_record_for_meeting
from keruen.common.audit import audit_context
from keruen.common.edits import EditClash
from keruen.common.errors import Conflict, ValidationFailed
from keruen.common.models import AuditLogEntry
from tests.agreements.conftest import MEETING_START
from tests.factories import BEFORE_THE_EVENT, AgreementFactory

AFTER_THE_EVENT = dt.datetime(2026, 7, 15, tzinfo=dt.UTC)
SIGNED = {
    "kind": "mou",
    "title": {"en": "MoU on grain logistics"},
    "sector": "",
    "value": Decimal("1000000"),
    "currency": "USD",
    "signed_on": dt.date(2026, 6, 29),
}


@pytest.fixture
def signed(event) -> Agreement:
    return AgreementFactory(event=event)


@pytest.fixture
def talks(event) -> Agreement:
    return AgreementFactory(event=event, status="negotiating", signed_on=None)


def _update(agreement: Agreement, **changes) -> Agreement:
    return agreement_update(agreement=agreement, **{**SIGNED, **changes}, now=AFTER_THE_EVENT)


def _refused(agreement: Agreement, error=ValidationFailed, **changes):
    before = Agreement.objects.filter(pk=agreement.pk).values().get()
    with pytest.raises(error) as refused:
        _update(agreement, **changes)
    assert Agreement.objects.filter(pk=agreement.pk).values().get() == before
    return refused.value


def test_every_value_is_corrected_and_logged(signed, organiser_user) -> None:
    with audit_context(organiser_user, source="web"):
        _update(
            signed,
            kind="contract",
            title={"en": "Grain supply contract", "ru": "Контракт на поставку зерна"},
            sector="agriculture",
            value=Decimal("2500000.5"),
            currency="cny",
            signed_on=dt.date(2026, 6, 28),
        )
    signed.refresh_from_db()
    assert (signed.kind, signed.sector, signed.value, signed.currency, signed.signed_on) == (
        "contract",
        "agriculture",
        Decimal("2500000.50"),
        "CNY",
        dt.date(2026, 6, 28),
    )
    assert signed.title == {"en": "Grain supply contract", "ru": "Контракт на поставку зерна"}
    entry = AuditLogEntry.objects.get(action="update", object_id=str(signed.pk))
    assert entry.actor == organiser_user
    assert entry.changes["currency"] == ["USD", "CNY"]
    assert entry.changes["signed_on"] == ["2026-06-29", "2026-06-28"]


def test_a_save_that_changes_nothing_writes_nothing(signed, organiser_user) -> None:
    with audit_context(organiser_user, source="web"):
        _update(signed, value=Decimal("1000000.00"), currency=" usd ")
    assert not AuditLogEntry.objects.filter(action="update").exists()


def test_a_language_left_blank_goes_and_one_not_shown_stays(event) -> None:
    agreement = AgreementFactory(event=event, title={"en": "MoU", "kk": "Меморандум"})
    _update(agreement, title={"en": "", "ru": "Меморандум о зерне"})  # the form shows en, ru
    agreement.refresh_from_db()
    assert agreement.title == {"kk": "Меморандум", "ru": "Меморандум о зерне"}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": None}, "currency", "Give the value, or leave the currency empty."),
        ({"currency": ""}, "currency", "Give the currency of the value."),
        ({"currency": "XYZ"}, "currency", "'XYZ' is not an ISO 4217 currency code."),
        ({"sector": "shipbuilding"}, "sector", "Choose a sector from the list."),
        ({"signed_on": None}, "signed_on", "Give the date it was signed."),
        ({"signed_on": dt.date(2026, 7, 16)}, "signed_on", "cannot be in the future"),
        ({"signed_on": dt.date(1900, 1, 1)}, "signed_on", "is signed on"),
        ({"title": {"en": " "}}, "title", "at least one language"),
    ],
)
def test_the_rules_of_recording_apply(signed, changes, field, message) -> None:
    error = _refused(signed, **changes)
    problems = error.problems or [error]
    assert any(p.field == field and message in p.message for p in problems), problems


def test_an_agreement_under_negotiation_gets_no_date_by_an_edit(talks) -> None:
    error = _refused(talks, signed_on=dt.date(2026, 6, 29))
    assert (error.field, error.message) == (
        "signed_on",
        "An agreement under negotiation has no signing date: mark it as signed to give one.",
    )
    _update(talks, signed_on=None, title={"en": "Talks on a grain terminal"})
    talks.refresh_from_db()
    assert (talks.status, talks.title) == ("negotiating", {"en": "Talks on a grain terminal"})


def test_a_cancelled_agreement_keeps_or_loses_its_date(signed) -> None:
    agreement_cancel(agreement=signed)
    _update(signed, signed_on=None)
    signed.refresh_from_db()
    assert (signed.status, signed.signed_on) == ("cancelled", None)


def test_a_stale_form_does_not_undo_a_colleagues_save(signed) -> None:
    base = agreement_edit_base(signed)
    _update(signed, value=Decimal(5), currency="EUR")  # a colleague, first
    # This form was opened before: it shows the old value and changes the title only.
    agreement_update(
        agreement=signed,
        **{**SIGNED, "title": {"en": "Memorandum"}},
        base=base,
        now=AFTER_THE_EVENT,
    )
    signed.refresh_from_db()
    assert (signed.value, signed.currency, signed.title) == (
        Decimal(5),
        "EUR",
        {"en": "Memorandum"},
    )
    # The same value changed by both, differently: refused, naming it.
    with pytest.raises(EditClash) as clash:
        agreement_update(
            agreement=signed, **{**SIGNED, "value": Decimal(7)}, base=base, now=AFTER_THE_EVENT
        )
    assert [c.key for c in clash.value.clashes] == ["value"]


def test_a_second_agreement_of_the_same_kind_and_title_from_one_meeting_is_refused(
    published,
) -> None:
    meeting = published.meeting
    first, second = (
        agreement_record_for_meeting(
            meeting=meeting, by=meeting.participant_a, kind="mou", title=title
        )
        for title in ("Grain memorandum", "Cotton memorandum")
    )
    error = _refused(
        second,
        error=Conflict,
        title={"en": "Grain memorandum"},
        signed_on=None,
        value=None,
        currency="",
    )
    assert error.message == "This agreement is recorded already for this meeting."
    assert first.pk != second.pk


# --- Status ------------------------------------------------------------------------------


def test_an_agreement_under_negotiation_is_signed_cancelled_and_taken_up_again(
    talks, organiser_user
) -> None:
    with audit_context(organiser_user, source="web"):
        agreement_sign(agreement=talks, signed_on=dt.date(2026, 6, 29), now=AFTER_THE_EVENT)
        talks.refresh_from_db()
        assert (talks.status, talks.signed_on) == ("signed", dt.date(2026, 6, 29))
        agreement_cancel(agreement=talks)
        talks.refresh_from_db()
        assert (talks.status, talks.signed_on) == ("cancelled", dt.date(2026, 6, 29))
        agreement_reopen(agreement=talks)
        talks.refresh_from_db()
        assert (talks.status, talks.signed_on) == ("negotiating", None)
    logged = [
        e.changes["status"]
        for e in AuditLogEntry.objects.filter(action="update", object_id=str(talks.pk)).order_by(
            "pk"
        )
    ]
    assert logged == [
        ["negotiating", "signed"],
        ["signed", "cancelled"],
        ["cancelled", "negotiating"],
    ]


def test_a_status_it_has_already_is_refused(signed, talks) -> None:
    with pytest.raises(Conflict, match="signed already"):
        agreement_sign(agreement=signed, signed_on=dt.date(2026, 6, 29))
    with pytest.raises(Conflict, match="under negotiation already"):
        agreement_reopen(agreement=talks)
    agreement_cancel(agreement=talks)
    with pytest.raises(Conflict, match="cancelled already"):
        agreement_cancel(agreement=talks)


def test_a_cancellation_made_by_mistake_is_undone_by_signing(signed) -> None:
    agreement_cancel(agreement=signed)
    agreement_sign(agreement=signed, signed_on=dt.date(2026, 6, 30), now=AFTER_THE_EVENT)
    signed.refresh_from_db()
    assert (signed.status, signed.signed_on) == ("signed", dt.date(2026, 6, 30))


def test_the_signing_date_is_not_in_the_future(talks) -> None:
    with pytest.raises(ValidationFailed, match="cannot be in the future") as refused:
        agreement_sign(agreement=talks, signed_on=dt.date(2026, 6, 2), now=BEFORE_THE_EVENT)
    assert refused.value.field == "signed_on"
    talks.refresh_from_db()
    assert talks.status == "negotiating"


def test_one_from_a_meeting_is_signed_once_the_meeting_has_taken_place(published) -> None:
    meeting = published.meeting
    talks = agreement_record_for_meeting(
        meeting=meeting, by=meeting.participant_a, kind="mou", title="Grain", now=MEETING_START
    )
    meeting_day = dt.date(2026, 6, 27)
    with pytest.raises(ValidationFailed, match="The meeting takes place on 27 Jun 2026"):
        agreement_sign(
            agreement=talks, signed_on=meeting_day - dt.timedelta(days=1), now=AFTER_THE_EVENT
        )
    with pytest.raises(ValidationFailed, match="has not taken place yet"):
        agreement_sign(
            agreement=talks, signed_on=meeting_day, now=MEETING_START - dt.timedelta(minutes=1)
        )
    agreement_sign(agreement=talks, signed_on=meeting_day, now=MEETING_START)
    talks.refresh_from_db()
    assert talks.status == "signed"
