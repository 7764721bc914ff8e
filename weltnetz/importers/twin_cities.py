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

import csv
import hashlib
import io
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from django.db import transaction
from rapidfuzz import fuzz

from weltnetz.register.models import Source
from weltnetz.register.names import Named, NameIndex, fold
from weltnetz.register.recording import (
    ActorRow,
    Recorder,
    RelationRow,
    home_country,
    import_origin,
    record_source,
    twinning_home_first,
)
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
@dataclass(frozen=True)
class Side:
    name: str
    country: str
    subdivision: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Pair:
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


class _CountingReader(io.RawIOBase):
    """Wraps the binary file to count bytes read, for the progress bar."""

    def __init__(self, raw: IO[bytes]):
        self.raw, self.count = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)  # type: ignore[attr-defined]  # binary files are buffered readers
        self.count += n or 0
        return n


def _number(row: dict, field_name: str, low: float, high: float, line: int) -> float | None:
    text = (row.get(field_name) or "").strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{field_name} '{text[:40]}' is not a number") from None
    if not (low <= value <= high) or math.isnan(value):
        kind = "latitude" if high == 90 else "longitude"
        raise ValueError(f"{field_name} {text} is not a {kind} ({low:g} to {high:g})")
    return value


def _side(row: dict, n: str) -> Side:
    name = " ".join((row.get(f"city{n}") or "").split())
    written = " ".join((row.get(f"country{n}") or "").split())
    if not name:
        raise ValueError(f"city{n} is empty")
    country = countries.resolve(written) if written else None
    if country is None:
        name_part, from_name = countries.split_place(name)  # "Varna, Bulgaria" in the city column
        if from_name and (not written or from_name == countries.resolve(written)):
            name, country = name_part, from_name
        elif not written and (itself := countries.resolve(name)):  # "Falkland Islands": the place is a territory
            country = itself
    if country is None:
        raise ValueError(f"country{n} '{written}' is not a known country" if written else f"country{n} is empty")
    lat = _number(row, f"lat{n}", -90, 90, 0)
    lon = _number(row, f"lng{n}", -180, 180, 0)
    if (lat is None) != (lon is None):
        raise ValueError(f"lat{n}/lng{n}: only one coordinate given")
    sub = country.subdivision if len(country.subdivision) <= 6 else ""  # the field holds codes up to 6 chars
    return Side(name[:200], country.code, sub, lat, lon)


def read_pairs(
    stream: IO[bytes],
    *,
    mapping: dict[str, str] | None = None,
    delimiter: str = ",",
    limit: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Pair | Rejected]:
    """Stream the CSV (UTF-8, with or without byte-order mark) and yield a Pair or a Rejected per data row."""
    mapping = mapping or DEFAULT_MAPPING
    counter = _CountingReader(stream)
    text = io.TextIOWrapper(io.BufferedReader(counter, 1 << 16), encoding="utf-8-sig", newline="")
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    try:
        header = next(reader, None)
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"line 1: the file is not UTF-8 ({exc.reason})") from None
    except csv.Error as exc:
        raise ImportFailed(f"line 1: {exc}") from None
    if not header:
        raise ImportFailed("the file is empty: expected a header line with the column names")
    header = [h.strip() for h in header]
    wanted = {ours: theirs for ours, theirs in mapping.items()}
    missing = [theirs for ours, theirs in wanted.items() if ours in REQUIRED and theirs not in header]
    if missing:
        if len(header) == 1:
            for other in (";", "\t", "|", ","):
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
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:
            raise ImportFailed(f"after line {reader.line_num}: the file is not UTF-8 ({exc.reason})") from None
        except csv.Error as exc:
            raise ImportFailed(f"line {reader.line_num}: {exc}") from None
        line = reader.line_num
        if on_progress and line % 1000 == 0:
            on_progress(counter.count)
        if not values or not any(v.strip() for v in values):
            continue
        rows += 1
        if limit is not None and rows > limit:
            break
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
        on_progress(counter.count)


# -- places --------------------------------------------------------------------------------------------------------
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class Place(Named):
    """A place as the importer knows it: an existing actor (pk set) or one to create."""

    qualifier: str = ""  # "Stuttgart" of "Vaihingen (Stuttgart)", folded
    parent: int | None = None  # position of the place it is a part of


