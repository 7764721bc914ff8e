"""Countries as the register keeps them: ISO 3166-1 alpha-2 codes, their continents and their names.

The register stores codes only; names come from CLDR (babel) in the reader's language, continents from
data/continents.json (neither babel nor pycountry carries them). One check of a code serves every writer
(the recording service) and every filter (the portal's lists and the API).
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

import pycountry
from babel import Locale
from django.utils.translation import get_language

DATA = Path(__file__).parent / "data" / "continents.json"
USER_ASSIGNED = {"XK"}  # Kosovo: not in ISO 3166-1, but the code every data set uses


@cache
def _continents() -> dict[str, str]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        code: continent for continent, codes in raw.items() if not continent.startswith("_") for code in codes.split()
    }


def is_country(code: str) -> bool:
    """Whether `code` (upper case) is an ISO 3166-1 alpha-2 code (or Kosovo's XK)."""
    return len(code) == 2 and (code in USER_ASSIGNED or pycountry.countries.get(alpha_2=code) is not None)


def is_subdivision(code: str) -> bool:
    """Whether `code` (upper case) is an ISO 3166-2 subdivision code such as DE-BW."""
    return "-" in code and pycountry.subdivisions.get(code=code) is not None


def continent_of(code: str) -> str:
    """The continent slug (register vocabulary) of an ISO country code, '' when unknown."""
    return _continents().get(code.upper(), "") if code else ""


@lru_cache(maxsize=8)
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def country_name(code: str, language: str | None = None) -> str:
    """The name of country `code` in the given or active language ("JP" -> "Japan"); the code if unknown."""
    if not code:
        return ""
    return _territories((language or get_language() or "de")[:2]).get(code.upper(), code.upper())
