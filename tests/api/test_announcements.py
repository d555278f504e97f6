"""Announcements through the API: organisers only, each participant in their language, and a
filter that is no filter refused rather than read as "everyone"."""

from __future__ import annotations

import pytest

from keruen.people.models import Announcement, Participant
from tests import factories as f
from tests.api.conftest import key_for
from tests.console.conftest import IMMEDIATE_TASKS

TEXTS = {
    "subject": {"en": "Shuttle buses", "zh-hans": "班车信息"},
    "body": {"en": "Buses leave the hotels at 7:30.", "zh-hans": "班车7:30从酒店出发。"},
}


@pytest.fixture(autouse=True)
def _tasks_run_inline(settings):
    settings.TASKS = IMMEDIATE_TASKS


def _organiser_key(event) -> str:
    return key_for(f.ParticipantFactory(event=event, role=Participant.Role.ORGANISER))


def test_an_organiser_writes_to_one_delegation(api, expo, mailoutbox) -> None:
    delegation = f.DelegationFactory(event=expo.event)
    members = [
        f.ParticipantFactory(
            event=expo.event, delegation=delegation, user=f.UserFactory(language=language)
        )
        for language in ("zh-hans", "kk")
    ]
    url = f"/events/{expo.event.slug}/announcements"
    reply = api.post(
        url,
        key=_organiser_key(expo.event),
        body={**TEXTS, "audience": {"delegation": delegation.pk}},
    )
    assert reply.status == 202, reply.body
    assert reply.body["status"] == "sent"
    assert (reply.body["sent"], reply.body["recipients"]) == (2, 2)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {p.user.email for p in members}
    assert "班车7:30从酒店出发" in by_address[members[0].user.email].body
    assert "Buses leave the hotels" in by_address[members[1].user.email].body  # no Kazakh
    listing = api.get(url, key=_organiser_key(expo.event))
    assert listing.status == 200
    assert listing.body["count"] == 1
    assert [row["id"] for row in listing.body["items"]] == [reply.body["id"]]
    # A client's retry of the same request (after a timeout, say) is not sent again.
    again = api.post(
        url,
        key=_organiser_key(expo.event),
        body={**TEXTS, "audience": {"delegation": delegation.pk}},
    )
    assert again.status == 422
    assert len(mailoutbox) == 2


@pytest.mark.parametrize(
    ("audience", "field"),
    [
        ({"status": "approvd"}, "audience.status"),
        ({"role": "minister"}, "audience.role"),
        ({"country": "Kazakhstan"}, "audience.country"),
        ({"delegation": -5}, "audience.delegation"),
        ({"delegation": 0}, "audience.delegation"),
    ],
)
def test_a_filter_that_is_no_filter_is_refused(api, expo, mailoutbox, audience, field) -> None:
    reply = api.post(
        f"/events/{expo.event.slug}/announcements",
        key=_organiser_key(expo.event),
        body={**TEXTS, "audience": audience},
    )
    assert reply.status == 422
    assert field in {item["field"] for item in reply.body["error"]["fields"]}
    assert not Announcement.objects.exists()
    assert not mailoutbox


def test_a_language_without_its_message_names_the_field(api, expo, mailoutbox) -> None:
    reply = api.post(
        f"/events/{expo.event.slug}/announcements",
        key=_organiser_key(expo.event),
        body={"subject": {"en": "Hi", "ru": "Привет"}, "body": {"en": "Welcome."}},
    )
    assert reply.status == 422
    assert reply.body["error"]["fields"][0]["field"] == "body.ru"
    assert not Announcement.objects.exists()
    assert not mailoutbox


@pytest.mark.parametrize(
    ("texts", "field"),
    [
        ({"subject": {"zh": "班车"}, "body": {"zh": "班车7:30出发。"}}, "subject"),
        ({"subject": {"en": "Hi"}, "body": {"en": "Null\x00byte"}}, "body.en"),
    ],
)
def test_a_text_nobody_could_read_is_refused(api, expo, mailoutbox, texts, field) -> None:
    """ "zh" is no interface language ("zh-hans" is): its readers would get nothing."""
    reply = api.post(
        f"/events/{expo.event.slug}/announcements", key=_organiser_key(expo.event), body=texts
    )
    assert reply.status == 422, reply.body
    assert field in {item["field"] for item in reply.body["error"]["fields"]}
    assert not Announcement.objects.exists()
    assert not mailoutbox


def test_the_list_comes_in_pages_at_a_constant_cost(
    api, expo, django_assert_max_num_queries
) -> None:
    key = _organiser_key(expo.event)
    for n in range(5):
        Announcement.objects.create(event=expo.event, subject={"en": f"N{n}"}, body={"en": "…"})
    url = f"/events/{expo.event.slug}/announcements?limit=2&offset=1"
    with django_assert_max_num_queries(8):
        page = api.get(url, key=key)
    assert page.status == 200
    assert page.body["count"] == 5
    assert [row["subject"]["en"] for row in page.body["items"]] == ["N3", "N2"]


def test_delegates_and_other_events_organisers_are_refused(api, expo, mailoutbox) -> None:
    url = f"/events/{expo.event.slug}/announcements"
    assert api.post(url, key=expo.key_a, body=TEXTS).status == 403
    assert api.get(url, key=expo.key_a).status == 403
    assert api.post(url, key=_organiser_key(expo.other), body=TEXTS).status == 403
    assert not mailoutbox
