"""Places and networks with German names, built offline from pycountry, babel and small data files.

Countries and first-level subdivisions come from pycountry (with its German gettext catalogues) and
babel's German territory names; cities from a twin-town list; German exonyms, nationality adjectives
and network names from the TSV files beside this module. The Django app adds the register's own
names with :meth:`Gazetteer.extend`. Nothing is fetched at run time.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")

_FOLD_PUNCT = re.compile(r"[\s\-‐–—_.'’‘`\"„“”«»‹›/,()]+")


def fold(name: str | None) -> str:
    """Fold case, diacritics, hyphens, quotes and spacing, exactly as the FACTS.md scorer does."""
    if not name:
        return ""
    if name.isascii():
        return _FOLD_PUNCT.sub(" ", name.lower()).strip()
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "l").lower()
    return _FOLD_PUNCT.sub(" ", text).strip()


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """:func:`fold` for single words, cached: prose repeats its words."""
    return fold(word)


# The country of the document's home region: places of that country are domestic (no relations with
# them). Set by the pipeline for each document from the publisher; Germany by default.
HOME_COUNTRY: ContextVar[str] = ContextVar("HOME_COUNTRY", default="DE")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a name and what it denotes."""

    name: str
    country: str | None  # ISO 3166-1 alpha-2; None for networks
    type: str  # country | region | city | network
    weight: int = 1

    @property
    def domestic(self) -> bool:
        return self.country == HOME_COUNTRY.get()


# Subdivision names that are ordinary German or English words; they would match prose.
_STOP_NAMES = {
    "centre",
    "center",
    "central",
    "nord",
    "sud",
    "süd",
    "ost",
    "west",
    "mitte",
    "zentrum",
    "capital",
    "north",
    "south",
    "east",
    "land",
    "stadt",
    "region",
    "est",
    "western",
    "eastern",
    "northern",
    "southern",
    "la",
    "le",
    "san",
    "santa",
    "saint",
    "bay",
    "grand",
    "alba",
    "valle",
    "bar",
    "lima",
    "as",
    "at",
    "au",
    "ba",
    "ma",
    "na",
    "be",
    "bo",
    "co",
    "de",
    "da",
    "do",
    "ga",
    "ha",
    "ja",
    "ka",
    "ki",
    "li",
    "lo",
    "mo",
    "mu",
    "ni",
    "no",
    "or",
    "pa",
    "po",
    "ra",
    "ro",
    "sa",
    "so",
    "ta",
    "to",
    "va",
    "hoch",
    "ober",
    "unter",
    "neu",
    "alt",
    "freistaat",  # in German prose the Freistaat is Bayern, Sachsen or Thüringen, not South Africa's Free State
}
_COMPASS = re.compile(r"(?:nord|süd|ost|west|mittel|zentral)(?:ost|west)?-?")
_SUFFIXES = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu|Zizhizhou)$")


def _variants(name: str) -> list[str]:
    """Names as written in pycountry ("Catalunya [Cataluña]", "Liaoning Sheng") and their plain forms."""
    out = []
    for part in re.split(r"\s*\[|\]\s*|\s*;\s*", name):
        part = part.strip()
        if part:
            out.append(part)
            short = _SUFFIXES.sub("", part)
            if short != part:
                out.append(short)
            if part.endswith(("-do", "-to")) and len(part) > 6:  # Korean provinces: "Gyeonggi-do" is "Gyeonggi"
                out.append(part[:-3])
    return out


