"""One JSON error shape for the whole API: {"errors": [{"field": ..., "reason": ...}]}, never a traceback."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import override
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.operation import Operation

from weltnetz.register.filters import InvalidFilter


class ApiError(InvalidFilter):
    """Bad input or a missing record: answered with `status` and the field and reason it names.

    The register's own check of filter values raises its base class, InvalidFilter, answered the same way.
    """


def error_body(*errors: tuple[str, str]) -> dict[str, Any]:
    """The error shape every 4xx answer carries."""
    return {"errors": [{"field": field, "reason": reason} for field, reason in errors]}


def _field_of(loc: tuple | list) -> str:
    """The parameter a pydantic error location points at ("query", "page_size") → "page_size"."""
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header", "cookie")]
    # ninja nests query schemas under their argument name; the last part is the parameter
    return parts[-1] if parts else "request"


def _reason(err: dict[str, Any]) -> str:
    msg = str(err.get("msg") or "invalid value")
    ctx = err.get("ctx") or {}
    if "le" in ctx and err.get("type") == "less_than_equal":
        msg = f"{msg} (the limit is {ctx['le']})"
    return msg


def keep_status(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Stop LocaleMiddleware from turning an API 404 into a redirect to /de/... (the portal's catch-all).

    The middleware redirects 404s when the language-prefixed path resolves under the request's urlconf; the
    API's own urlconf has no language prefixes, so naming it here keeps the 404 a 404.
    """
    request.urlconf = "weltnetz.api.urls"
    return response


def _open(response: HttpResponse) -> HttpResponse:
    """Errors carry the same CORS header as answers, so browser scripts of other sites can read the reason."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def install(api: NinjaAPI) -> None:
    """Register the exception handlers that turn every failure into the one error shape."""
    refuse_unknown_parameters(api)

    @api.exception_handler(InvalidFilter)
    def on_api_error(request: HttpRequest, exc: InvalidFilter) -> HttpResponse:
        with override("en"):  # the API speaks English; the register's reasons are translatable for the portal
            body = error_body((exc.field, str(exc.reason)))
        return _open(keep_status(request, api.create_response(request, body, status=exc.status)))

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [(_field_of(e.get("loc", ())), _reason(e)) for e in exc.errors] or [("request", "invalid")]
        return _open(api.create_response(request, error_body(*errors), status=400))

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(request, error_body(("authorization", "not signed in")), status=401)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, error_body(("request", str(exc))), status=exc.status_code)

    from django.http import Http404

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return keep_status(request, api.create_response(request, error_body(("path", "not found")), status=404))


def query_names(operation: Operation) -> frozenset[str]:
    """The query parameters an endpoint declares (its Query schema's fields, or plain parameters)."""
    names: set[str] = set()
    for model in operation.models:
        if model.__ninja_param_source__ != "query":
            continue
        flat = getattr(model, "__ninja_flatten_map__", None)
        names.update(flat or (f.alias or n for n, f in model.model_fields.items()))
    return frozenset(names)


def refuse_unknown_parameters(api: NinjaAPI) -> None:
    """Answer 400 (in the one error shape) to a query parameter the endpoint does not declare.

    Every parameter is part of the answer cache's key, so without this `&x=1` would make each request a new
    key and compute the answer afresh; a misspelt filter (`?contry=FR`) would silently list everything.
    """
    checks = Operation._run_checks

    def run_checks(self: Operation, request: HttpRequest) -> HttpResponse | None:
        if self.api is api and request.GET:
            known = getattr(self, "_weltnetz_query_names", None)
            if known is None:
                known = self._weltnetz_query_names = query_names(self)  # type: ignore[attr-defined]
            unknown = sorted(k for k in request.GET if k not in known)
            if unknown:
                expected = ", ".join(sorted(known)) or "none"
                errors = [(k[:80], f"unknown parameter; this endpoint takes: {expected}") for k in unknown[:10]]
                return _open(api.create_response(request, error_body(*errors), status=400))
        return checks(self, request)

    Operation._run_checks = run_checks  # type: ignore[method-assign]


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown paths under /api/ answer in the API's error shape, not with the portal's page."""
    import json

    body = json.dumps(error_body(("path", f"no such endpoint: {request.path[:200]}")))
    return keep_status(request, HttpResponse(body, status=404, content_type="application/json"))
