"""One error shape for every kind of error, localised with Accept-Language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from keruen.api.routes import events as event_routes
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import MeetingRequest
from tests.api.conftest import key_for

REPO = Path(__file__).resolve().parents[2]


def assert_error(reply, status, code, *, naming: str | None = None):
    """The API's error shape; ``naming``: the kind of row a conflict names beside it."""
    assert reply.status == status, reply.body
    assert set(reply.body) == {"error"}
    error = reply.body["error"]
    assert set(error) == {"code", "message", "fields"} | ({naming} if naming else set())
    assert error["code"] == code
    assert error["message"]
    for item in error["fields"]:
        assert set(item) == {"field", "message"}
    return error


def test_unknown_url_is_404_in_the_shape(api, db):
    assert_error(api.get("/no/such/thing"), 404, "not_found")
    assert_error(api.get("/"), 404, "not_found")


def test_wrong_method_is_405_in_the_shape(api, event):
    reply = api.call("DELETE", f"/events/{event.slug}")
    assert_error(reply, 405, "method_not_allowed")
    assert reply.headers["Allow"] == "GET"


def test_domain_not_found_is_404(api, db):
    assert_error(api.get("/events/no-such-event"), 404, "not_found")


def test_missing_token_is_401(api, event):
    assert_error(api.get(f"/events/{event.slug}/agenda"), 401, "unauthorized")


def test_permission_denied_is_403(api, expo):
    # D is a delegate of the other event only.
    reply = api.get(f"/events/{expo.event.slug}/meetings", key=expo.key_d)
    assert_error(reply, 403, "forbidden")


@pytest.mark.usefixtures("expo_ahead")
def test_conflict_is_409(api, expo):
    body = {"target_id": expo.b.pk}  # A and B have a meeting already (and A -> B is pending)
    reply = api.post(f"/events/{expo.event.slug}/meeting-requests", key=expo.key_a, body=body)
    assert_error(reply, 409, "conflict", naming="meeting")


def test_request_validation_is_422_naming_each_field(api, expo):
    reply = api.post(
        f"/events/{expo.event.slug}/opportunities",
        key=expo.key_a,
        body={"direction": "sideways", "kind": "product", "title": "", "body": "x"},
    )
    error = assert_error(reply, 422, "invalid")
    fields = {item["field"] for item in error["fields"]}
    assert fields == {"direction", "language", "title"}


def test_query_validation_is_422(api, event):
    error = assert_error(api.get("/events", params={"limit": 1000}), 422, "invalid")
    assert error["fields"][0]["field"] == "limit"
    error = assert_error(
        api.get(f"/events/{event.slug}/organisations", params={"country": "XX"}), 422, "invalid"
    )
    assert error["fields"][0]["field"] == "country"


@pytest.mark.parametrize(
    ("data", "content_type", "lang", "expected"),
    [
        ("{not json", "application/json", "en", "The request body is not valid JSON."),
        (b"\xff\xfe{}", "application/json", "en", "The request body is not valid JSON."),
        ("{not json", "application/json", "ru", "Тело запроса не является корректным JSON."),
        ("direction=offer", "application/x-www-form-urlencoded", "en", "Content-Type"),
        ("hello", "text/plain", "en", "Content-Type"),
        ("[1, 2]", "application/json", "en", "The request body must be a JSON object."),
        ('"offer"', "application/json", "en", "The request body must be a JSON object."),
    ],
)
def test_a_body_that_is_no_json_is_422_naming_body(api, expo, data, content_type, lang, expected):
    before = Opportunity.objects.count()
    response = api.client.post(
        f"/api/v1/events/{expo.event.slug}/opportunities",
        data=data,
        content_type=content_type,
        headers={"Authorization": f"Bearer {expo.key_a}", "Accept-Language": lang},
    )
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert [item["field"] for item in error["fields"]] == ["body"]
    assert expected in error["fields"][0]["message"]
    if lang == "ru":
        assert error["message"] != "Some of the input is not valid."  # translated too
    assert Opportunity.objects.count() == before


def test_json_sent_as_plain_text_is_still_read(api, expo):
    """Clients that forget the header keep working: only an unreadable body is refused."""
    response = api.client.generic(
        "PATCH",
        f"/api/v1/events/{expo.event.slug}/me",
        data='{"phone": "+7 700 000 0000"}',
        content_type="text/plain",
        headers={"Authorization": f"Bearer {expo.key_a}"},
    )
    assert response.status_code == 200, response.content


def test_domain_validation_failed_is_422_with_problems(api, expo):
    reply = api.call(
        "PATCH",
        f"/events/{expo.event.slug}/me",
        key=expo.key_a,
        body={"languages": ["xx"], "arrives_at": "2026-06-27T10:00:00Z"},
    )
    error = assert_error(reply, 422, "invalid")
    assert [item["field"] for item in error["fields"]] == ["languages"]
    expo.a.refresh_from_db()
    assert expo.a.languages == ["ru", "en"]  # nothing changed
    assert expo.a.arrives_at is None


