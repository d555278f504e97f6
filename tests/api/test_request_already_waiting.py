"""A meeting request refused because one between the two is already waiting: the 409 names
that request (whose it is, its id, its status), so that a client can answer or withdraw it,
and nothing is sent twice. The portal's form says the same in words
(tests/portal/test_requests.py). A request sent, or accepted, when the two already have a
meeting: the 409 names that meeting."""

from __future__ import annotations

import pytest

from keruen.meetings.models import Meeting, MeetingRequest
from tests.api.conftest import ApiClient, key_for
from tests.concurrency.test_parallel_booking import needs_postgres, run_together
from tests.factories import (
    EventFactory,
    MeetingFactory,
    MeetingRequestFactory,
    ParticipantFactory,
)

THEIRS = "{name} has already asked you for a meeting: accept their request instead."
MINE = {
    "en": "Your request to {name} is already waiting for an answer.",
    "ru": "Ваш запрос участнику {name} уже ожидает ответа.",
}
ALREADY_MET = {
    "en": "You already have a meeting with {name}.",
    "ru": "У вас уже есть встреча с {name}.",
}


def naming_the_request(reply) -> dict:
    """The error of a 409 in the API's shape, plus the request it names."""
    assert reply.status == 409, reply.body
    assert set(reply.body) == {"error"}
    error = reply.body["error"]
    assert set(error) == {"code", "message", "fields", "meeting_request"}
    assert error["code"] == "conflict"
    assert [field["field"] for field in error["fields"]] == ["target_id"]
    return error


@pytest.mark.usefixtures("expo_ahead")
def test_their_request_is_named_and_can_be_accepted_at_once(api, expo) -> None:
    url = f"/events/{expo.event.slug}/meeting-requests"
    before = MeetingRequest.objects.count()
    error = naming_the_request(api.post(url, key=expo.key_a, body={"target_id": expo.c.pk}))
    assert error["message"] == THEIRS.format(name=expo.c.display_name)
    theirs = error["meeting_request"]
    assert theirs["id"] == expo.c_to_a.pk
    assert (theirs["box"], theirs["status"]) == ("received", "pending")
    assert theirs["other"]["id"] == expo.c.pk
    assert "contact" not in theirs["other"]
    # As the received list shows it, word for word.
    listed = api.get(url, key=expo.key_a).body["items"]
    assert theirs == next(item for item in listed if item["id"] == expo.c_to_a.pk)
    assert MeetingRequest.objects.count() == before
    # What the client does with it: accept the request named.
    accepted = api.post(f"{url}/{theirs['id']}/accept", key=expo.key_a)
    assert (accepted.status, accepted.body["status"]) == (200, "accepted")


@pytest.mark.usefixtures("requests_open")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_her_own_request_sent_from_another_device_is_named(api, event, lang) -> None:
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    key, url = key_for(alice), f"/events/{event.slug}/meeting-requests"
    first = api.post(url, key=key, body={"target_id": bob.pk, "message": "Grain?"})
    assert first.status == 201, first.body
    second = {"target_id": bob.pk, "message": "Grain, 10,000 t?"}
    again = api.post(url, key=key, body=second, lang=lang)
    error = naming_the_request(again)
    assert error["message"] == MINE[lang].format(name=bob.display_name)
    mine = error["meeting_request"]
    assert (mine["id"], mine["box"], mine["status"]) == (first.body["id"], "sent", "pending")
    assert (mine["other"]["id"], mine["message"]) == (bob.pk, "Grain?")
    assert list(MeetingRequest.objects.values_list("pk", "message")) == [(mine["id"], "Grain?")]


