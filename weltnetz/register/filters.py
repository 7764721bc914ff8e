"""The one check of filter values for lists of relations: the API, the portal's list and the twinnings list use it.

Each function takes what a visitor typed (a comma-separated string, or None for "not given"; an empty string is
an empty item, which the API refuses: the portal passes None for an empty field) and returns the
clean values, or raises `InvalidFilter` naming the field, the reason (translatable; the API answers in English)
and the HTTP status: 400 for a malformed value, 404 for a well-formed reference to nothing (a country code ISO
3166-1 does not know). The querysets in `querysets.py` then apply the values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pycountry
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, gettext_noop

from .vocab import Continent, RelationKind, Status, TwinningCategory

COUNTRY_LIST = r"^[A-Za-z]{2}(?:,[A-Za-z]{2})*$"
# Which relations: the home region's own (what the portal shows by default), the town twinnings, or both.
SCOPE_REGION, SCOPE_TWINNINGS, SCOPE_ALL = "region", "twinnings", "all"
SCOPES = (SCOPE_REGION, SCOPE_TWINNINGS, SCOPE_ALL)
STATE_PATTERN = r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$"


class InvalidFilter(ValueError):
    """A filter value the register cannot use: `field`, `reason` (lazily translated) and the HTTP `status`."""

    def __init__(self, field: str, reason: str | Promise, status: int = 400):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason, self.status = field, reason, status


def _reason(message: str, **params: str) -> str:
    """The message translated when it is shown (the API shows it in English, the portal in the visitor's language)."""
    return lazy(lambda: gettext(message) % params, str)()


def clean_text(value: str) -> str:
    """Drop NUL and other control characters that databases refuse in query strings."""
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n").strip()


def choices(field: str, value: str | None, allowed: Sequence[str]) -> list[str]:
    """Comma-separated values, each exactly one of `allowed`."""
    if value is None:
        return []
    items = value.split(",")
    for item in items:
        if item not in allowed:
            expected = ", ".join(allowed)
            if item:
                message = gettext_noop("unknown value '%(value)s'; expected one of: %(expected)s")
                raise InvalidFilter(field, _reason(message, value=item[:80], expected=expected))
            message = gettext_noop("an empty item; expected one of: %(expected)s")
            raise InvalidFilter(field, _reason(message, expected=expected))
    return items


def kinds(value: str | None, field: str = "kind") -> list[str]:
    return choices(field, value, RelationKind.values)


def statuses(value: str | None, field: str = "status") -> list[str]:
    return choices(field, value, Status.values)


def continents(value: str | None, field: str = "continent") -> list[str]:
    return choices(field, value, Continent.values)


def categories(value: str | None, field: str = "category") -> list[str]:
    return choices(field, value, TwinningCategory.values)


def scope(value: str | None, field: str = "scope") -> str | None:
    """One of SCOPES (see RelationQuerySet.in_scope)."""
    if value is None:
        return None
    if value not in SCOPES:
        message = gettext_noop("unknown value '%(value)s'; expected one of: %(expected)s")
        raise InvalidFilter(field, _reason(message, value=value[:80], expected=", ".join(SCOPES)))
    return value


def countries(value: str | None, field: str = "country") -> list[str]:
    """ISO 3166-1 alpha-2 codes, upper case: malformed ones are refused (400), unknown ones not found (404)."""
    if value is None:
        return []
    if not re.fullmatch(COUNTRY_LIST, value):
        message = gettext_noop("'%(value)s' is not a list of two-letter ISO 3166-1 codes such as FR or FR,IT")
        raise InvalidFilter(field, _reason(message, value=value[:80]))
    items = value.upper().split(",")
    for item in items:
        if pycountry.countries.get(alpha_2=item) is None:
            message = gettext_noop("unknown country '%(value)s'; expected an ISO 3166-1 alpha-2 code such as FR")
            raise InvalidFilter(field, _reason(message, value=item), 404)
    return items


def state(value: str | None, field: str = "state") -> str | None:
    """An ISO 3166-2 subdivision code, upper case (DE-BW): malformed 400, unknown 404."""
    if value is None:
        return None
    if not re.fullmatch(STATE_PATTERN, value):
        message = gettext_noop("'%(value)s' is not an ISO 3166-2 code such as DE-BW")
        raise InvalidFilter(field, _reason(message, value=value[:80]))
    code = value.upper()
    if pycountry.subdivisions.get(code=code) is None:
        message = gettext_noop("unknown subdivision '%(value)s'; expected an ISO 3166-2 code such as DE-BW")
        raise InvalidFilter(field, _reason(message, value=code), 404)
    return code