def test_unexpected_error_is_500_without_a_traceback(api, event, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(event_routes, "event_get_public", boom)
    reply = api.get(f"/events/{event.slug}")
    error = assert_error(reply, 500, "server_error")
    assert "secret" not in error["message"]


@pytest.mark.parametrize(
    ("lang", "script"),
    [("ru", "Cyrillic"), ("kk", "Cyrillic"), ("zh-hans", "Han"), ("en", "Latin")],
)
def test_messages_follow_accept_language(api, expo, lang, script):
    from django.utils import translation

    # The wording comes from the project's catalogue (or Django's); it must be localized.
    with translation.override(lang):
        expected = translation.gettext("This field is required.")
    if lang != "en":
        assert expected != "This field is required."
    letters = {"Cyrillic": "\u0400", "Han": "\u4e00", "Latin": "a"}
    assert any(char >= letters[script] for char in expected)
    before = MeetingRequest.objects.count()
    reply = api.post(
        f"/events/{expo.event.slug}/meeting-requests", key=expo.key_a, body={}, lang=lang
    )
    error = assert_error(reply, 422, "invalid")
    assert error["fields"] == [{"field": "target_id", "message": expected}]
    assert reply.headers["Content-Language"] == lang
    assert MeetingRequest.objects.count() == before  # nothing created


# Where a message of the API's own is raised: marked for makemessages, never built from the
# request (an f-string msgid can have no translation, and would echo what was sent).
MESSAGE_SOURCES = [
    *sorted((REPO / "keruen" / "api").rglob("*.py")),
    REPO / "keruen" / "events" / "selectors.py",
]
DOMAIN_ERRORS = {"NotFound", "PermissionDenied", "Conflict", "ValidationFailed", "KeruenError"}
MARKERS = {"gettext", "gettext_lazy", "_"}


def _unmarked_messages(path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in DOMAIN_ERRORS
            and node.args
        ):
            continue
        message = node.args[0]
        if isinstance(message, ast.Call) and isinstance(message.func, ast.Name):
            called = message.func.id
            # gettext("…"), or str() of a module's lazy constant (NOT_A_DELEGATE)
            marked = called in MARKERS or (
                called == "str" and isinstance(message.args[0], ast.Name)
            )
        else:  # a caught domain error raised again with another field
            marked = isinstance(message, ast.Attribute) and message.attr == "message"
        if not marked:
            found.append(f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_domain_error_messages_are_marked_for_translation():
    unmarked = [line for path in MESSAGE_SOURCES for line in _unmarked_messages(path)]
    assert unmarked == []


def test_a_text_too_long_is_counted_in_characters_not_items(api, expo):
    reply = api.call(
        "PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body={"phone": "1" * 41}
    )
    error = assert_error(reply, 422, "invalid")
    assert error["fields"] == [{"field": "phone", "message": "At most 40 characters."}]


@pytest.mark.parametrize("blank", ["   ", "\u200b", " \u2060\ufeff "])
def test_text_of_spaces_or_invisible_characters_is_refused(api, expo, blank):
    slug = expo.event.slug
    body = {"direction": "offer", "kind": "product", "language": "en", "title": blank, "body": "x"}
    error = assert_error(
        api.post(f"/events/{slug}/opportunities", key=expo.key_a, body=body), 422, "invalid"
    )
    assert error["fields"] == [{"field": "title", "message": "This field cannot be blank."}]
    reply = api.call("PATCH", f"/events/{slug}/me", key=expo.key_a, body={"title": {"en": blank}})
    assert assert_error(reply, 422, "invalid")["fields"][0]["field"] == "title.en"


def test_surrounding_spaces_are_not_stored(api, expo):
    reply = api.call(
        "PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body={"messenger": "  @aigerim "}
    )
    assert reply.status == 200
    expo.a.refresh_from_db()
    assert expo.a.messenger == "@aigerim"


def test_null_is_no_body_where_the_body_is_optional(api, expo_ahead):
    expo = expo_ahead
    response = api.client.post(
        f"/api/v1/events/{expo.event.slug}/meeting-requests/{expo.a_to_b.pk}/decline",
        data="null",
        content_type="application/json",
        headers={"Authorization": f"Bearer {key_for(expo.b)}"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "declined"


def test_a_blank_search_lists_everything(api, expo):
    slug = expo.event.slug
    everything = api.get(f"/events/{slug}/organisations").body["count"]
    assert api.get(f"/events/{slug}/organisations", params={"q": "  "}).body["count"] == everything
    assert api.get(f"/events/{slug}/opportunities", params={"q": " "}).status == 200
