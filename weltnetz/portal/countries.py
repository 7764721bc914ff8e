"""Country names in the visitor's language, from CLDR (babel), so the register stores only ISO codes."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from django.utils.translation import get_language


@lru_cache(maxsize=8)
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def country_name(code: str, language: str | None = None) -> str:
    """The name of ISO 3166-1 country `code` in the given or active language; the code itself if unknown."""
    if not code:
        return ""
    return _territories((language or get_language() or "de")[:2]).get(code.upper(), code.upper())
