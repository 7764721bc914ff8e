"""Local use: `make run` serves with these settings (SQLite in var/ unless DATABASE_URL is set)."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, generated_secret_key

SECRET_KEY = SECRET_KEY or generated_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # feedback notifications go to the console
