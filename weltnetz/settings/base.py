"""Settings shared by every environment; the environment modules only override."""

import datetime as dt
import os
import secrets
import zoneinfo
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Where the embedded database, uploads and collected static files live; one folder to back up.
VAR_DIR = Path(os.environ.get("WELTNETZ_VAR_DIR", BASE_DIR / "var")).resolve()


def generated_secret_key() -> str:
    """A key generated once into VAR_DIR so sessions survive restarts: for one machine only (dev, tests).

    Several app servers must share one key: production takes it from WELTNETZ_SECRET_KEY and nowhere else.
    """
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def required_env(name: str) -> str:
    """A setting the environment must give (production): a clear message instead of a KeyError."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment for the production settings.")
    return value


# From the environment; dev.py and test.py fall back to a generated key, production.py requires it.
SECRET_KEY = os.environ.get("WELTNETZ_SECRET_KEY", "")
DEBUG = os.environ.get("WELTNETZ_DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("WELTNETZ_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "weltnetz.register",
    "weltnetz.search",
    "weltnetz.portal",
    "weltnetz.api",
    "weltnetz.importers",
    "weltnetz.ingest",
    "weltnetz.operations",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",  # serves Swagger UI from its own static files instead of a CDN
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_ratelimit",
    "axes",  # last, as its documentation asks
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "weltnetz.portal.caching.PageCacheMiddleware",  # anonymous pages per data version: ETag, gzip, cache
    "weltnetz.api.middleware.ApiRequestMiddleware",
    "weltnetz.csp.ScopedCSPMiddleware",  # strict CSP; the admin's additions only under /admin/
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a locked-out sign-in with the lockout page
]

# Every sign-in (the admin's, and the front-end one for private documents, which is the admin's) goes through
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one user name from one address, that pair is
# locked for AXES_COOLOFF_TIME; a success resets the count. Attempts are stored in the database (shared by
# every app server) and logged.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("WELTNETZ_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("WELTNETZ_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "weltnetz.operations.security.client_ip"
AXES_LOCKOUT_CALLABLE = "weltnetz.operations.security.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False  # the log still names user and address; no banner on every command
AXES_SENSITIVE_PARAMETERS: list[str] = []  # the log names user and address (never a password): what an operator needs
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"

# Reverse proxies in front of the app servers that append X-Forwarded-For (0: clients connect directly).
WELTNETZ_TRUSTED_PROXIES = int(os.environ.get("WELTNETZ_TRUSTED_PROXIES", "0"))


ROOT_URLCONF = "weltnetz.urls"
WSGI_APPLICATION = "weltnetz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL, the production database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'weltnetz.sqlite3'}",
        # Each worker keeps its connection: opening one (and its PRAGMAs) per request cost more than the query.
        conn_max_age=int(os.environ.get("WELTNETZ_CONN_MAX_AGE", "600")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each worker's connection prepares a statement it has run twice and then only binds and executes it: the
    # answers' queries are few and fixed in shape, and planning them cost as much as running them (a town's
    # twins: 1.9 ms a request with client-side binding, 1.5 ms prepared). Behind PgBouncer in transaction
    # mode before 1.21, set WELTNETZ_PG_PREPARE=0 (a server connection may not hold the statement).
    if _prepare := int(os.environ.get("WELTNETZ_PG_PREPARE", "2")):
        DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": _prepare}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the server's worker processes read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
# Pages (news, legal pages) are translated as Wagtail page trees, one per language (wagtail.contrib.simple_translation);
# the register is one body of facts with German and English fields.
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# Uploads on S3-compatible storage (django-storages) when a bucket is named, so that every app server sees the
# same files; else MEDIA_ROOT on this machine's disk. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY. The bucket stays private: files are reached through signed URLs that expire.
if S3_BUCKET := os.environ.get("WELTNETZ_S3_BUCKET", ""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("WELTNETZ_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("WELTNETZ_S3_REGION") or None,
            "location": os.environ.get("WELTNETZ_S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
        },
    }


def cache_from_url(url: str, *, local_name: str = "weltnetz") -> dict:
    """A CACHES entry from a URL: redis://host:port/db (Django's own Redis backend), locmem://, dummy://,
    file:///folder. Several app servers must share one: a Redis URL."""
    scheme, _sep, rest = url.partition("://")
    if scheme in ("redis", "rediss", "unix"):
        prefix = os.environ.get("WELTNETZ_CACHE_PREFIX", "weltnetz")  # several instances on one Redis
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": rest or local_name,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if scheme == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"WELTNETZ_CACHE_URL: unknown scheme {scheme!r} (redis://, locmem://, file://, dummy://)"
    )


# One Redis shared by every app server (WELTNETZ_CACHE_URL=redis://host:6379/0), else this process's memory.
# Answers are cached under the data version kept in the database, so a per-process cache is never stale, only
# less shared. Rate-limit counters must be shared by every worker: the same Redis, else a folder in VAR_DIR
# (all workers of this one machine).
CACHE_URL = os.environ.get("WELTNETZ_CACHE_URL", "")
CACHES = {
    "default": cache_from_url(CACHE_URL or "locmem://"),
    "counters": cache_from_url(CACHE_URL or f"file://{VAR_DIR / 'counters'}"),
}
RATELIMIT_USE_CACHE = "counters"
# django-ratelimit names memcached and django-redis; Django's own Redis backend increments atomically too. The
# file cache of the single-machine setup does not: a burst of parallel posts may get one or two more through.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]

