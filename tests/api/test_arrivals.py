"""The registration desk's scanner route: organisers check delegates in by badge code."""

from __future__ import annotations

from keruen.people.badge_codes import badge_code_display
from keruen.people.models import Participant
from tests import factories as f
from tests.api.conftest import key_for


def _organiser_key(event) -> str:
    return key_for(f.ParticipantFactory(event=event, role=Participant.Role.ORGANISER))


def test_an_organiser_checks_a_delegate_in_once(api, expo) -> None:
    key = _organiser_key(expo.event)
    url = f"/events/{expo.event.slug}/check-in"
    code = badge_code_display(expo.a.badge_code).lower()  # as typed at the desk
    reply = api.post(url, key=key, body={"badge_code": code})
    assert reply.status == 200, reply.body
    assert reply.body["participant_id"] == expo.a.pk
    assert reply.body["already"] is False
    assert reply.body["organisation"]["id"] == expo.a.organisation_id
    first = reply.body["checked_in_at"]
    again = api.post(url, key=key, body={"badge_code": expo.a.badge_code})
    assert again.status == 200
    assert again.body["already"] is True
    assert again.body["checked_in_at"] == first


def test_delegates_cannot_check_anyone_in(api, expo) -> None:
    url = f"/events/{expo.event.slug}/check-in"
    reply = api.post(url, key=expo.key_a, body={"badge_code": expo.b.badge_code})
    assert reply.status == 403
    assert reply.body["error"]["code"] == "forbidden"
    expo.b.refresh_from_db()
    assert expo.b.checked_in_at is None


def test_unknown_or_foreign_badges_are_not_found_and_pending_ones_refused(api, expo) -> None:
    key = _organiser_key(expo.event)
    url = f"/events/{expo.event.slug}/check-in"
    for code in ("ZZZZZZZZ", expo.d.badge_code):  # unknown; another event's delegate
        reply = api.post(url, key=key, body={"badge_code": code})
        assert reply.status == 404, code
        assert reply.body["error"]["fields"][0]["field"] == "badge_code"
    pending = f.ParticipantFactory(event=expo.event, status=Participant.Status.PENDING)
    reply = api.post(url, key=key, body={"badge_code": pending.badge_code})
    assert reply.status == 409  # the code is right; the registration is not approved
    assert "approve the registration first" in reply.body["error"]["message"]
    assert api.post(url, key=key, body={"badge_code": ""}).status == 422


def test_a_private_event_is_not_shown_to_other_callers(api, expo) -> None:
    expo.other.is_public = False
    expo.other.save()
    url = f"/events/{expo.other.slug}/check-in"
    reply = api.post(url, key=expo.key_a, body={"badge_code": expo.d.badge_code})
    assert reply.status == 404


def test_a_scanner_may_send_the_whole_address_of_the_qr_code(api, expo) -> None:
    key = _organiser_key(expo.event)
    url = f"/events/{expo.event.slug}/check-in"
    host = "https://expo-registration.example.org"  # long enough to pass 40 characters
    scanned = f"{host}/{expo.event.slug}/b/{expo.a.badge_code}/"
    reply = api.post(url, key=key, body={"badge_code": scanned})
    assert reply.status == 200, reply.body
    assert reply.body["participant_id"] == expo.a.pk
    short = api.post(url, key=key, body={"badge_code": f"/{expo.event.slug}/b/{expo.b.badge_code}"})
    assert short.status == 200, short.body
    assert short.body["participant_id"] == expo.b.pk


def test_an_address_of_another_event_is_refused_by_name(api, expo) -> None:
    key = _organiser_key(expo.event)
    url = f"/events/{expo.event.slug}/check-in"
    foreign = f"https://expo.example.org/{expo.other.slug}/b/{expo.a.badge_code}/"
    reply = api.post(url, key=key, body={"badge_code": foreign})
    assert reply.status == 404
    assert expo.other.slug in reply.body["error"]["message"]
    assert reply.body["error"]["fields"][0]["field"] == "badge_code"
    expo.a.refresh_from_db()
    assert expo.a.checked_in_at is None
    too_long = "https://expo.example.org/" + "x" * 300
    assert api.post(url, key=key, body={"badge_code": too_long}).status == 422


def test_a_withdrawn_delegate_is_refused_with_what_to_do(api, expo) -> None:
    key = _organiser_key(expo.event)
    withdrawn = f.ParticipantFactory(event=expo.event, status=Participant.Status.WITHDRAWN)
    reply = api.post(
        f"/events/{expo.event.slug}/check-in", key=key, body={"badge_code": withdrawn.badge_code}
    )
    assert reply.status == 409
    assert "re-admit" in reply.body["error"]["message"]
