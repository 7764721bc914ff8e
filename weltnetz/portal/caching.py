"""Portal pages that serve themselves: rendered once per data version, gzipped, with ETag and Cache-Control.

`PageCacheMiddleware` answers an anonymous GET of a public page (under /de/, /en/, the sitemaps, robots.txt)
from the cache when the page was rendered for the same data version (register/version.py: bumped by the
database's triggers on every write, whoever writes), the same day and the same URL. So an edit in the admin
shows with the next request on every app server, and nothing else empties the cache.

Every such answer carries an ETag derived from the same key, `Last-Modified` (the data version's time) and
`Cache-Control: public, max-age=WELTNETZ_PAGE_MAX_AGE`, so a reverse proxy can store it and revalidate it with a
conditional request (answered 304 after one primary-key lookup, nothing rendered). Bodies are kept gzipped too
and sent so to clients that accept it (a separate ETag, as HTTP requires).

Never cached: requests with a session or the messages cookie (signed-in editors see the userbar, a visitor a
message), responses that set a cookie or used the CSRF token (forms), anything but 200, the admin, the API
(which caches its own answers the same way), documents, static files and uploads.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags

from weltnetz.register.version import register_version, reuse_allowed

GZIP_MIN_BYTES = 512
BODY_MAX_BYTES = 4 * 1024 * 1024
SKIPPED_HEADERS = frozenset({"set-cookie", "content-length", "content-encoding", "etag", "last-modified"})


def _public_prefixes() -> tuple[str, ...]:
    languages = tuple(f"/{code}/" for code, _ in settings.LANGUAGES)
    return (*languages, "/sitemap", "/robots.txt")


def cacheable_request(request: HttpRequest) -> bool:
    """An anonymous GET/HEAD of a public page (see the module docstring)."""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if not path.startswith(_public_prefixes()) or "/_util/" in path:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def page_key(request: HttpRequest) -> tuple[str, float]:
    """(key, last-modified) of the page as it is now: data version, day, host, path and query."""
    token, modified = register_version()
    ident = f"{token}|{dt.date.today().isoformat()}|{request.get_host()}|{request.get_full_path()}"
    return hashlib.sha1(ident.encode(), usedforsecurity=False).hexdigest()[:24], modified


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Content-Encoding") or response.has_header("ETag"):
        return False  # a view that compresses or revalidates its answer itself (the map's points)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds this visitor's CSRF token
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _stamp(response: HttpResponseBase, etag: str, modified: float) -> HttpResponseBase:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(int(modified))
    response["Cache-Control"] = f"public, max-age={settings.WELTNETZ_PAGE_MAX_AGE}"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not cacheable_request(request):
            return self.get_response(request)
        base, modified = page_key(request)
        gzip_ok = "gzip" in request.headers.get("Accept-Encoding", "")
        etag = f'"{base}-gz"' if gzip_ok else f'"{base}"'
        wanted = parse_etags(request.headers.get("If-None-Match", ""))
        for variant in (etag, f'"{base}"', "*"):  # a small page is sent uncompressed, under the plain tag
            if variant in wanted:
                return _stamp(HttpResponseNotModified(), etag if variant == "*" else variant, modified)
        reuse = reuse_allowed() and settings.WELTNETZ_PAGE_CACHE_SECONDS > 0
        key = f"weltnetz:page:{base}"
        entry: dict[str, Any] | None = cache.get(key) if reuse else None
        if entry is None:
            response = self.get_response(request)
            if not _storable(request, response):
                return response
            assert isinstance(response, HttpResponse)
            body = response.content
            entry = {
                "headers": [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS],
                "body": body,
                "gz": gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= GZIP_MIN_BYTES else None,
            }
            if reuse and len(body) <= BODY_MAX_BYTES:
                cache.set(key, entry, settings.WELTNETZ_PAGE_CACHE_SECONDS)
        packed = entry["gz"] if gzip_ok else None
        answer = HttpResponse(packed if packed is not None else entry["body"])
        for name, value in entry["headers"]:
            answer[name] = value
        if packed is not None:
            answer["Content-Encoding"] = "gzip"
        else:
            etag = f'"{base}"'
        return _stamp(answer, etag, modified)
