"""Client addresses behind proxies, and the answer to a locked-out sign-in.

Behind N reverse proxies (WELTNETZ_TRUSTED_PROXIES=N), the address is the N-th entry from the right of
X-Forwarded-For: each trusted proxy appends the address it received the request from, and whatever a client
writes into the header itself stands further left, where it is ignored. Without proxies it is REMOTE_ADDR.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None when the request has none (a test client's force_login, say)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.WELTNETZ_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote  # not through the expected proxies: the connection's own address
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote  # not an address: never let a header put anything else into the logs and counters


def ratelimit_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit key function: the client's address."""
    return client_ip(request) or "unknown"


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes: the page a locked-out sign-in gets (429), in the visitor's language, saying for how long."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "operations/lockout.html", context, status=429)
