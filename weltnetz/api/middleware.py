"""Request rules of the API that hold before any endpoint runs: a URL length limit and empty parameters.

- A URL (path and query string, as sent) longer than MAX_URL_BYTES is refused with 414 in the API's error
  shape. The limit sits well below gunicorn's 4094-byte request line, so the application, not the server's
  HTML page, answers every over-long URL that reaches it.
- A query parameter sent empty (`?kind=`) is treated as absent, as HTML forms send unused fields. A value of
  white space (a space, a tab, a control character such as U+001C) is a value: the parameter's own check
  refuses it where the schema does not allow it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from .errors import error_body

MAX_URL_BYTES = 2048
API_PREFIX = "/api/"


def url_bytes(request: HttpRequest) -> int:
    """The length of the request target as sent: the raw path plus '?' and the raw query string."""
    query = request.META.get("QUERY_STRING", "")
    return len(request.get_full_path_info().split("?", 1)[0].encode()) + (len(query.encode()) + 1 if query else 0)


class ApiRequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if (size := url_bytes(request)) > MAX_URL_BYTES:
            body = error_body(("request", f"the URL is {size} bytes long; the limit is {MAX_URL_BYTES} bytes"))
            response = HttpResponse(json.dumps(body), status=414, content_type="application/json")
            response["Access-Control-Allow-Origin"] = "*"
            return response
        if any(value == "" for _, values in request.GET.lists() for value in values):
            kept = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                for value in values:
                    if value != "":
                        kept.appendlist(key, value)
            kept._mutable = False
            request.GET = kept  # type: ignore[assignment]
        return self.get_response(request)
