"""API fixtures: a JSON client with tokens, and a small expo seen from two events."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from keruen.api.services import api_token_create
from keruen.meetings.models import Meeting, MeetingRequest, Schedule, ScheduledMeeting
from keruen.meetings.services import schedule_entry_place, schedule_publish
from keruen.people.models import Participant
from tests import factories as f

API = "/api/v1"


@pytest.fixture(autouse=True)
def _api_urls(settings):
    """Only the API's URLs (see tests/api/urls.py); a fast password hasher for factories."""
    settings.ROOT_URLCONF = "tests.api.urls"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class TrigramEncoder:
    """A tiny stand-in for the embedding model: hashed character trigrams, normalised.

    The suggestion route ranks with stored vectors and encodes missing ones; the real
    multilingual model is far too slow to load for API tests, which check the API, not the
    ranking (tests/matchmaking does that).
    """

    name = "api-test-trigrams"
    dim = 32

    def encode(self, texts, *, kind):
        import hashlib

        import numpy as np

        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()} "
            for start in range(len(padded) - 2):
                digest = hashlib.blake2s(padded[start : start + 3].encode()).digest()
                rows[row, digest[0] % self.dim] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)


@pytest.fixture(autouse=True)
def _small_encoder(monkeypatch):
    from keruen.matchmaking import encoding

    monkeypatch.setattr(encoding, "_encoder", TrigramEncoder())
    encoding._query_cache.clear()


@dataclass
class Reply:
    status: int
    body: Any
    headers: Any


class ApiClient:
    """Calls the API with an optional bearer key and language; bodies go out as JSON."""

    def __init__(self) -> None:
        self.client = Client()

    def call(
        self,
        method: str,
        path: str,
        *,
        key: str | None = None,
        body: Any = None,
        params: dict[str, Any] | None = None,
        lang: str | None = None,
    ) -> Reply:
        headers = {}
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        if lang is not None:
            headers["Accept-Language"] = lang
        url = path if path.startswith("/") and path.startswith(API) else f"{API}{path}"
        if params:
            from urllib.parse import urlencode

            url = f"{url}?{urlencode(params)}"
        response = self.client.generic(
            method.upper(),
            url,
            data=json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers=headers,
        )
        content_type = response.get("Content-Type", "")
        parsed = json.loads(response.content) if "json" in content_type else response.content
        return Reply(response.status_code, parsed, response)

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Reply:
        return self.call("POST", path, **kwargs)


@pytest.fixture
def api() -> ApiClient:
    return ApiClient()


def key_for(participant: Participant) -> str:
    """A fresh API key for the participant's account."""
    _, key = api_token_create(user=participant.user, name="test")
    return key


@dataclass
class Expo:
    """Delegates A, B, C at `event`; D and E at `other`, with requests, meetings, a release."""

    event: Any
    other: Any
    a: Participant
    b: Participant
    c: Participant
    d: Participant
    e: Participant
    key_a: str
    key_d: str
    a_to_b: MeetingRequest  # pending, A sent
    c_to_a: MeetingRequest  # pending, A received
    b_to_c: MeetingRequest  # between others: A must never see it
    d_to_e: MeetingRequest  # other event
    meeting_ab: Meeting
    meeting_bc: Meeting
    meeting_de: Meeting
    offer_a: Any  # A's organisation's draft
    offer_b: Any  # published
    offer_b_draft: Any
    offer_d: Any  # other event, published
    release: Schedule


def _meeting(event, first, second) -> Meeting:
    request = f.MeetingRequestFactory(
        event=event, requester=first, target=second, status=MeetingRequest.Status.ACCEPTED
    )
    return f.MeetingFactory(event=event, participant_a=first, participant_b=second, request=request)


def _publish(event, placements) -> Schedule:
    from keruen.meetings.services import schedule_draft_get

    draft = schedule_draft_get(event=event)
    for meeting, slot, table in placements:
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table)
    return schedule_publish(event=event, by=None)


@pytest.fixture
def expo(db) -> Expo:
    event = f.EventFactory(time_zone="Asia/Almaty")
    other = f.EventFactory()
    a, b, c = (f.ParticipantFactory(event=event) for _ in range(3))
    d, e = (f.ParticipantFactory(event=other) for _ in range(2))
    a_to_b = f.MeetingRequestFactory(event=event, requester=a, target=b, message="Grain?")
    c_to_a = f.MeetingRequestFactory(event=event, requester=c, target=a)
    b_to_c = f.MeetingRequestFactory(event=event, requester=b, target=c)
    d_to_e = f.MeetingRequestFactory(event=other, requester=d, target=e)
    meeting_ab = _meeting(event, a, b)
    meeting_bc = _meeting(event, b, c)
    meeting_de = _meeting(other, d, e)
    slot1, slot2 = (
        f.SlotFactory(
            event=event,
            number=n,
            start=dt.datetime(2026, 6, 27, 3, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=30 * n),
        )
        for n in (1, 2)
    )
    hall = f.HallFactory(event=event, name={"en": "Hall B", "ru": "Зал Б"})
    table = f.MeetingTableFactory(event=event, number=7, hall=hall)
    release = _publish(event, [(meeting_ab, slot1, table), (meeting_bc, slot2, table)])
    other_slot = f.SlotFactory(event=other, number=1)
    _publish(other, [(meeting_de, other_slot, f.MeetingTableFactory(event=other, number=1))])
    offer_a = f.OpportunityFactory(
        organisation=a.organisation, status="draft", author=a, title="Our draft"
    )
    offer_b = f.OpportunityFactory(organisation=b.organisation, title="Wheat offer")
    offer_b_draft = f.OpportunityFactory(organisation=b.organisation, status="draft")
    offer_d = f.OpportunityFactory(organisation=d.organisation)
    assert ScheduledMeeting.objects.filter(schedule=release).count() == 2
    return Expo(
        event=event,
        other=other,
        a=a,
        b=b,
        c=c,
        d=d,
        e=e,
        key_a=key_for(a),
        key_d=key_for(d),
        a_to_b=a_to_b,
        c_to_a=c_to_a,
        b_to_c=b_to_c,
        d_to_e=d_to_e,
        meeting_ab=meeting_ab,
        meeting_bc=meeting_bc,
        meeting_de=meeting_de,
        offer_a=offer_a,
        offer_b=offer_b,
        offer_b_draft=offer_b_draft,
        offer_d=offer_d,
        release=release,
    )


@pytest.fixture
def expo_ahead(expo) -> Expo:
    """The expo still ahead, so that meeting requests are open (``move_ahead``)."""
    f.move_ahead(expo.event)
    return expo
