"""/api/v1/: the ninja API, then a catch-all so unknown URLs get the API's error shape."""

from django.urls import re_path

from keruen.api.errors import not_found_view, shaped_errors
from keruen.api.main import api

patterns, _ninja_app, _namespace = api.urls
app_name = _namespace  # "api-v1": ninja reverses its own URLs in this namespace
for pattern in patterns:
    # Ninja answers a wrong method with a plain-text 405: give it the error shape too.
    pattern.callback = shaped_errors(pattern.callback)  # type: ignore[arg-type]

urlpatterns = [
    *patterns,
    re_path(r"^.*$", not_found_view, name="api-not-found"),
]
