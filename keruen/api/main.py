"""The versioned JSON API: one NinjaAPI instance, its routers and its error mapping."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.operation import Operation

from keruen.api.docs import ServerRenderedDocs
from keruen.api.errors import JsonBodyParser, install_error_handlers
from keruen.api.routes import (
    agreements,
    announcements,
    arrivals,
    events,
    me,
    meetings,
    opportunities,
    organisations,
    participants,
    suggestions,
)


class KeruenAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """Short, stable operation ids (`meeting_request_accept`) for generated clients."""
        return operation.view_func.__name__.removesuffix("_route")


api = KeruenAPI(
    title="Keruen API",
    version="1",
    description=(
        "Events, organisations, opportunities, your profile, meeting requests, meetings and "
        "agenda of Keruen trade expos. Errors always have the shape "
        '`{"error": {"code", "message", "fields": [{"field", "message"}]}}`; a 409 about a '
        "row you can act on also names it (`error.meeting_request`, `error.meeting`)."
    ),
    urls_namespace="api-v1",
    docs=ServerRenderedDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=JsonBodyParser(),
)
install_error_handlers(api)

for module in (
    events,
    organisations,
    opportunities,
    me,
    meetings,
    agreements,
    arrivals,
    participants,
    announcements,
    suggestions,
):
    api.add_router("", module.router)
