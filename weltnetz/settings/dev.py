"""Local use: `make run` serves with these settings (SQLite in var/ unless DATABASE_URL is set)."""

from .base import *  # noqa: F403
