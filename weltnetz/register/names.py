"""Names of actors: one fold, one slug, and one index of the register's actors by name and country.

Every adapter that turns a written name into an actor goes through here: the twin-town importer (towns by
name, country and distance), ingest's review queue (partners as press releases write them) and the register
gazetteer that ingest hands to the extractor. The extractor keeps a fold of its own (it is a library without
Django, scored against FACTS.md), so do not import it here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import models
from django.utils.text import slugify

from .models import Actor

KEY_LENGTH = 200  # Actor.name_key's max_length
SLUG_LENGTH = 150  # leaves room for "-2", "-3" under Actor.slug's 160


@lru_cache(maxsize=16_384)  # names recur within a few rows of a twin-town file; bounded (50,000 held 11 MiB)
def fold(text: str) -> str:
    """A lookup key for names: case, diacritics, hyphens and spacing folded ("Łódzkie" == "lodzkie")."""
    if text.isascii():  # nothing to decompose (most names in a twin-town file): the same result, 10 times faster
        text = text.casefold()
    else:
        text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ß", "ss"))
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    for ch in "-‐–—_'’\".,()/":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def name_key(name: str) -> str:
    """The value stored in Actor.name_key (the folded name, cut to the column's length)."""
    return fold(name)[:KEY_LENGTH]


def slug_base(text: str, fallback: str = "actor") -> str:
    """A URL slug for a name ("Łódź" -> "lodz", "Straße" -> "strasse")."""
    return (slugify(text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L")) or fallback)[:SLUG_LENGTH]


def unique_slug(text: str, model: type[models.Model] = Actor, taken: set[str] | None = None) -> str:
    """`slug_base(text)`, numbered ("-2", "-3") until no row of `model` (and nothing in `taken`) has it.

    Bulk callers pass `taken` (every slug already in use, kept up to date here) to avoid a query per name.
    """
    return numbered_slug(slug_base(text), model, taken)


def numbered_slug(base: str, model: type[models.Model] = Actor, taken: set[str] | None = None) -> str:
    """`base` (a slug_base), numbered ("-2", "-3") until no row of `model` (and nothing in `taken`) has it."""
    slug, n = base, 1
    while (slug in taken) if taken is not None else model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    if taken is not None:
        taken.add(slug)
    return slug


# Words documents put before a name that the register keeps bare ("Präfektur Kanagawa" -> "Kanagawa").
_PREFIXES = re.compile(
    r"^(?:der |die |das |dem |den )?(?:japanische |chinesische |indische |kanadische |polnische )?"
    r"(?:präfektur|provinz|partnerprovinz|partnerregion|region|bundesstaat|staat|woiwodschaft|oblast|gebiet|"
    r"stadt|gemeinde|landkreis|kreis|kanton|departement|département|republik)\s+",
    re.IGNORECASE,
)


def bare(name: str) -> str:
    """The name without a leading "Präfektur", "Provinz", "Stadt" ... as the register keeps it."""
    return _PREFIXES.sub("", name.strip())


@dataclass(slots=True)
class Named:
    """One actor as the index knows it (pk None: a place an importer is about to create)."""

    name: str
    country: str
    kind: str = ""
    pk: int | None = None
    subdivision: str = ""
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def actors_named(kinds: Iterable[str] | None = None) -> Iterator[Named]:
    """The register's actors (of some kinds only, when given) with their other spellings, in one streamed query."""
    rows = Actor.objects.order_by("pk")
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    columns = ("pk", "name", "name_en", "aliases", "country_code", "kind", "subdivision_code")
    for pk, name, name_en, aliases, country, kind, sub, lat, lon in rows.values_list(
        *columns, "latitude", "longitude"
    ).iterator(chunk_size=5000):
        others = [n for n in dict.fromkeys([name_en, *(aliases or [])]) if n and n != name]
        yield Named(name, country, kind, pk, sub, lat, lon, others)


class NameIndex:
    """Actors by folded name (every spelling) with their country, for matching the names files and documents use.

    `find` answers the review queue and ingest ("Präfektur Kanagawa" in JP); `candidates` gives an importer
    every entry of one name in one country to choose among by distance; `gazetteer_names` feeds the extractor.
    """

    def __init__(self) -> None:
        self.entries: list[Named] = []
        self.by_key: dict[str, list[int]] = {}

    @classmethod
    def of_actors(cls, kinds: Iterable[str] | None = None) -> NameIndex:
        """The index of the register's actors (of some kinds only, when given), read in one streamed query."""
        index = cls()
        index.load_actors(kinds)
        return index

    def load_actors(self, kinds: Iterable[str] | None = None) -> None:
        """Add the register's actors (of some kinds only, when given)."""
        for entry in actors_named(kinds):
            self.add(entry)

    def add(self, entry: Named, *keys: str) -> int:
        """Add an entry under its names (and extra folded keys); returns its position."""
        i = len(self.entries)
        self.entries.append(entry)
        for key in {*(fold(n) for n in entry.names if n), *keys}:
            self.add_key(key, i)
        return i

    def add_key(self, key: str, i: int) -> None:
        """Let entry `i` also be found under the folded `key` (another spelling met on the way)."""
        positions = self.by_key.setdefault(key, [])
        if i not in positions:
            positions.append(i)

    def candidates(self, key: str, country: str) -> list[int]:
        """Positions of the entries called `key` (folded) in `country`."""
        return [i for i in self.by_key.get(key, ()) if self.entries[i].country == country]

    def find_id(self, name: str | None, country: str | None = None) -> int | None:
        """The actor a name denotes (preferring one in `country`), trying the bare name without "Provinz" etc.

        A name known only in other countries denotes a different place: None. Entries without a country
        (networks) match any country.
        """
        if not name or not name.strip():
            return None
        wanted = (country or "").upper()
        for candidate in dict.fromkeys([name, bare(name)]):
            positions = [i for i in self.by_key.get(fold(candidate), ()) if self.entries[i].pk is not None]
            if not positions:
                continue
            if wanted:
                for i in positions:
                    if self.entries[i].country == wanted:
                        return self.entries[i].pk
                if all(self.entries[i].country for i in positions):
                    continue
            return self.entries[positions[0]].pk
        return None

    def find(self, name: str | None, country: str | None = None) -> Actor | None:
        pk = self.find_id(name, country)
        return Actor.objects.get(pk=pk) if pk else None

    def add_actor(self, actor: Actor) -> None:
        """Index an actor just created, so the next name in the same run finds it."""
        others = [n for n in [actor.name_en, *actor.aliases] if n and n != actor.name]
        self.add(
            Named(
                actor.name,
                actor.country_code,
                actor.kind,
                actor.pk,
                actor.subdivision_code,
                actor.latitude,
                actor.longitude,
                others,
            )
        )

    def gazetteer_names(self, kinds: dict[str, str]) -> Iterator[tuple[str, str | None, str]]:
        """(name, country or None, gazetteer type) for every spelling of the actors of `kinds` (actor kind -> type)."""
        for entry in self.entries:
            type_ = kinds.get(entry.kind)
            if type_ is None:
                continue
            for name in dict.fromkeys(entry.names):
                if name:
                    yield name, entry.country or None, type_
