"""Import town twinnings from a CSV file: parse -> validate -> load, streamed, in one transaction.

The default columns are those of the Wikipedia-derived list (city1,country1,lat1,lng1,city2,country2,lat2,lng2);
other associations' files are read with a column mapping ("city1=Stadt,country1=Land,...") and may carry a
category (Partnerschaft, Freundschaft, Kontakt, Projektpartnerschaft), a start year and a status (aktiv, ruhend,
beendet). What a file does not state stays unknown: no category, no start year, no status. Every pair becomes
one Relation(kind="municipal_partnership") with the row as its citation, written by the register's recording
service; which town is `home` follows the register's one convention (recording.twinning_home_first), so a pair
and its reverse are stored once. Places are de-duplicated by folded name, country and distance, "Vaihingen
(Stuttgart)" becomes a part of Stuttgart, German towns get their state by point in polygon. Importing the same
file again creates nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import itertools
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, NamedTuple, Protocol

import charset_normalizer
from django.db import transaction
from rapidfuzz import fuzz

from weltnetz.register.models import Relation, Source
from weltnetz.register.names import actors_named, fold
from weltnetz.register.recording import (
    ActorRow,
    Recorder,
    RelationRow,
    deferred_indexes,
    home_country,
    import_origin,
    record_source,
    twinning_home_first,
)
from weltnetz.register.version import bulk_writes
from weltnetz.register.vocab import ActorKind, RelationKind, Status, TwinningCategory

from . import countries, states

HEADER_FIELDS = ("city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2")  # the default file
REQUIRED = ("city1", "country1", "city2", "country2")
OPTIONAL = ("lat1", "lng1", "lat2", "lng2", "category", "since", "status")
DEFAULT_MAPPING = {name: name for name in REQUIRED + OPTIONAL}
MERGE_KM = 5.0  # the same folded name this close is the same place
FUZZY_KM = 2.0  # a similar name (rapidfuzz) this close is the same place
FUZZY_SCORE = 92
PARENT_KM = 30.0  # "Vaihingen (Stuttgart)": Stuttgart must lie this close
ORIGIN = import_origin("twin_cities")
CATEGORIES = {
    fold(word): value
    for value, words in {
        TwinningCategory.PARTNERSHIP: [
            "Partnerschaft",
            "Städtepartnerschaft",
            "partnership",
            "twinning",
            "sister city",
        ],
        TwinningCategory.FRIENDSHIP: ["Freundschaft", "Freundschaftsvertrag", "friendship"],
        TwinningCategory.CONTACT: ["Kontakt", "contact"],
        TwinningCategory.PROJECT: ["Projektpartnerschaft", "project", "project partnership"],
        "": ["", "unknown", "unbekannt"],  # not known: left empty, and shown as nothing
    }.items()
    for word in words
}
# A file states a status only where it has a status column; without one the status is not known (not "active").
STATUSES = {
    fold(word): value
    for value, words in {
        Status.ACTIVE: ["aktiv", "active", "besteht"],
        Status.DORMANT: ["ruhend", "ruht", "dormant", "suspended", "ausgesetzt"],
        Status.ENDED: ["beendet", "ended", "aufgelöst"],
        "": ["", "unknown", "unbekannt"],
    }.items()
    for word in words
}
QUALIFIED = re.compile(r"^(?P<base>.+?)\s*\((?P<qualifier>[^()]+)\)$")


class ImportFailed(Exception):
    """The file cannot be imported at all (missing column, wrong delimiter, not UTF-8); nothing was written."""


# -- parse ---------------------------------------------------------------------------------------------------------
class Side(NamedTuple):  # tuples: a frozen dataclass per side was a tenth of the parsing time
    name: str
    country: str
    subdivision: str
    lat: float | None
    lon: float | None


class Pair(NamedTuple):
    line: int
    a: Side
    b: Side
    category: str
    since: int | None
    status: str = ""


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


def parse_mapping(text: str) -> dict[str, str]:
    """'city1=Stadt,country1=Land' -> a full mapping of our field names to the file's column names."""
    mapping = dict(DEFAULT_MAPPING)
    for part in filter(None, (p.strip() for p in text.split(","))):
        ours, _, theirs = part.partition("=")
        if ours.strip() not in mapping or not theirs.strip():
            raise ImportFailed(f"column mapping '{part}': expected FIELD=COLUMN with FIELD one of {', '.join(mapping)}")
        mapping[ours.strip()] = theirs.strip()
    return mapping


