"""Conditional requests and response caching keyed by the register's data version (register/version.py).

ETags change when the data does, and rendered lists, facets and exports are reused until then.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from typing import Any

import orjson
from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from weltnetz.register.opendata import licence, licence_info
from weltnetz.register.version import pinned, register_version, reuse_allowed

BODY_MAX_BYTES = 32 * 1024 * 1024
GZIP_MIN_BYTES = 4096


def cached_response(
    request: HttpRequest,
    build: Callable[[], Any],
    *,
    content_type: str = "application/json; charset=utf-8",
    render: Callable[[Any], bytes] | None = None,
    filename: str | None = None,
) -> HttpResponse:
    """Answer 304 when the client's copy is current, else the cached or freshly built body with ETag.

    Large bodies go gzipped to clients that accept it (the full GeoJSON export shrinks about tenfold); the
    compressed variant has its own ETag, as HTTP requires.
    """
    token, modified = register_version()
    ident = f"{token}|{request.build_absolute_uri()}|{content_type}"
    etag = hashlib.sha1(ident.encode(), usedforsecurity=False).hexdigest()[:24]
    gzip_ok = "gzip" in request.headers.get("Accept-Encoding", "")
    last_modified = int(modified)
    for variant in (f'"{etag}-gz"', f'"{etag}"') if gzip_ok else (f'"{etag}"',):
        not_modified = get_conditional_response(request, etag=variant, last_modified=last_modified)
        if not_modified is not None:
            return _stamp(not_modified, variant, last_modified)
    reuse = reuse_allowed() and settings.WELTNETZ_API_CACHE_SECONDS > 0
    key = f"weltnetz:api:body:{etag}"
    body = cache.get(key) if reuse else None
    if body is None:
        with pinned((token, modified)):  # built under the version its ETag names: no second query for it
            data = build()
        if render is None and isinstance(data, dict):
            data = {**data, "license": licence_info()}
        body = render(data) if render else json_bytes(data)
        if reuse and len(body) <= BODY_MAX_BYTES:
            cache.set(key, body, settings.WELTNETZ_API_CACHE_SECONDS)
    tag = f'"{etag}"'
    encoded = None
    if gzip_ok and len(body) >= GZIP_MIN_BYTES:
        encoded = cache.get(key + ":gz") if reuse else None
        if encoded is None:
            encoded = gzip.compress(body, compresslevel=5, mtime=0)
            if reuse and len(encoded) <= BODY_MAX_BYTES:
                cache.set(key + ":gz", encoded, settings.WELTNETZ_API_CACHE_SECONDS)
        tag = f'"{etag}-gz"'
    response = HttpResponse(encoded if encoded is not None else body, content_type=content_type)
    if encoded is not None:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return _stamp(response, tag, last_modified)


def _stamp(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    response["Link"] = f'<{licence().url}>; rel="license"'
    return response


_DJANGO_JSON = DjangoJSONEncoder()


def json_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON (dates as ISO strings), by orjson; date-times, decimals and lazy strings are written
    as Django's encoder writes them, so the bytes equal json.dumps(data, cls=DjangoJSONEncoder) compacted."""
    try:
        return orjson.dumps(data, default=_DJANGO_JSON.default, option=orjson.OPT_PASSTHROUGH_DATETIME)
    except TypeError:  # an integer beyond 64 bits, a non-string key: the standard library's way
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()