class PlaceIndex(NameIndex):
    """The register's towns plus the places of this file, by name and country (the register's name index) and by
    a coarse grid, so that each row is matched in constant time."""

    def __init__(self) -> None:
        super().__init__()
        self.grid: dict[tuple[str, int, int], list[int]] = defaultdict(list)
        self.merged = 0

    @property
    def places(self) -> list[Named]:
        return self.entries

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return int(math.floor(lat * 20)), int(math.floor(lon * 20))  # ~5 km cells

    def add(self, entry: Named, *keys: str) -> int:
        base = QUALIFIED.match(entry.name)
        i = super().add(entry, *keys, *([fold(base["base"])] if base else []))
        if entry.lat is not None and entry.lon is not None:
            gy, gx = self._cell(entry.lat, entry.lon)
            self.grid[(entry.country, gy, gx)].append(i)
        return i

    def preload(self) -> None:
        """Existing municipalities, so that a second import (or the register's Stuttgart) is reused."""
        self.load_actors([ActorKind.MUNICIPALITY])

    def _nearest(self, candidates: list[int], side: Side, km: float) -> int | None:
        best, best_d = None, km
        for i in candidates:
            p = self.places[i]
            if side.lat is None or side.lon is None or p.lat is None or p.lon is None:
                if len(candidates) == 1:
                    return i
                continue
            d = _km(side.lat, side.lon, p.lat, p.lon)
            if d <= best_d:
                best, best_d = i, d
        return best

    def resolve(self, side: Side) -> int:
        """The index of the place this side names: found by name and distance, by a similar name, or new."""
        key = fold(side.name)
        m = QUALIFIED.match(side.name)
        base_key = fold(m["base"]) if m else ""
        found = self._nearest(self.candidates(key, side.country), side, MERGE_KM)
        if found is None and base_key:
            found = self._nearest(self.candidates(base_key, side.country), side, MERGE_KM)
        if found is None and side.lat is not None and side.lon is not None:
            gy, gx = self._cell(side.lat, side.lon)
            near = [
                i for dy in (-1, 0, 1) for dx in (-1, 0, 1) for i in self.grid.get((side.country, gy + dy, gx + dx), [])
            ]
            near = [i for i in near if fuzz.ratio(key, fold(self.places[i].name)) >= FUZZY_SCORE]
            found = self._nearest(near, side, FUZZY_KM)
        if found is not None:
            place = self.places[found]
            if place.pk is None and side.name != place.name and side.name not in place.aliases:
                self.merged += 1  # another spelling of a place new in this import, kept as an alias
                place.aliases.append(side.name)
                self.add_key(key, found)
            return found
        place = Place(
            side.name,
            side.country,
            ActorKind.MUNICIPALITY,
            subdivision=side.subdivision,
            lat=side.lat,
            lon=side.lon,
            qualifier=fold(m["qualifier"]) if m else "",
        )
        return self.add(place)

    def link_parts(self) -> None:
        """'Vaihingen (Stuttgart)' -> part of Stuttgart, when a place of that name lies within PARENT_KM."""
        for i, place in enumerate(self.places):
            if isinstance(place, Place) and place.pk is None and place.qualifier:
                candidates = [j for j in self.candidates(place.qualifier, place.country) if j != i]
                side = Side(place.name, place.country, "", place.lat, place.lon)
                place.parent = self._nearest(candidates, side, PARENT_KM)


# -- load ----------------------------------------------------------------------------------------------------------
@dataclass
class Summary:
    rows: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    places_created: int = 0
    places_merged: int = 0
    parts_linked: int = 0
    relations_created: int = 0
    duplicates: int = 0
    already_present: int = 0
    dry_run: bool = False

    def lines(self, max_rejected: int = 50) -> list[str]:
        """The report printed at the end of an import."""
        out = [
            f"{'Dry run: nothing written. ' if self.dry_run else ''}Rows read: {self.rows}",
            f"Places created: {self.places_created}; spellings merged into one place: {self.places_merged}; "
            f"parts linked to their town: {self.parts_linked}",
            f"Relations created: {self.relations_created}; repeated or reverse pairs: {self.duplicates}; "
            f"already in the register: {self.already_present}",
            f"Rows rejected: {len(self.rejected)}",
        ]
        by_reason: dict[str, list[int]] = defaultdict(list)
        for r in self.rejected:  # one line per reason, so 48 rows of "Northern Cyprus" read as one finding
            by_reason[r.reason.replace("country2", "country1")].append(r.line)
        for reason, lines in list(by_reason.items())[:max_rejected]:
            shown = ", ".join(str(n) for n in lines[:5]) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
            out.append(f"  line{'s' if len(lines) > 1 else ''} {shown}: {reason.replace('country1', 'country')}")
        if len(by_reason) > max_rejected:
            out.append(f"  ... and {len(by_reason) - max_rejected} more reasons")
        return out