def _read_tsv(name: str) -> Iterable[list[str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


class Gazetteer:
    """Lookup of folded names to places; countries and regions are scanned in prose, cities on demand."""

    def __init__(self) -> None:
        self.scan: dict[str, list[Place]] = {}  # countries, regions, networks: found anywhere
        self.cities: dict[str, list[Place]] = {}  # looked up where a pattern expects a town
        self.adjectives: list[tuple[str, str]] = []
        self.max_tokens = 1
        self.first_tokens: set[str] = set()  # first folded word of every scanned name: a fast pre-check
        self.country_names: dict[str, str] = {}  # ISO code -> the country's German name
        self.base_forms: dict[str, str] = {}  # folded inflected name -> its nominative ("Tschechischen Republik")

    # -- building ---------------------------------------------------------------------------------
    def add(self, name: str, country: str | None, type_: str, weight: int = 1, canonical: str | None = None) -> None:
        """Add one name; ``canonical`` is the place's own name where ``name`` is an alias of it."""
        key = fold(name)
        if not key or key in _STOP_NAMES or (len(key) < 3 and not name.isupper()):
            return
        table = self.cities if type_ == "city" else self.scan
        entries = table.setdefault(key, [])
        place = Place(canonical or name, country, type_, weight)
        if place not in entries:
            entries.append(place)
            entries.sort(key=lambda p: -p.weight)
        self.max_tokens = max(self.max_tokens, key.count(" ") + 1)
        if table is self.scan:
            self.first_tokens.add(key.split(" ", 1)[0])

    def add_declined(self, name: str, country: str | None, type_: str, weight: int = 1) -> None:
        """Add a name and, where it opens with an adjective ("Tschechische Republik", "Vereinigtes Königreich",
        "Internationale Bodensee-Konferenz"), its form after an article ("der Tschechischen Republik"), which
        documents report in the nominative."""
        self.add(name, country, type_, weight)
        first, _, rest = name.partition(" ")
        if not rest or not first[:1].isupper():
            return
        stem = first[:-2] if first.endswith("es") else first[:-1] if first.endswith("e") else None
        if stem and stem[-1:].islower():
            declined = f"{stem}en {rest}"
            self.add(declined, country, type_, weight)
            self.base_forms[fold(declined)] = name

    def extend(self, names: Iterable[tuple[str, str | None, str]]) -> None:
        """Add names of the caller's own: an iterable of (name, country code or None, type)."""
        for name, country, type_ in names:
            self.add(name, country, type_, weight=50)

    def copy(self) -> Gazetteer:
        """A copy that can be extended without changing this one."""
        new = Gazetteer()
        new.scan = {k: list(v) for k, v in self.scan.items()}
        new.cities = {k: list(v) for k, v in self.cities.items()}
        new.adjectives = list(self.adjectives)
        new.max_tokens = self.max_tokens
        new.first_tokens = set(self.first_tokens)
        new.country_names = dict(self.country_names)
        new.base_forms = dict(self.base_forms)
        return new

    def lookup(self, name: str, *, cities: bool = False) -> Place | None:
        """The best place for a name (countries and regions first, then cities where asked)."""
        key = fold(name)
        found = self.scan.get(key)
        if found:
            return found[0]
        if cities:
            found = self.cities.get(key)
            if found:
                return found[0]
        return None

    def country(self, code: str | None) -> Place | None:
        """The country with ISO code ``code`` under its German name ("PL" -> Polen), or None."""
        name = self.country_names.get(code or "")
        return Place(name, code, "country") if name else None

    def adjective_country(self, word: str) -> str | None:
        """ISO code for a nationality adjective in any inflection ("japanischen" -> "JP")."""
        low = word.lower()
        for stem, code in self.adjectives:
            if low.startswith(stem) and low[len(stem) :] in ("", "e", "en", "er", "es", "em"):
                return code
        compass = _COMPASS.match(low)  # "nordfranzösischen", "südost-polnische"
        if compass and len(low) > compass.end() + 3:
            return self.adjective_country(low[compass.end() :])
        return None


PLACE_KINDS = ("country", "region", "city", "network")


@dataclass(frozen=True, slots=True)
class ExtraPlace:
    """A place the caller knows and the built-in gazetteer may not: the register's towns, regions, networks.

    ``kind`` is one of ``country``, ``region``, ``city`` (a municipality) or ``network``; ``country`` is the
    ISO 3166-1 alpha-2 code (``None`` for a network). The name and each alias are recognised as this one
    place, so all spellings in a document make one relation (reported as the document writes it).
    """

    name: str
    country: str | None
    kind: str
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in PLACE_KINDS:
            raise ValueError(f"ExtraPlace {self.name!r}: kind {self.kind!r} is not one of {', '.join(PLACE_KINDS)}")
        if self.country is not None and not (len(self.country) == 2 and self.country.isalpha()):
            raise ValueError(f"ExtraPlace {self.name!r}: country {self.country!r} is not an ISO 3166-1 alpha-2 code")


_WITH_EXTRA: dict[tuple[int, int], tuple[object, Gazetteer]] = {}


def with_extra_places(base: Gazetteer, places: Sequence[ExtraPlace]) -> Gazetteer:
    """``base`` plus the caller's places (see :class:`weltnetz_extract.ExtraPlace`): each name and alias is
    recognised as that place, so all spellings make one relation. Cached for the last few place lists by
    identity, so a caller passing the same tuple for every document builds the combined gazetteer once."""
    key = (id(base), id(places))
    hit = _WITH_EXTRA.get(key)
    if hit is not None and hit[0] is places:
        return hit[1]
    gaz = base.copy()
    for place in places:
        for alias in (place.name, *place.aliases):
            gaz.add(alias, place.country, place.kind, weight=50, canonical=place.name)
    if len(_WITH_EXTRA) >= 4:
        _WITH_EXTRA.clear()
    _WITH_EXTRA[key] = (places, gaz)
    return gaz


def _german(domain: str) -> gettext.NullTranslations:
    import pycountry

    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["de"])
    except OSError:
        return gettext.NullTranslations()


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built once per process (about 0.3 s)."""
    import pycountry
    from babel import Locale

    gaz = Gazetteer()
    de1, de2 = _german("iso3166-1"), _german("iso3166-2")
    for c in pycountry.countries:
        code = c.alpha_2
        official = getattr(c, "official_name", None)
        names = dict.fromkeys(  # ordered: German first
            [de1.gettext(c.name), getattr(c, "common_name", c.name), c.name]
            + ([de1.gettext(official), official] if official else [])
        )
        gaz.country_names.setdefault(code, next(iter(names)))
        for name in names:
            for v in _variants(name):
                if "," not in v:
                    gaz.add_declined(v, code, "country", 20)
    for code, name in Locale("de").territories.items():
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "ZZ"):
            gaz.add(name, code, "country", 30)
            gaz.country_names[code] = name  # babel's German name is the one German prose uses
    for code, name in Locale("en").territories.items():  # English short names: "Russia", "Czechia", "South Korea"
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "ZZ") and "(" not in name:
            if gaz.lookup(name) is None:
                gaz.add(name, code, "country", 20)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue  # only first-level units; deeper ones are mostly districts named like common words
        code = s.country_code
        for name in dict.fromkeys([s.name, de2.gettext(s.name)]):
            for v in _variants(name):
                gaz.add_declined(v, code, "city" if "city" in s.type.lower() and code != "RU" else "region", 5)
    for row in _read_tsv("exonyms.tsv"):
        gaz.add_declined(row[0], row[1], row[2], 40)
    for row in _read_tsv("cities.tsv"):
        gaz.add(row[0], row[1], "city", int(row[2]))
    for row in _read_tsv("networks.tsv"):
        for alias in row[0].split("|"):
            gaz.add_declined(alias, None, "network", 60)
    gaz.adjectives = sorted(((r[0], r[1]) for r in _read_tsv("nationalities.tsv")), key=lambda x: -len(x[0]))
    return gaz
