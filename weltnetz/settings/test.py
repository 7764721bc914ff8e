"""Fast settings for the test suite; the database still comes from DATABASE_URL (SQLite or PostgreSQL)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("WELTNETZ_SECRET_KEY", "test-only-not-secret")

from .base import *  # noqa: E402,F403
from .base import DATABASES, cache_from_url  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A fresh folder per process, unless a test's subprocess is given one (backup and restore tests).
MEDIA_ROOT = Path(os.environ.get("WELTNETZ_MEDIA_ROOT") or tempfile.mkdtemp(prefix="weltnetz-media-"))
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}  # in memory

# Each test process has its own memory cache, unless WELTNETZ_CACHE_URL names one (the servers that the
# multi-server test starts share a Redis).
if not os.environ.get("WELTNETZ_CACHE_URL"):
    CACHES = {"default": cache_from_url("locmem://"), "counters": cache_from_url("locmem://counters")}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
