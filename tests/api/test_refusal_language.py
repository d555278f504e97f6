"""The API returns the services' refusals in the language of ``Accept-Language``."""

from __future__ import annotations

import pytest

from keruen.events.services import request_rule_set
from keruen.meetings.models import MeetingRequest
from keruen.people.models import Participant
from tests.api.test_errors import assert_error

QUOTA = {
    "en": "You have reached the limit of meeting requests (1).",
    "ru": "Вы достигли лимита запросов на встречу (1).",
}
ROLES = {
    "en": "Delegates with the role government official cannot request meetings with "
    "delegates with the role business at this event.",
    "ru": "На этом мероприятии делегаты с ролью «госслужащий» не могут запрашивать встречи "
    "с делегатами с ролью «бизнес».",
}
NOT_THE_SENDER = {
    "en": "Only the sender can withdraw this request.",
    "ru": "Отозвать этот запрос может только отправитель.",
}
LANGUAGE_CODE = {
    "en": "“xx” is not an ISO 639-1 language code.",
    "ru": "«xx» — не код языка по ISO 639-1.",
}


def _request_c(api, expo, lang: str):
    return api.post(
        f"/events/{expo.event.slug}/meeting-requests",
        key=expo.key_a,
        body={"target_id": expo.c.pk},
        lang=lang,
    )


@pytest.mark.usefixtures("expo_ahead")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_request_quota(api, expo, lang) -> None:
    expo.event.request_quota = 1  # A has one pending request and one accepted
    expo.event.save()
    before = MeetingRequest.objects.count()
    error = assert_error(_request_c(api, expo, lang), 403, "forbidden")
    assert error["message"] == QUOTA[lang]
    assert MeetingRequest.objects.count() == before


@pytest.mark.usefixtures("expo_ahead")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_networking_rules_name_both_roles_in_words(api, expo, lang) -> None:
    Participant.objects.filter(pk=expo.a.pk).update(role=Participant.Role.GOVERNMENT)
    Participant.objects.filter(pk=expo.c.pk).update(role=Participant.Role.BUSINESS)
    request_rule_set(
        event=expo.event, requester_role="government", target_role="business", allowed=False
    )
    error = assert_error(_request_c(api, expo, lang), 403, "forbidden")
    assert error["message"] == ROLES[lang]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_only_the_sender_may_withdraw(api, expo, lang) -> None:
    url = f"/events/{expo.event.slug}/meeting-requests/{expo.c_to_a.pk}/cancel"
    error = assert_error(api.post(url, key=expo.key_a, lang=lang), 403, "forbidden")
    assert error["message"] == NOT_THE_SENDER[lang]
    expo.c_to_a.refresh_from_db()
    assert expo.c_to_a.status == MeetingRequest.Status.PENDING


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_unknown_language_code_in_the_profile(api, expo, lang) -> None:
    reply = api.call(
        "PATCH",
        f"/events/{expo.event.slug}/me",
        key=expo.key_a,
        body={"languages": ["xx"]},
        lang=lang,
    )
    error = assert_error(reply, 422, "invalid")
    assert error["fields"] == [{"field": "languages", "message": LANGUAGE_CODE[lang]}]
