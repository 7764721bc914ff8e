"""Settings for several app servers: nothing that must be shared is silently made up per machine."""

from ops_helpers import run_weltnetz, weltnetz_env

PRODUCTION = "weltnetz.settings.production"
SHOW = (
    "from django.conf import settings as s; from django.core.files.storage import storages; d = storages['default']; "
    "print(type(d).__name__, d.default_acl, d.querystring_auth, s.WAGTAILDOCS_SERVE_METHOD, "
    "s.CACHES['default']['BACKEND'], s.CACHES['counters']['BACKEND'])"
)


def env(tmp_path, **extra):
    """A machine's environment with only what the test names (no secret key unless given)."""
    base = weltnetz_env(tmp_path, "sqlite:///" + str(tmp_path / "db.sqlite3"))
    base.pop("WELTNETZ_SECRET_KEY")
    return {**base, **extra}


def test_production_refuses_to_start_without_the_secret_key(tmp_path):
    result = run_weltnetz(
        "check",
        env=env(tmp_path, DJANGO_SETTINGS_MODULE=PRODUCTION, WELTNETZ_ALLOWED_HOSTS="weltnetz.example.org"),
        check=False,
    )
    assert result.returncode != 0
    assert "WELTNETZ_SECRET_KEY must be set in the environment" in result.stderr
    assert not (tmp_path / "secret_key").exists()  # and no key was generated on this machine


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run_weltnetz(
        "check", env=env(tmp_path, DJANGO_SETTINGS_MODULE=PRODUCTION, WELTNETZ_SECRET_KEY="k" * 50), check=False
    )
    assert result.returncode != 0 and "WELTNETZ_ALLOWED_HOSTS must be set" in result.stderr


def test_a_shared_database_without_shared_secret_and_cache_is_reported(tmp_path):
    settings = env(tmp_path, DJANGO_SETTINGS_MODULE="weltnetz.settings.dev")
    settings["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/postgres"
    result = run_weltnetz("check", "--deploy", env=settings, check=False)
    assert "weltnetz.W001" in result.stderr and "weltnetz.W002" in result.stderr


def test_s3_storage_and_redis_cache_from_the_environment(tmp_path):
    result = run_weltnetz(
        "shell",
        "-v0",
        "-c",
        SHOW,
        env=env(
            tmp_path,
            DJANGO_SETTINGS_MODULE="weltnetz.settings.dev",
            WELTNETZ_S3_BUCKET="weltnetz-media",
            WELTNETZ_S3_ENDPOINT_URL="http://127.0.0.1:9",
            WELTNETZ_CACHE_URL="redis://127.0.0.1:6379/6",
        ),
    )
    assert result.stdout.split() == [
        "S3Storage",
        "private",
        "True",
        "redirect",  # Wagtail checks the document's privacy, then redirects to a signed URL that expires
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_local_disk_and_memory_by_default(tmp_path):
    settings = env(tmp_path, DJANGO_SETTINGS_MODULE="weltnetz.settings.dev")
    result = run_weltnetz("shell", "-v0", "-c", SHOW.replace("d.default_acl, d.querystring_auth, ", ""), env=settings)
    assert result.stdout.split() == [
        "FileSystemStorage",
        "serve_view",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    ]


def test_an_unknown_cache_url_is_refused_with_the_reason(tmp_path):
    result = run_weltnetz("check", env=env(tmp_path, WELTNETZ_CACHE_URL="memcache://x"), check=False)
    assert result.returncode != 0 and "WELTNETZ_CACHE_URL: unknown scheme 'memcache'" in result.stderr