# The accessibility feedback form: where notifications go, and its limits against abuse.
WELTNETZ_FEEDBACK_EMAIL = os.environ.get("WELTNETZ_FEEDBACK_EMAIL", "")
WELTNETZ_FEEDBACK_PER_HOUR = int(os.environ.get("WELTNETZ_FEEDBACK_PER_HOUR", "10"))  # posts per client and hour
WELTNETZ_FEEDBACK_MAX_CHARS = 5000  # per text field; a line is at most 255
WELTNETZ_FEEDBACK_MAX_BYTES = 64 * 1024  # a whole post; larger ones are refused before they are read
DEFAULT_FROM_EMAIL = os.environ.get("WELTNETZ_FROM_EMAIL", "weltnetz@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("WELTNETZ_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("WELTNETZ_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("WELTNETZ_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("WELTNETZ_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("WELTNETZ_SMTP_TLS", "") == "1"

# Wagtail
WAGTAIL_SITE_NAME = "weltnetz"
WAGTAILADMIN_BASE_URL = os.environ.get("WELTNETZ_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from a third-party host
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call out to wagtail.org
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_FINDERS: list[dict[str, str]] = []  # embeds would fetch from third parties
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx"]
# Documents are streamed through Wagtail's view, which enforces their collection's privacy (register/documents.py);
# on S3 the view checks first and then redirects to a short-lived signed URL.
WAGTAILDOCS_SERVE_METHOD = "redirect" if S3_BUCKET else "serve_view"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The editors' time zone choices: the IANA zones, without the system's aliases ("localtime", "Factory") that the
# admin's account page cannot show (browsers reject them and its time zone list stops working).
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})

# How long rendered API answers are reused while the register is unchanged (0: build every answer afresh).
WELTNETZ_API_CACHE_SECONDS = int(os.environ.get("WELTNETZ_API_CACHE_SECONDS", "600"))
# Portal pages rendered for anonymous visitors, reused while the data version and the day are the same
# (portal/caching.py; 0: render every page afresh), and how long a browser or proxy may keep one without asking
# again (0: it stores the page and revalidates it with its ETag each time, so an edit shows at once).
WELTNETZ_PAGE_CACHE_SECONDS = int(os.environ.get("WELTNETZ_PAGE_CACHE_SECONDS", "600"))
WELTNETZ_PAGE_MAX_AGE = int(os.environ.get("WELTNETZ_PAGE_MAX_AGE", "0"))

# The home region: whose international relations this instance keeps.
WELTNETZ_HOME_REGION = os.environ.get("WELTNETZ_HOME_REGION", "baden-wuerttemberg")
# The editors' anniversary planner: round anniversaries from the FIRST year on, every EVERY years.
WELTNETZ_ANNIVERSARY_FIRST = int(os.environ.get("WELTNETZ_ANNIVERSARY_FIRST", "10"))
WELTNETZ_ANNIVERSARY_EVERY = int(os.environ.get("WELTNETZ_ANNIVERSARY_EVERY", "5"))
# The news articles' page model (weltnetz.register.news): the API, feeds and search ask for it by this name.
WELTNETZ_NEWS_MODEL = "portal.NewsPage"

# Open data: the licence (a key of weltnetz.register.opendata.LICENCES), who publishes it and whom to ask,
# and the region it covers as DCAT-AP.de's political geocoding (state key 08: Baden-Württemberg).
WELTNETZ_DATA_LICENCE = os.environ.get("WELTNETZ_DATA_LICENCE", "dl-de/by-2-0")
WELTNETZ_PUBLISHER_NAME = os.environ.get("WELTNETZ_PUBLISHER_NAME", "Staatsministerium Baden-Württemberg")
WELTNETZ_PUBLISHER_URL = os.environ.get("WELTNETZ_PUBLISHER_URL", "https://stm.baden-wuerttemberg.de/")
WELTNETZ_CONTACT_EMAIL = os.environ.get("WELTNETZ_CONTACT_EMAIL", "poststelle@stm.bwl.de")
# GovData's identifier of the contributing portal (dcatde:contributorID, from the vocabulary at
# http://dcat-ap.de/def/contributors/); GovData assigns it when a publisher registers, so it is empty until then.
WELTNETZ_DCAT_CONTRIBUTOR_ID = os.environ.get("WELTNETZ_DCAT_CONTRIBUTOR_ID", "")
WELTNETZ_POLITICAL_GEOCODING_URI = os.environ.get(
    "WELTNETZ_POLITICAL_GEOCODING_URI", "http://dcat-ap.de/def/politicalGeocoding/stateKey/08"
)

# Security headers that hold in every environment; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN on themselves
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # Leaflet and the Wagtail admin set inline styles
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Added to the policy for the Wagtail admin's pages only (weltnetz/csp.py): its panels, choosers and date
# pickers are set up by inline scripts without nonces.
WELTNETZ_ADMIN_CSP_UPDATE = {"script-src": ["'unsafe-inline'"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WELTNETZ_LOG_LEVEL", "WARNING")},
    # Every failed sign-in (INFO) and every lockout (WARNING), with user name and address.
    "loggers": {"axes": {"level": "INFO"}},
}