def test_the_409_naming_the_request_is_in_the_openapi_schema(api, db) -> None:
    schema = api.get("/openapi.json").body
    create = schema["paths"]["/api/v1/events/{slug}/meeting-requests"]["post"]
    body = create["responses"]["409"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/MeetingRequestConflictOut"}
    components = schema["components"]["schemas"]
    error = components["MeetingRequestConflictOut"]["properties"]["error"]
    named = components[error["$ref"].rsplit("/", 1)[-1]]
    assert {"code", "message", "fields"} <= set(named["required"])
    assert "meeting_request" not in named["required"]
    assert {"$ref": "#/components/schemas/MeetingRequestOut"} in (
        named["properties"]["meeting_request"]["anyOf"]
    )
    assert "error.meeting_request" in create["description"]


# --- Sent at the same moment --------------------------------------------------------------


@needs_postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("crossing", [True, False], ids=["both-sides", "one-side-twice"])
def test_two_requests_sent_at_once_make_one_and_the_other_is_told_which(crossing) -> None:
    """Alice and Bob ask each other at the same moment (or Alice sends from two devices):
    one request is made, and the other call is a 409 naming it."""
    event = EventFactory(coming=True)
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    url = f"/events/{event.slug}/meeting-requests"
    senders = [(alice, bob), (bob, alice) if crossing else (alice, bob)]
    calls = [(key_for(me), other) for me, other in senders]

    def send(key, other):
        return lambda: ApiClient().post(url, key=key, body={"target_id": other.pk})

    replies = run_together([send(key, other) for key, other in calls])
    assert not [reply for reply in replies if isinstance(reply, BaseException)], replies
    assert sorted(reply.status for reply in replies) == [201, 409], replies
    made = next(reply for reply in replies if reply.status == 201).body
    refused = naming_the_request(next(reply for reply in replies if reply.status == 409))
    assert refused["meeting_request"]["id"] == made["id"]
    assert refused["meeting_request"]["box"] == ("received" if crossing else "sent")
    assert MeetingRequest.objects.count() == 1


@pytest.mark.usefixtures("requests_open")
def test_a_meeting_the_two_already_have_is_named(api, event) -> None:
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=bob, participant_b=alice)
    meeting.status = Meeting.Status.ACCEPTED
    meeting.save()
    key = key_for(alice)
    before = MeetingRequest.objects.count()
    reply = api.post(f"/events/{event.slug}/meeting-requests", key=key, body={"target_id": bob.pk})
    assert reply.status == 409, reply.body
    error = reply.body["error"]
    assert set(error) == {"code", "message", "fields", "meeting"}
    assert error["message"] == f"You already have a meeting with {bob.display_name}."
    assert [field["field"] for field in error["fields"]] == ["target_id"]
    # As the meeting's own route shows it, word for word.
    shown = api.get(f"/events/{event.slug}/meetings/{meeting.pk}", key=key).body
    assert error["meeting"] == shown
    assert (shown["id"], shown["status"], shown["other"]["id"]) == (meeting.pk, "accepted", bob.pk)
    assert MeetingRequest.objects.count() == before


# --- Accepting a request when the two already have a meeting --------------------------------


@pytest.mark.usefixtures("requests_open")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_accepting_when_the_two_already_have_a_meeting_names_it(api, event, lang) -> None:
    """Two requests crossed (sent both ways before one pending request per pair was the rule)
    and one became a meeting: accepting the other names that meeting and changes nothing."""
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    meeting.status = Meeting.Status.ACCEPTED
    meeting.save()
    theirs = MeetingRequestFactory(event=event, requester=bob, target=alice)
    key, url = key_for(alice), f"/events/{event.slug}"
    reply = api.post(f"{url}/meeting-requests/{theirs.pk}/accept", key=key, lang=lang)
    assert reply.status == 409, reply.body
    error = reply.body["error"]
    assert set(error) == {"code", "message", "fields", "meeting"}
    assert error["code"] == "conflict"
    assert error["message"] == ALREADY_MET[lang].format(name=bob.display_name)
    assert error["fields"] == []  # nothing the caller sent is wrong: the path names the request
    # As the meeting's own route shows it, word for word, with the contact details it shows.
    shown = api.get(f"{url}/meetings/{meeting.pk}", key=key).body
    assert error["meeting"] == shown
    assert (shown["id"], shown["status"], shown["other"]["id"]) == (meeting.pk, "accepted", bob.pk)
    theirs.refresh_from_db()
    assert theirs.status == MeetingRequest.Status.PENDING
    assert list(Meeting.objects.all()) == [meeting]


def test_the_409_naming_the_meeting_when_accepting_is_in_the_openapi_schema(api, db) -> None:
    schema = api.get("/openapi.json").body
    path = "/api/v1/events/{slug}/meeting-requests/{request_id}/accept"
    accept = schema["paths"][path]["post"]
    body = accept["responses"]["409"]["content"]["application/json"]["schema"]
    components = schema["components"]["schemas"]
    error = components[body["$ref"].rsplit("/", 1)[-1]]["properties"]["error"]
    named = components[error["$ref"].rsplit("/", 1)[-1]]
    assert {"code", "message", "fields"} <= set(named["required"])
    assert "meeting" not in named["required"]
    assert {"$ref": "#/components/schemas/MeetingOut"} in named["properties"]["meeting"]["anyOf"]
    assert "meeting_request" not in named["properties"]  # accepting never meets a pending one
    assert "error.meeting" in accept["description"]
