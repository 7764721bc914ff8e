"""The register's data version: a cheap token that changes when the data does.

The version is a digest of row counts and the latest change times of the register and the pages; it is
computed at most every few seconds per process (and dropped at once when this process saves a record), so
ETags change when the data does, and rendered lists, facets and exports are reused until then. The API and
the portal both read it from here, so neither imports the other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q

VERSION_KEY = "weltnetz:api:version"
VERSION_SECONDS = 5  # how stale an ETag may be after another process changed the data
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _compute_version() -> tuple[str, float]:
    from wagtail.models import Page, Revision

    from .models import Actor, Agreement, Relation, RelationCitation, StatusChange, Topic

    rel = Relation.objects.aggregate(n=Count("id"), m=Max("updated_at"), live=Count("id", filter=Q(live=True)))
    rev = Revision.objects.aggregate(n=Count("id"), m=Max("created_at"))
    pages = Page.objects.aggregate(n=Count("id"), m=Max("last_published_at"))
    parts = [
        rel,
        rev,
        pages,
        Actor.objects.aggregate(n=Count("id"), m=Max("id")),
        Agreement.objects.count(),
        StatusChange.objects.aggregate(n=Count("id"), m=Max("id")),
        RelationCitation.objects.count(),
        Topic.objects.count(),
    ]
    stamps = [d["m"] for d in (rel, rev, pages) if d.get("m")]
    modified = max([EPOCH, *stamps])
    token = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:16]
    return token, modified.timestamp()


def reuse_allowed() -> bool:
    """Whether cached versions and bodies may be used: not inside a transaction, which may yet roll back.

    Requests run outside transactions; tests run inside one that rolls back, and a version memoised there
    would outlive the data it describes.
    """
    return not connection.in_atomic_block


def register_version() -> tuple[str, float]:
    """(token, last-modified timestamp) of the register as it is now, cached for a few seconds."""
    if not reuse_allowed():
        return _compute_version()
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _compute_version()
        cache.set(VERSION_KEY, version, VERSION_SECONDS)
    return version


def forget_version(*args: Any, **kwargs: Any) -> None:
    """Signal receiver: a record changed in this process, so the next request recomputes the version."""
    cache.delete(VERSION_KEY)


def connect_signals() -> None:
    """Drop this process's cached version whenever a record or page is saved or deleted."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(forget_version, dispatch_uid=f"weltnetz-api-version-{signal!r}")
