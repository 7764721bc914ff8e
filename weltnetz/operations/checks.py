"""Deployment checks (`weltnetz check --deploy`): settings that must not differ between app servers."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core import checks


def _shared_database() -> bool:
    """PostgreSQL: the database that several app servers can share (SQLite is one machine's file)."""
    return settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"


@checks.register(checks.Tags.security, deploy=True)
def check_multi_server_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    messages: list[checks.CheckMessage] = []
    if not _shared_database():
        return messages
    if not os.environ.get("WELTNETZ_SECRET_KEY"):
        messages.append(
            checks.Warning(
                "The secret key was generated on this machine, but the database can be shared by several app "
                "servers: their sessions and signed links would not be valid on each other.",
                hint="Set the same WELTNETZ_SECRET_KEY on every app server.",
                id="weltnetz.W001",
            )
        )
    if "redis" not in settings.CACHES["counters"]["BACKEND"].lower():
        messages.append(
            checks.Warning(
                "The rate-limit counters and cached answers are kept per machine, but the database can be "
                "shared by several app servers: each would allow the full rate on its own.",
                hint="Set WELTNETZ_CACHE_URL=redis://host:6379/0 on every app server (one Redis for all).",
                id="weltnetz.W002",
            )
        )
    if "FileSystemStorage" in settings.STORAGES["default"]["BACKEND"]:
        messages.append(
            checks.Info(
                "Uploads are stored on this machine's disk: several app servers need a shared folder or "
                "S3-compatible storage (WELTNETZ_S3_BUCKET).",
                id="weltnetz.I001",
            )
        )
    return messages


@checks.register(checks.Tags.security)
def check_document_serving(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Documents must go through Wagtail's view, which enforces collection privacy; never straight from storage."""
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        return [
            checks.Error(
                "WAGTAILDOCS_SERVE_METHOD = 'direct' links documents straight to storage, past their privacy.",
                hint="Use 'serve_view' (or 'redirect' for S3 with signed URLs).",
                id="weltnetz.E001",
            )
        ]
    return []
