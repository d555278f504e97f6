"""One error shape for every error the API returns, mapped in one place.

    {"error": {"code": "not_found", "message": "…", "fields": [{"field": "…", "message": "…"}]}}

Domain errors (the KeruenError family), ninja's request validation, bodies that are no JSON,
authentication, unknown URLs (404), wrong methods (405) and unexpected failures (500) all end
up here. Messages are
translated into the language negotiated from Accept-Language by LocaleMiddleware.

A clash with a row the caller can act on (``ConflictWith``) adds that row to the same shape,
under its kind: ``{"error": {"code": "conflict", …, "meeting_request": {…}}}`` (or
``"meeting"``).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.types import DictStrAny

from keruen.common.errors import Conflict, KeruenError, ValidationFailed

logger = logging.getLogger(__name__)


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorBodyOut(Schema):
    code: str
    message: str
    fields: list[FieldErrorOut]


class ErrorOut(Schema):
    error: ErrorBodyOut


class ConflictWith(Conflict):
    """A clash with a row that exists and that the caller can act on (the request already
    waiting: accept it, or withdraw it; the meeting the two already have): the error names the
    row beside the message, as the API renders such rows elsewhere, so that a client need not
    read the message to find it."""

    def __init__(self, message: str, *, field: str | None, kind: str, row: dict[str, Any]) -> None:
        super().__init__(message, field=field)
        self.kind = kind
        self.row = row


def error_body(
    code: str, message: str, fields: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    return {"error": {"code": code, "message": str(message), "fields": fields or []}}


def error_response(
    status: int, code: str, message: str, fields: list[dict[str, str]] | None = None
) -> HttpResponse:
    """An error in the API's shape, for code paths outside ninja (unknown URL, 405)."""
    return JsonResponse(error_body(code, message, fields), status=status)


# Pydantic's messages are English only: the common kinds get a translated message of ours.
PYDANTIC_MESSAGES: dict[str, Any] = {
    "missing": _("This field is required."),
    "string_too_long": _("At most %(max_length)s characters."),
    "string_too_short": _("At least %(min_length)s characters."),
    "too_long": _("At most %(max_length)s items."),
    "greater_than_equal": _("Must be at least %(ge)s."),
    "less_than_equal": _("Must be at most %(le)s."),
    "int_parsing": _("Enter a whole number."),
    "int_type": _("Enter a whole number."),
    "string_type": _("Enter a text."),
    "bool_parsing": _("Enter true or false."),
    "bool_type": _("Enter true or false."),
    "list_type": _("Enter a list."),
    "dict_type": _("Enter an object."),
    "datetime_parsing": _("Enter a date and time in ISO 8601 format."),
    "datetime_type": _("Enter a date and time in ISO 8601 format."),
    "datetime_from_date_parsing": _("Enter a date and time in ISO 8601 format."),
    "enum": _("Choose one of: %(expected)s."),
    "literal_error": _("Choose one of: %(expected)s."),
    "json_invalid": _("The request body is not valid JSON."),
    "model_attributes_type": _("The request body must be a JSON object."),
    "model_type": _("The request body must be a JSON object."),
    "extra_forbidden": _("Unknown field."),
}

# Location parts that name where a value came from, not which field it is: the source, then
# the view's parameter ("payload", or "page" for a page's query).
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
PARAMETERS = {"payload", "page"}


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    # Only the leading two: a field may itself be called "body" (an announcement's message).
    parts = [str(part) for part in loc]
    if parts and parts[0] in SOURCES:
        parts.pop(0)
    if parts and parts[0] in PARAMETERS:
        parts.pop(0)
    return ".".join(parts) or "body"


def _pydantic_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])  # our own validators raise translated messages
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return gettext("This field cannot be blank.")
    template = PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return str(error.get("msg", gettext("Invalid value.")))
    try:
        return str(template) % ctx
    except (KeyError, TypeError, ValueError):
        return str(error.get("msg", gettext("Invalid value.")))