class ProgressStream(Protocol):
    """Where the progress bar is drawn: a text stream, or a command's stderr wrapper."""

    def write(self, text: str) -> object: ...

    def flush(self) -> None: ...


SAMPLE_BYTES = 1 << 16  # what the encoding and the delimiter are told from
DELIMITERS = (",", ";", "\t", "|")
# What a spreadsheet saves a CSV in when not UTF-8 (charset-normalizer chooses among these; on a short sample
# an unrestricted guess takes Köln for HP Roman-8).
LEGACY_ENCODINGS = ["cp1252", "cp1250", "cp1251", "iso8859_15", "iso8859_2", "mac_roman", "cp850", "utf_16"]


def sniff_encoding(sample: bytes) -> str:
    """The file's text encoding from its first bytes: UTF-8 (with or without byte-order mark) when it decodes so,
    else charset-normalizer's best guess (cp1252, latin-1 ...). A binary file is refused in one line."""
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed("not a text file (it holds binary data, NUL bytes); expected a CSV file")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(sample, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise ImportFailed("not a text file (no text encoding fits its bytes); expected a CSV file")
    return best.encoding


def sniff_delimiter(header: str) -> str:
    """The delimiter that splits the header line into the most columns (',' when none does)."""
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 1 else ","


class _Lines:
    """The file's lines decoded one by one, so a byte that does not fit the encoding is pinned to its line
    (its row is rejected naming the line; the rest of the file still goes in). Counts lines and bytes."""

    def __init__(self, stream: IO[bytes], encoding: str):
        self.stream, self.encoding = stream, encoding
        self.number = 0  # physical lines read so far
        self.bytes = 0
        self.bad: dict[int, str] = {}  # line number -> what was wrong with its bytes

    def __iter__(self) -> Iterator[str]:
        decode, first = self.encoding, True
        for raw in self.stream:
            self.number += 1
            self.bytes += len(raw)
            if first:
                first = False
                if decode == "utf-8-sig" and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
            try:
                yield raw.decode(decode)
            except UnicodeDecodeError as exc:
                name = "UTF-8" if decode == "utf-8-sig" else decode
                self.bad[self.number] = f"not valid {name}: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}"
                yield raw.decode(decode, errors="replace")


def read_pairs(
    stream: IO[bytes],
    *,
    mapping: dict[str, str] | None = None,
    delimiter: str | None = None,
    limit: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Pair | Rejected]:
    """Stream the CSV and yield a Pair or a Rejected per data row (with the line it starts on).

    The encoding is sniffed from the first 64 KiB (UTF-8 with or without byte-order mark, else charset-normalizer's
    guess) and the delimiter from the header when `delimiter` is None. A binary file is refused in one line.
    """
    mapping = mapping or DEFAULT_MAPPING
    sample = stream.read(SAMPLE_BYTES)
    if not sample.strip():
        raise ImportFailed("the file is empty: expected a header line with the column names")
    encoding = sniff_encoding(sample)
    stream.seek(0)
    if encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32")):  # lines are not split on b"\n" bytes
        lines: Any = _Lines(io.BytesIO(stream.read().decode(encoding).encode()), "utf-8-sig")
    else:
        lines = _Lines(stream, encoding)
    line_iter = iter(lines)
    header_line = next(line_iter, "")
    if lines.bad.get(1):
        raise ImportFailed(f"line 1: the header is {lines.bad[1]}")
    if delimiter is None:
        delimiter = sniff_delimiter(header_line)
    reader = csv.reader(itertools.chain([header_line], line_iter), delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ImportFailed(f"line 1: {exc}") from None
    if not header:
        raise ImportFailed("the file is empty: expected a header line with the column names")
    header = [h.strip() for h in header]
    wanted = {ours: theirs for ours, theirs in mapping.items()}
    missing = [theirs for ours, theirs in wanted.items() if ours in REQUIRED and theirs not in header]
    if missing:
        if len(header) == 1:
            for other in DELIMITERS:
                if other != delimiter and other in header[0]:
                    name = "a tab" if other == "\t" else f"'{other}'"
                    raise ImportFailed(
                        f"line 1: the header is one column; the file seems to use {name} as delimiter, "
                        f"not '{delimiter}' (use --delimiter)"
                    )
        raise ImportFailed(f"line 1: missing column(s) {', '.join(missing)}; the header has: {', '.join(header)}")
    position = {ours: header.index(theirs) for ours, theirs in wanted.items() if theirs in header}
    width = len(header)
    rows = 0
    previous = lines.number
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImportFailed(f"line {previous + 1}: {exc}") from None
        line, end = previous + 1, lines.number
        previous = end
        if on_progress and line % 1000 == 0:
            on_progress(lines.bytes)
        if not values or not any(v.strip() for v in values):
            continue
        rows += 1
        if limit is not None and rows > limit:
            break
        if lines.bad:
            broken = [n for n in range(line, end + 1) if n in lines.bad]
            if broken:
                yield Rejected(broken[0], lines.bad.pop(broken[0]))
                for n in broken[1:]:
                    lines.bad.pop(n)
                continue
        if len(values) != width:
            yield Rejected(line, f"{len(values)} fields, the header has {width}")
            continue
        row = {ours: values[i] for ours, i in position.items()}
        try:
            a, b = _side(row, "1"), _side(row, "2")
            category = CATEGORIES.get(fold(row.get("category") or ""))
            if category is None:
                raise ValueError(
                    f"category '{row['category'][:40]}' is not one of Partnerschaft, Freundschaft, "
                    "Kontakt, Projektpartnerschaft"
                )
            status = STATUSES.get(fold(row.get("status") or ""))
            if status is None:
                raise ValueError(f"status '{row['status'][:40]}' is not one of aktiv, ruhend, beendet")
            since_text = (row.get("since") or "").strip()
            since = int(since_text) if since_text else None
            if since is not None and not 1000 <= since <= 2100:
                raise ValueError(f"since {since_text} is not a year")
        except ValueError as exc:
            message = str(exc)
            if message.startswith("invalid literal for int()"):
                message = f"since '{row.get('since')}' is not a year"
            yield Rejected(line, message)
            continue
        yield Pair(line, a, b, category, since, status)
    if on_progress:
        on_progress(lines.bytes)


def _number(row: dict, field_name: str, low: float, high: float) -> float | None:
    text = (row.get(field_name) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        try:
            value = float(text.replace(",", "."))  # a decimal comma
        except ValueError:
            raise ValueError(f"{field_name} '{text[:40]}' is not a number") from None
    if not (low <= value <= high):  # also NaN
        kind = "latitude" if high == 90 else "longitude"
        raise ValueError(f"{field_name} {text} is not a {kind} ({low:g} to {high:g})")
    return value


@lru_cache(maxsize=4096)
def _country(written: str) -> countries.Country | None:
    return countries.resolve(written) if written else None


SIDE_FIELDS = {n: (f"city{n}", f"country{n}", f"lat{n}", f"lng{n}") for n in "12"}


def _side(row: dict, n: str) -> Side:
    city_field, country_field, lat_field, lng_field = SIDE_FIELDS[n]
    name = " ".join((row.get(city_field) or "").split())
    written = " ".join((row.get(country_field) or "").split())
    if not name:
        raise ValueError(f"city{n} is empty")
    country = _country(written)
    if country is None:
        name_part, from_name = countries.split_place(name)  # "Varna, Bulgaria" in the city column
        if from_name and (not written or from_name == countries.resolve(written)):
            name, country = name_part, from_name
        elif not written and (itself := countries.resolve(name)):  # "Falkland Islands": the place is a territory
            country = itself
    if country is None:
        raise ValueError(f"country{n} '{written}' is not a known country" if written else f"country{n} is empty")
    lat = _number(row, lat_field, -90, 90)
    lon = _number(row, lng_field, -180, 180)
    if (lat is None) != (lon is None):
        raise ValueError(f"lat{n}/lng{n}: only one coordinate given")
    sub = country.subdivision if len(country.subdivision) <= 6 else ""  # the field holds codes up to 6 chars
    return Side(name[:200], country.code, sub, lat, lon)


# -- places --------------------------------------------------------------------------------------------------------
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


NO_COORDINATE = math.nan
NEW, WRITING = 0, -1  # PlaceIndex.pk of a place not in the register yet, and of one in the batch being written


def _append(table: dict, key: Any, i: int) -> None:
    """Add position `i` under `key`: an int alone, a list once there are two."""
    found = table.get(key)
    if found is None:
        table[key] = i
    elif isinstance(found, list):
        found.append(i)
    else:
        table[key] = [found, i]


def _positions(found: int | list[int] | None) -> list[int] | tuple[int, ...]:
    if found is None:
        return ()
    return found if isinstance(found, list) else (found,)


class PlaceIndex:
    """The register's towns plus the places of this file, by folded name and country and by a coarse grid, so that
    each row is matched in constant time.

    Held column by column for a million rows' 125,000 places: a place is its name (the string read from the file),
    typed-array slots for its country, coordinates, register id and grid neighbour, and one entry in each of two
    dicts: about 300 bytes, where an object per place with its own keys was a kilobyte. What few places have
    (another spelling, a subdivision, "(Stuttgart)" as qualifier, a parent) sits in small dicts by position. Names
    are keyed by the hash of their folded form; a candidate whose name differs from the one looked up is checked
    by folding again, so a hash collision never merges two places.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.country = array("H")  # number in self.countries
        self.countries: list[str] = []
        self.country_numbers: dict[str, int] = {}
        self.lat, self.lon = array("d"), array("d")  # NaN: no coordinates
        self.pk = array("q")  # NEW, WRITING, or the actor's id
        self.subdivision: dict[int, str] = {}
        self.aliases: dict[int, list[str]] = {}  # other spellings met in the file (or held by the register)
        self.qualifier: dict[int, str] = {}  # "stuttgart" of "Vaihingen (Stuttgart)"
        self.parent: dict[int, int] = {}  # position of the town a place is a part of (see link_parts)
        self.keys: dict[int, int | list[int]] = {}  # hash of a folded name -> position(s)
        # One integer per ~5 km cell and country: the last place added there; next_in_cell chains the earlier ones.
        self.grid: dict[int, int] = {}
        self.next_in_cell = array("i")
        self.merged = 0
        self.new_from = 0  # positions from here on are places new in this import
        self.respelled: set[int] = set()  # new places written already that got another spelling afterwards

    def __len__(self) -> int:
        return len(self.names)

    def country_of(self, i: int) -> str:
        return self.countries[self.country[i]]

    def coordinates(self, i: int) -> tuple[float | None, float | None]:
        lat = self.lat[i]
        return (None, None) if lat != lat else (lat, self.lon[i])  # NaN != NaN

    def _country_number(self, country: str) -> int:
        number = self.country_numbers.get(country)
        if number is None:
            number = self.country_numbers[country] = len(self.countries)
            self.countries.append(country)
        return number

    def _grid_key(self, number: int, gy: int, gx: int) -> int:
        return (number << 32) | ((gy + 4000) << 16) | (gx + 8000)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat * 20)), int(math.floor(lon * 20))  # ~5 km cells

    def add_key(self, key: str, i: int) -> None:
        h = hash(key)
        if i not in _positions(self.keys.get(h)):
            _append(self.keys, h, i)

    def _folded_names(self, i: int) -> Iterator[str]:
        name = self.names[i]
        yield fold(name)
        if base := QUALIFIED.match(name):
            yield fold(base["base"])
        for alias in self.aliases.get(i, ()):
            yield fold(alias)

    def candidates(self, key: str, country: str, name: str | None = None) -> list[int]:
        """Positions of the places called `key` (folded; `name` as written, when known) in `country`."""
        number = self.country_numbers.get(country)
        found = _positions(self.keys.get(hash(key)))
        return [
            i for i in found if self.country[i] == number and (name == self.names[i] or key in self._folded_names(i))
        ]

    def add(
        self,
        name: str,
        country: str,
        lat: float | None,
        lon: float | None,
        *,
        pk: int = NEW,
        subdivision: str = "",
        aliases: list[str] | None = None,
        qualifier: str = "",
    ) -> int:
        """Add a place under its names (and the base of "X (Y)"); returns its position."""
        i = len(self.names)
        number = self._country_number(country)
        if lat is None or lon is None:
            lat = lon = None
        self.names.append(name)
        self.country.append(number)
        self.lat.append(NO_COORDINATE if lat is None else lat)
        self.lon.append(NO_COORDINATE if lon is None else lon)
        self.pk.append(pk)
        if subdivision:
            self.subdivision[i] = subdivision
        if aliases:
            self.aliases[i] = aliases
        if qualifier:
            self.qualifier[i] = qualifier
        for key in set(self._folded_names(i)):
            self.add_key(key, i)
        if lat is not None and lon is not None:
            gy, gx = self._cell(lat, lon)
            cell = self._grid_key(number, gy, gx)
            self.next_in_cell.append(self.grid.get(cell, -1))
            self.grid[cell] = i
        else:
            self.next_in_cell.append(-1)
        return i

    def _in_cell(self, cell: int) -> list[int]:
        """The places in a cell, in the order they were added."""
        found, i = [], self.grid.get(cell, -1)
        while i >= 0:
            found.append(i)
            i = self.next_in_cell[i]
        found.reverse()
        return found

    def preload(self) -> None:
        """Existing municipalities, so that a second import (or the register's Stuttgart) is reused."""
        for actor in actors_named([ActorKind.MUNICIPALITY]):
            self.add(
                actor.name,
                actor.country,
                actor.lat,
                actor.lon,
                pk=actor.pk or NEW,
                subdivision=actor.subdivision,
                aliases=actor.aliases,
            )
        self.new_from = len(self.names)

    def _nearest(self, candidates: list[int], lat: float | None, lon: float | None, km: float) -> int | None:
        best, best_d = None, km
        for i in candidates:
            p_lat = self.lat[i]
            if lat is None or lon is None or p_lat != p_lat:
                if len(candidates) == 1:
                    return i
                continue
            p_lon = self.lon[i]
            d = 0.0 if p_lat == lat and p_lon == lon else _km(lat, lon, p_lat, p_lon)
            if d <= best_d:
                best, best_d = i, d
        return best

    def resolve(self, side: Side) -> int:
        """The index of the place this side names: found by name and distance, by a similar name, or new."""
        key = fold(side.name)
        m = QUALIFIED.match(side.name)
        base_key = fold(m["base"]) if m else ""
        lat, lon = side.lat, side.lon
        found = self._nearest(self.candidates(key, side.country, side.name), lat, lon, MERGE_KM)
        if found is None and base_key:
            found = self._nearest(self.candidates(base_key, side.country), lat, lon, MERGE_KM)
        if found is None and lat is not None and lon is not None and side.country in self.country_numbers:
            gy, gx = self._cell(lat, lon)
            number = self.country_numbers[side.country]
            near = [
                i
                for dy in (-1, 0, 1)
                for dx in (-1, 0, 1)
                for i in self._in_cell(self._grid_key(number, gy + dy, gx + dx))
            ]
            near = [i for i in near if fuzz.ratio(key, fold(self.names[i])) >= FUZZY_SCORE]
            found = self._nearest(near, lat, lon, FUZZY_KM)
        if found is not None:
            name = self.names[found]
            if found >= self.new_from and side.name != name and side.name not in self.aliases.get(found, ()):
                self.merged += 1  # another spelling of a place new in this import, kept as an alias
                self.aliases.setdefault(found, []).append(side.name)
                self.add_key(key, found)
                if self.pk[found] != NEW:
                    self.respelled.add(found)
            return found
        return self.add(
            side.name,
            side.country,
            lat,
            lon,
            subdivision=side.subdivision,
            qualifier=fold(m["qualifier"]) if m else "",
        )

    def link_parts(self) -> None:
        """'Vaihingen (Stuttgart)' -> part of Stuttgart, when a place of that name lies within PARENT_KM."""
        for i, qualifier in self.qualifier.items():
            if i < self.new_from:
                continue
            candidates = [j for j in self.candidates(qualifier, self.country_of(i)) if j != i]
            lat, lon = self.coordinates(i)
            parent = self._nearest(candidates, lat, lon, PARENT_KM)
            if parent is not None:
                self.parent[i] = parent


# -- load ----------------------------------------------------------------------------------------------------------
KEPT_REJECTED = 10_000  # rejected rows kept for the report; beyond that only counted (memory stays flat)


@dataclass
class Summary:
    rows: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    rejected_count: int = 0
    accepted: int = 0  # rows that named two places (new, repeated or already in the register)
    places_created: int = 0
    places_merged: int = 0
    parts_linked: int = 0
    relations_created: int = 0
    duplicates: int = 0
    already_present: int = 0
    dry_run: bool = False

    def reject(self, item: Rejected) -> None:
        self.rejected_count += 1
        if len(self.rejected) < KEPT_REJECTED:
            self.rejected.append(item)

    def lines(self, max_rejected: int = 50) -> list[str]:
        """The report printed at the end of an import."""
        out = [
            f"{'Dry run: nothing written. ' if self.dry_run else ''}Rows read: {self.rows}",
            f"Places created: {self.places_created}; "
            f"spellings merged into one place: {self.places_merged}; parts linked to their town: {self.parts_linked}",
            f"Relations created: {self.relations_created}; "
            f"repeated or reverse pairs: {self.duplicates}; already in the register: {self.already_present}",
            f"Rows rejected: {self.rejected_count}",
        ]
        by_reason: dict[str, list[int]] = defaultdict(list)
        for r in self.rejected:  # one line per reason, so 48 rows of "Northern Cyprus" read as one finding
            by_reason[r.reason.replace("country2", "country1")].append(r.line)
        for reason, lines in list(by_reason.items())[:max_rejected]:
            shown = ", ".join(str(n) for n in lines[:5]) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
            out.append(f"  line{'s' if len(lines) > 1 else ''} {shown}: {reason.replace('country1', 'country')}")
        if len(by_reason) > max_rejected:
            out.append(f"  ... and {len(by_reason) - max_rejected} more reasons")
        if self.rejected_count > len(self.rejected):
            out.append(f"  ... and {self.rejected_count - len(self.rejected)} more rows (each was reported as read)")
        return out


def _orient(index: PlaceIndex, i: int, j: int, home_country: str) -> tuple[int, int]:
    """(home, partner) by the register's one convention for twinnings."""
    side_a = (index.country_of(i), index.names[i], *index.coordinates(i))
    side_b = (index.country_of(j), index.names[j], *index.coordinates(j))
    return (i, j) if twinning_home_first(side_a, side_b, home_country) else (j, i)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class PairSet:
    """The distinct pairs met so far, as each place's partners in a typed array (4 bytes a pair instead of a set
    entry of about 70): a million pairs take a few MB. A membership test scans one place's partners."""

    def __init__(self) -> None:
        self.partners: dict[int, array] = {}
        self.size = 0

    def add(self, i: int, j: int) -> bool:
        """Add the unordered pair; False when it was there already."""
        low, high = (i, j) if i <= j else (j, i)
        known = self.partners.get(low)
        if known is None:
            self.partners[low] = array("I", [high])
        elif high in known:
            return False
        else:
            known.append(high)
        self.size += 1
        return True

    def __contains__(self, pair: tuple[int, int]) -> bool:
        i, j = pair
        low, high = (i, j) if i <= j else (j, i)
        known = self.partners.get(low)
        return known is not None and high in known


class _Rollback(Exception):
    pass


BATCH = 5000  # relations per write; the places they name are written just before them


class _Writer:
    """Writes the import as it streams: each batch of relations after the new places it names, through the
    register's recording service (which indexes every batch for search as it goes)."""

    def __init__(self, path: Path, index: PlaceIndex, summary: Summary, sha256: str | None):
        self.path, self.index, self.summary = path, index, summary
        self.recorder = Recorder(ORIGIN)
        self.pending: list[tuple[int, int, str, int | None, str, int]] = []
        self.source: Source | None = None
        self.sha256 = sha256

    def add(self, home: int, partner: int, category: str, since: int | None, status: str, line: int) -> None:
        self.pending.append((home, partner, category, since, status, line))
        if len(self.pending) >= BATCH:
            self.flush()

    def _places(self) -> None:
        index, new = self.index, []
        for h, partner, *_ in self.pending:
            for i in (h, partner):
                if index.pk[i] == NEW:
                    index.pk[i] = WRITING  # taken: written in this batch
                    new.append(i)
        rows = []
        for i in new:
            country, (lat, lon) = index.country_of(i), index.coordinates(i)
            sub = index.subdivision.get(i, "")
            if country == "DE":
                sub = states.state_at(lat, lon) or sub
            rows.append(
                ActorRow(index.names[i], country, ActorKind.MUNICIPALITY, sub, lat, lon, index.aliases.get(i, ()))
            )
        for i, pk in zip(new, self.recorder.add_actors(rows), strict=True):
            index.pk[i] = pk
        self.summary.places_created += len(new)

    def flush(self) -> None:
        if not self.pending:
            return
        self._places()
        if self.source is None:
            self.source, _ = record_source(
                sha256=self.sha256 or _sha256(self.path),
                title=f"Städtepartnerschaften: {self.path.name}",
                kind=Source.Kind.DATA_FILE,
                file_name=self.path.name,
            )
        pk, name = self.index.pk, self.path.name
        rows = [
            RelationRow(
                kind=RelationKind.MUNICIPAL_PARTNERSHIP,
                home_id=pk[h],
                partner_id=pk[p],
                country=self.index.country_of(p),
                home_country=self.index.country_of(h),
                passage=f"{name}, Zeile {line}",
                category=category,
                since=since,
                status=status,
            )
            for h, p, category, since, status, line in self.pending
        ]
        self.pending.clear()
        created = self.recorder.add_relations(rows, source=self.source)
        self.summary.relations_created += created
        self.summary.already_present += len(rows) - created

    def finish(self) -> None:
        """After the last row: the last batch, spellings met after a place was written, parts of towns."""
        self.flush()
        index = self.index
        self.recorder.set_aliases((index.pk[i], index.aliases[i]) for i in sorted(index.respelled) if index.pk[i] > 0)
        index.link_parts()
        parts = [
            (index.pk[i], index.pk[whole])
            for i, whole in index.parent.items()
            if index.pk[i] > 0 and index.pk[whole] > 0
        ]
        self.summary.parts_linked = self.recorder.link_parts(parts)


def import_file(
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    delimiter: str | None = None,
    limit: int | None = None,
    dry_run: bool = False,
    strict: bool = False,
    progress: ProgressStream | None = None,
    on_rejected: Callable[[Rejected], None] | None = None,
    sha256: str | None = None,
) -> Summary:
    """Import twinnings from `path` in one transaction, streaming, and return the summary (see the module docstring).

    Rows are read, matched to places and written batch by batch, so memory holds the places (one entry per town)
    and one integer per distinct pair, never the rows. `dry_run` reads, checks and matches everything and writes
    nothing; `strict` stops writing at the first rejected row, reads on to report every one, and rolls back.
    `on_rejected` hears of each rejected row as it is read.
    """
    summary = Summary(dry_run=dry_run)
    size = max(path.stat().st_size, 1)

    def on_progress(done: int) -> None:
        if progress is not None:
            width = 30
            filled = int(width * min(done / size, 1))
            progress.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * done // size:3d}%  line {summary.rows}")
            progress.flush()

    def rejected(item: Rejected) -> None:
        summary.reject(item)
        if on_rejected is not None:
            on_rejected(item)

    _no_mmap()
    try:
        with (
            transaction.atomic(),
            contextlib.nullcontext() if dry_run else bulk_writes(),
            deferred_indexes(Relation) if not dry_run and _large(size) else contextlib.nullcontext(),
        ):
            index = PlaceIndex()
            index.preload()
            present, seen = _existing_pairs(index), PairSet()
            home = home_country()
            writer = None if dry_run else _Writer(path, index, summary, sha256)
            with path.open("rb") as raw:
                for item in read_pairs(raw, mapping=mapping, delimiter=delimiter, limit=limit, on_progress=on_progress):
                    summary.rows += 1
                    if isinstance(item, Rejected):
                        rejected(item)
                        continue
                    i, j = index.resolve(item.a), index.resolve(item.b)
                    if i == j:
                        rejected(Rejected(item.line, f"'{item.a.name}' and '{item.b.name}' are the same place"))
                        continue
                    summary.accepted += 1
                    if (i, j) in present:
                        summary.already_present += 1
                        continue
                    if not seen.add(i, j):
                        summary.duplicates += 1
                        continue
                    if writer is not None and not (strict and summary.rejected_count):
                        writer.add(*_orient(index, i, j, home), item.category, item.since, item.status, item.line)
                    elif dry_run:
                        summary.relations_created += 1
                        index.pk[i] = index.pk[i] or WRITING  # counted as created (below)
                        index.pk[j] = index.pk[j] or WRITING
            if progress is not None:
                progress.write("\n")
            if strict and summary.rejected_count:
                first, last = summary.rejected[0], summary.rejected[-1]
                raise ImportFailed(
                    f"{summary.rejected_count} row(s) rejected, nothing imported (--strict); "
                    f"first: line {first.line}: {first.reason}"
                    + (f"; last: line {last.line}: {last.reason}" if last is not first else "")
                )
            summary.places_merged = index.merged
            if writer is not None:
                writer.finish()
            else:
                index.link_parts()
                used = [i for i in range(index.new_from, len(index)) if index.pk[i] == WRITING]
                summary.places_created = len(used)
                summary.parts_linked = sum(
                    1
                    for i, whole in index.parent.items()
                    if index.pk[i] == WRITING and (whole < index.new_from or index.pk[whole] == WRITING)
                )
                raise _Rollback
    except _Rollback:
        pass
    else:
        _refresh_statistics()
    return summary


# A file of this many bytes per relation the register holds builds the relations' other indexes afresh
# (recording.deferred_indexes): a line of a twin-town file takes 60-80 bytes, so the file brings at least as many
# twinnings as there are relations, and sorting them all once costs less than inserting each into every index.
BYTES_PER_RELATION = 60


def _large(size: int) -> bool:
    """Whether a file of `size` bytes brings about as many relations as the register holds already, or more."""
    return size >= BYTES_PER_RELATION * max(Relation.objects.count(), 1000)


def _existing_pairs(index: PlaceIndex) -> PairSet:
    """The twinnings the register holds, as place-position pairs."""
    position = {pk: i for i, pk in enumerate(index.pk[: index.new_from])}
    seen = PairSet()
    rows = Relation.objects.filter(kind=RelationKind.MUNICIPAL_PARTNERSHIP).values_list("home_id", "partner_id")
    for h, p in rows.iterator(chunk_size=10_000):
        if h in position and p in position:
            seen.add(position[h], position[p])
    return seen


def _no_mmap() -> None:
    """SQLite: no memory map for this connection. The server's connections map the database (settings: 256 MB)
    to read it fast; an import writes it once, and the mapped pages it touches would count as its memory."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA mmap_size=0")


def _refresh_statistics() -> None:
    """Let the query planner see the new proportions (twinnings outnumber everything else a hundredfold).

    Without table statistics SQLite takes `kind = 'municipal_partnership'` for a selective filter and scans
    its index instead of seeking the place's rows; PostgreSQL's autovacuum would catch up only later. On
    PostgreSQL the search entries too (without their statistics a search combined the full-text index with
    the (kind, object_id) index, reading 44,000 entries for 78 hits), and VACUUM marks the new rows' pages
    all-visible, so facet counts read the (kind, country_code, live) index alone, and merges the GIN indexes'
    pending lists (full text, trigrams), which every lookup would otherwise read through. VACUUM cannot run
    inside a transaction (a caller's atomic block, the tests): ANALYZE and the merge alone then.
    """
    from django.db import connection

    from weltnetz.register.models import Actor, RelationCitation
    from weltnetz.search.models import SearchEntry

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            models = (Relation, Actor, RelationCitation, SearchEntry)
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            if not connection.in_atomic_block:
                cursor.execute(f"VACUUM (ANALYZE) {tables}")
                return
            cursor.execute(f"ANALYZE {tables}")
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'gin' AND i.indrelid = ANY(%s::regclass[])",
                [[m._meta.db_table for m in models]],
            )
