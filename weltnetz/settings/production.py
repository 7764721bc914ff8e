"""Production: HTTPS only, secrets and hosts from the environment, PostgreSQL via DATABASE_URL."""

from .base import *  # noqa: F403
from .base import required_env

DEBUG = False
# Every app server must have the same key and hosts: from the environment, never generated per machine.
SECRET_KEY = required_env("WELTNETZ_SECRET_KEY")
ALLOWED_HOSTS = required_env("WELTNETZ_ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