def _on_validation(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    fields = [
        {"field": _field_name(err.get("loc", ())), "message": _pydantic_message(err)}
        for err in exc.errors
    ]
    body = error_body("invalid", gettext("Some of the input is not valid."), fields)
    return api.create_response(request, body, status=422)


def _on_domain_error(request: HttpRequest, exc: KeruenError, api: NinjaAPI) -> HttpResponse:
    fields: list[dict[str, str]] = []
    if isinstance(exc, ValidationFailed):
        fields = [
            {"field": problem.field or "", "message": gettext(problem.message)}
            for problem in exc.problems
        ]
    elif exc.field:
        fields = [{"field": exc.field, "message": gettext(exc.message)}]
    body = error_body(exc.code, gettext(exc.message), fields)
    if isinstance(exc, ConflictWith):
        body["error"][exc.kind] = exc.row
    return api.create_response(request, body, status=exc.http_status)


def _on_auth(request: HttpRequest, exc: AuthenticationError, api: NinjaAPI) -> HttpResponse:
    body = error_body(
        "unauthorized",
        gettext("Authentication required: send a valid token as 'Authorization: Bearer <key>'."),
    )
    response = api.create_response(request, body, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="keruen"'
    return response


def _on_forbidden(request: HttpRequest, exc: AuthorizationError, api: NinjaAPI) -> HttpResponse:
    body = error_body("forbidden", gettext("You may not do this."))
    return api.create_response(request, body, status=403)


class UnreadableBody(ValueError):
    """The request body is no JSON object: not UTF-8, not JSON at all, a form, or JSON of
    another kind (a list, a string; ``not_an_object``)."""

    def __init__(self, message: str, *, not_an_object: bool = False) -> None:
        super().__init__(message)
        self.not_an_object = not_an_object


class JsonBodyParser(Parser):
    """ninja's JSON parser, with a failure of its own kind: ninja wraps any failure of the
    parser in a bare ``400 Cannot parse request body``, which ``_on_http_error`` recognises
    by this cause and answers as the documented ``422 invalid`` naming the field ``body``."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        try:
            parsed: DictStrAny = json.loads(request.body)
        except ValueError as error:  # JSONDecodeError, UnicodeDecodeError
            raise UnreadableBody(str(error)) from error
        if parsed is not None and not isinstance(parsed, dict):
            # Every body is an object of named fields ("[1, 2]" would otherwise be answered
            # with each field missing), or null where the body is optional (a cancellation's).
            raise UnreadableBody(type(parsed).__name__, not_an_object=True)
        return parsed


def _on_unreadable_body(
    request: HttpRequest, unreadable: UnreadableBody, api: NinjaAPI
) -> HttpResponse:
    content_type = request.content_type or ""
    if unreadable.not_an_object:
        message = gettext("The request body must be a JSON object.")
    elif content_type and not (
        content_type == "application/json" or content_type.endswith("+json")
    ):
        message = gettext("Send the request body as JSON, with Content-Type: application/json.")
    else:
        message = gettext("The request body is not valid JSON.")
    body = error_body(
        "invalid",
        gettext("Some of the input is not valid."),
        [{"field": "body", "message": message}],
    )
    return api.create_response(request, body, status=422)


def _on_http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    if isinstance(exc.__cause__, UnreadableBody):
        return _on_unreadable_body(request, exc.__cause__, api)
    body = error_body(f"http_{exc.status_code}", gettext(exc.message))
    return api.create_response(request, body, status=exc.status_code)


def _on_not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    body = error_body("not_found", gettext("Not found."))
    return api.create_response(request, body, status=404)


def _on_unexpected(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    # Never leak a traceback to a client, not even with DEBUG on; the log has it.
    logger.exception("API error on %s %s", request.method, request.path)
    body = error_body("server_error", gettext("Something went wrong on our side."))
    return api.create_response(request, body, status=500)


def install_error_handlers(api: NinjaAPI) -> None:
    """Map every exception kind the API can meet to the one error shape."""
    handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
        (Exception, _on_unexpected),
        (Http404, _on_not_found),
        (HttpError, _on_http_error),
        (AuthorizationError, _on_forbidden),
        (AuthenticationError, _on_auth),
        (ValidationError, _on_validation),
        (KeruenError, _on_domain_error),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, functools.partial(handler, api=api))


def shaped_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a ninja URL view so its plain-text 405 answer takes the error shape too."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:  # ninja's API root view raises it outside the exception handlers
            return not_found_view(request)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            response = error_response(
                405, "method_not_allowed", gettext("This method is not allowed here.")
            )
            response["Allow"] = allowed
        return response

    for attribute in ("csrf_exempt",):
        if hasattr(view, attribute):
            setattr(wrapper, attribute, getattr(view, attribute))
    return wrapper


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any URL under /api/v1/ that matches no operation."""
    return error_response(404, "not_found", gettext("There is no such API endpoint."))


# KeruenError messages in the error family are English; a few API-level ones of ours:
NOT_A_DELEGATE = _("You are not an approved delegate of this event.")
NOT_REGISTERED = _("You are not registered at this event.")
NOT_AN_ORGANISER = _("Only the organisers of this event can do this.")
