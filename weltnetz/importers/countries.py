"""Country names as twinning lists write them -> ISO 3166 codes (continents: weltnetz.register.countries).

English names go through pycountry; the alias table (data/country_aliases.json) holds the nations of the United
Kingdom, "Georgia (country)" and the odd spellings met in real files. A name that neither knows is reported by the
caller, never guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from weltnetz.register.names import fold

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Country:
    """A resolved country: ISO 3166-1 alpha-2 code and, where the name says so, an ISO 3166-2 subdivision."""

    code: str
    subdivision: str = ""


@cache
def _aliases() -> dict[str, Country]:
    raw = json.loads((DATA_DIR / "country_aliases.json").read_text(encoding="utf-8"))
    return {fold(name): Country(*value) for name, value in raw.items() if not name.startswith("_")}


def _plain(name: str) -> Country | None:
    """One country name without a ", Country" suffix."""
    if not name:
        return None
    if alias := _aliases().get(fold(name)):
        return alias
    if len(name) < 4 and not name.isupper():  # "in", "to": pycountry would take them for codes
        return None
    try:
        return Country(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def _subdivision(name: str, country: str) -> str:
    alias = _aliases().get(fold(name))
    if alias and alias.code == country:
        return alias.subdivision
    try:
        sub = pycountry.subdivisions.lookup(name)
    except LookupError:
        return ""
    return sub.code if sub.country_code == country else ""


@cache
def resolve(name: str) -> Country | None:
    """Resolve a written country ("England", "Brandenburg, Germany", "in Italy") or None when unsure."""
    name = " ".join(name.split())
    if name.lower().startswith("in "):
        name = name[3:]
    if found := _plain(name):
        return found
    if "," in name:
        head, tail = (part.strip() for part in name.rsplit(",", 1))
        if country := _plain(tail):
            return Country(country.code, _subdivision(head, country.code) or country.subdivision)
    return None


def split_place(text: str) -> tuple[str, Country | None]:
    """'Varna, Bulgaria' written in a city column -> ('Varna', BG); otherwise (text, None)."""
    if "," in text:
        head, tail = (part.strip() for part in text.rsplit(",", 1))
        if head and (country := resolve(tail)):
            return head, country
    return text, None