def _orient(index: PlaceIndex, i: int, j: int, home_country: str) -> tuple[int, int]:
    """(home, partner) by the register's one convention for twinnings."""
    a, b = index.places[i], index.places[j]
    side_a, side_b = (a.country, a.name, a.lat, a.lon), (b.country, b.name, b.lat, b.lon)
    return (i, j) if twinning_home_first(side_a, side_b, home_country) else (j, i)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Rollback(Exception):
    pass


def import_file(
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    delimiter: str = ",",
    limit: int | None = None,
    dry_run: bool = False,
    strict: bool = False,
    progress: ProgressStream | None = None,
) -> Summary:
    """Import twinnings from `path` in one transaction and return the summary (see the module docstring)."""
    summary = Summary(dry_run=dry_run)
    size = max(path.stat().st_size, 1)

    def on_progress(done: int) -> None:
        if progress is not None:
            width = 30
            filled = int(width * min(done / size, 1))
            progress.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * done // size:3d}%  line {summary.rows}")
            progress.flush()

    try:
        with transaction.atomic():
            index = PlaceIndex()
            index.preload()
            preloaded = len(index.places)
            pairs: dict[tuple[int, int], tuple[str, int | None, str, int]] = {}
            home = home_country()
            with path.open("rb") as raw:
                for item in read_pairs(raw, mapping=mapping, delimiter=delimiter, limit=limit, on_progress=on_progress):
                    summary.rows += 1
                    if isinstance(item, Rejected):
                        summary.rejected.append(item)
                        continue
                    i, j = index.resolve(item.a), index.resolve(item.b)
                    if i == j:
                        reason = f"'{item.a.name}' and '{item.b.name}' are the same place"
                        summary.rejected.append(Rejected(item.line, reason))
                        continue
                    key = _orient(index, i, j, home)
                    if key in pairs:
                        summary.duplicates += 1
                        continue
                    pairs[key] = (item.category, item.since, item.status, item.line)
            if progress is not None:
                progress.write("\n")
            if strict and summary.rejected:
                first, last = summary.rejected[0], summary.rejected[-1]
                raise ImportFailed(
                    f"{len(summary.rejected)} row(s) rejected, nothing imported (--strict); "
                    f"first: line {first.line}: {first.reason}"
                    + (f"; last: line {last.line}: {last.reason}" if last is not first else "")
                )
            index.link_parts()
            summary.places_merged = index.merged
            _write(path, index, preloaded, pairs, summary)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    else:
        _refresh_statistics()
    return summary


def _refresh_statistics() -> None:
    """Let the query planner see the new proportions (twinnings outnumber everything else a hundredfold).

    Without table statistics SQLite takes `kind = 'municipal_partnership'` for a selective filter and scans
    its index instead of seeking the place's rows; PostgreSQL's autovacuum would catch up only later.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE register_relation; ANALYZE register_actor")


def _write(path: Path, index: PlaceIndex, preloaded: int, pairs: dict, summary: Summary) -> None:
    """Create the new places and relations through the register's recording service, in batches."""
    recorder = Recorder(ORIGIN)
    used = {i for key in pairs for i in key}
    new_indices = [i for i in range(preloaded, len(index.places)) if i in used]
    rows = []
    for i in new_indices:
        p = index.places[i]
        sub = (states.state_at(p.lat, p.lon) or p.subdivision) if p.country == "DE" else p.subdivision
        rows.append(ActorRow(p.name, p.country, ActorKind.MUNICIPALITY, sub, p.lat, p.lon, list(p.aliases)))
    for i, pk in zip(new_indices, recorder.add_actors(rows), strict=True):
        index.places[i].pk = pk
    summary.places_created = len(new_indices)
    parts: list[tuple[int, int]] = []
    for i in new_indices:
        p = index.places[i]
        if isinstance(p, Place) and p.parent is not None and p.pk and (whole := index.places[p.parent].pk):
            parts.append((p.pk, whole))
    summary.parts_linked = recorder.link_parts(parts)

    if not pairs:
        return
    source, _ = record_source(
        sha256=_sha256(path),
        title=f"Städtepartnerschaften: {path.name}",
        kind=Source.Kind.DATA_FILE,
        file_name=path.name,
    )
    relations = (
        RelationRow(
            kind=RelationKind.MUNICIPAL_PARTNERSHIP,
            home_id=index.places[h].pk,
            partner_id=index.places[p].pk,
            country=index.places[p].country,
            passage=f"{path.name}, Zeile {line}",
            category=category,
            since=since,
            status=status,
        )
        for (h, p), (category, since, status, line) in pairs.items()
    )
    summary.relations_created = recorder.add_relations(relations, source=source)
    summary.already_present = len(pairs) - summary.relations_created
