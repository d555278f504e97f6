"""The interactive API docs page, rendered on the server from the OpenAPI schema.

Ninja's built-in page loads Swagger UI from a CDN unless "ninja" is an installed app; Keruen
must work offline and vendors no third-party JavaScript, so this page lists every operation
(method, path, parameters, body, responses) from the same schema, with curl examples.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict[str, Any]) -> str:
    """A short readable type for a JSON schema fragment."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_ref_name(option) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(json.dumps(value) for value in schema["enum"])
    if schema.get("type") == "array":
        return f"list[{_ref_name(schema.get('items', {}))}]"
    return str(schema.get("type", "object"))


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", f"{method}-{path}"),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or ["other"])[0],
                    "private": bool(operation.get("security")),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _ref_name(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "body": _ref_name(body["schema"]) if body else "",
                    "responses": [
                        {
                            "status": status,
                            "type": _ref_name(
                                response.get("content", {})
                                .get("application/json", {})
                                .get("schema", {})
                            ),
                        }
                        for status, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return operations


class ServerRenderedDocs(DocsBase):
    """A DocsBase for NinjaAPI(docs=...) that needs no JavaScript and no network."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        components = schema.get("components", {}).get("schemas", {})
        return render(
            request,
            "api/docs.html",
            {
                "title": schema["info"]["title"],
                "version": schema["info"]["version"],
                "openapi_url": self.get_openapi_url(api, kwargs),
                "base_url": request.build_absolute_uri(api.get_root_path(kwargs)).rstrip("/"),
                "operations": _operations(schema),
                "components": sorted(
                    (name, json.dumps(body, indent=2, ensure_ascii=False))
                    for name, body in components.items()
                ),
            },
        )
