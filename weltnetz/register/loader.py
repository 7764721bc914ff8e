"""Load a folder of register data files (JSON) into the database: validated first, then in one transaction.

A folder holds sources.json, actors.json, relations.json, agreements.json and people.json (see
data/baden-wuerttemberg/README.md). Every passage must occur in its source document's text.

The folder is one origin of facts (`data:<folder name>`): its records go through the recording service in
replace mode, so loading again, or loading a new version of the files, updates what the files assert and
leaves everything else alone: sources, status changes and citations that editors accepted from press
releases, and editors' own edits. Where the files assert something an editor has changed since, the
editor's version is kept and the load reports the conflict, naming file, record and change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from .countries import is_country
from .models import Actor, Person, Relation, Source, Topic
from .recording import (
    ActorFact,
    AgreementFact,
    Cite,
    PersonFact,
    Recorded,
    Recorder,
    RelationFact,
    RoleFact,
    StatusFact,
    data_origin,
    record_source,
)
from .vocab import ActorKind, Continent, RelationKind, Status, parse_partial_date

DEFAULT_DIR = Path(__file__).parent / "data" / "baden-wuerttemberg"
FILES = ("sources", "actors", "people", "relations", "agreements")


class DataError(Exception):
    """A data file is wrong; the message names the file and the record."""


@dataclass
class LoadReport:
    """Counts per kind of record, and the conflicts: what the files assert that the register keeps otherwise."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    def count(self, kind: str, created: bool, changed: bool = True) -> None:
        target = self.created if created else self.updated if changed else self.unchanged
        target[kind] = target.get(kind, 0) + 1

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return ", ".join(
            f"{k}: {self.created.get(k, 0)} new, {self.updated.get(k, 0)} updated, {self.unchanged.get(k, 0)} unchanged"
            for k in kinds
        )


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Records:
    """One data file's records with context for error messages."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.items = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.items = []
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"{path.name}: not valid JSON: {exc}") from exc
        if not isinstance(self.items, list):
            raise DataError(f"{path.name}: expected a list of records")

    def each(self):
        for i, item in enumerate(self.items, start=1):
            if not isinstance(item, dict):
                raise DataError(f"{self.path.name}: record {i} is not an object")
            yield i, item

    def fail(self, i: int, item: dict, reason: str) -> DataError:
        ident = item.get("slug") or item.get("key") or item.get("partner") or ""
        return DataError(f"{self.path.name}: record {i} ({ident}): {reason}")


def _require(records: _Records, i: int, item: dict, *names: str) -> None:
    for name in names:
        if item.get(name) in (None, ""):
            raise records.fail(i, item, f"missing field '{name}'")


def _check_dates(records: _Records, i: int, item: dict, *names: str) -> None:
    for name in names:
        try:
            parse_partial_date(item.get(name))
        except ValueError as exc:
            raise records.fail(i, item, f"field '{name}': {exc}") from None


def _check_country(records: _Records, i: int, item: dict, code: str | None) -> None:
    if code and not is_country(code):
        raise records.fail(i, item, f"unknown country code '{code}'")


def dataset_name(folder: Path, actors: list) -> str:
    """What names a folder's facts across versions: the slug of its home actor (a new version of the files,
    wherever it lies, is the same data set), else the folder's name."""
    homes = [str(a["slug"]) for a in actors if isinstance(a, dict) and a.get("is_home") and a.get("slug")]
    return homes[0] if len(homes) == 1 else folder.name


class Loader:
    def __init__(self, folder: Path, dataset: str | None = None):
        self.folder = folder
        self.report = LoadReport()
        self.files = {name: _Records(folder / f"{name}.json") for name in FILES}
        self.texts: dict[str, str] = {}
        self.sources: dict[str, Source] = {}
        self.actors: dict[str, Actor] = {}
        self.people: dict[str, Person] = {}
        self.topics = {t.slug: t for t in Topic.objects.all()}
        self.dataset = dataset or dataset_name(folder, self.files["actors"].items)
        self.recorder = Recorder(data_origin(self.dataset), replace=True)

    # -- validation (before anything is written) --------------------------------------------------
    def validate(self) -> None:
        seen: dict[str, set] = {name: set() for name in FILES}
        for name, records in self.files.items():
            for i, item in records.each():
                key = self._key(name, item)
                if key in seen[name]:
                    raise records.fail(i, item, "duplicate record")
                seen[name].add(key)
                getattr(self, f"_validate_{name}")(records, i, item, seen)

    @staticmethod
    def _key(name: str, item: dict) -> Any:
        if name == "relations":
            return (item.get("kind"), item.get("home"), item.get("partner"))
        return item.get("slug") or item.get("key")

    def _validate_sources(self, records, i, item, seen) -> None:
        _require(records, i, item, "key", "title", "file")
        _check_dates(records, i, item, "published_on")
        path = self.folder / item["file"]
        if not path.exists():
            raise records.fail(i, item, f"document file '{item['file']}' not found")
        self.texts[item["key"]] = path.read_text(encoding="utf-8")

    def _validate_actors(self, records, i, item, seen) -> None:
        _require(records, i, item, "slug", "kind", "name")
        if item["kind"] not in ActorKind.values:
            raise records.fail(i, item, f"unknown kind '{item['kind']}'")
        _check_country(records, i, item, item.get("country"))
        if item.get("continent") and item["continent"] not in Continent.values:
            raise records.fail(i, item, f"unknown continent '{item['continent']}'")
        if item.get("parent") and item["parent"] not in seen["actors"]:
            raise records.fail(i, item, f"parent '{item['parent']}' must be listed before")
        lat, lon = item.get("lat"), item.get("lon")
        if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
            raise records.fail(i, item, "coordinates out of range")

    def _validate_people(self, records, i, item, seen) -> None:
        _require(records, i, item, "slug", "name")
        for role in item.get("roles", []):
            _check_dates(records, i, item | role, "start", "end")
            if role.get("affiliation") not in seen["actors"]:
                raise records.fail(i, item, f"unknown affiliation '{role.get('affiliation')}'")
            self._check_passage(records, i, item, role)

    def _validate_relations(self, records, i, item, seen) -> None:
        _require(records, i, item, "kind", "partner")
        if item["kind"] not in RelationKind.values:
            raise records.fail(i, item, f"unknown kind '{item['kind']}'")
        for ref in (item["partner"], item.get("home")):
            if ref and ref not in seen["actors"]:
                raise records.fail(i, item, f"unknown actor '{ref}'")
        _check_country(records, i, item, item.get("country"))
        self._check_topics(records, i, item)
        for change in item.get("status", []):
            _check_dates(records, i, item | {"date": change.get("date")}, "date")
            if change.get("status") not in Status.values:
                raise records.fail(i, item, f"unknown status '{change.get('status')}'")
            self._check_passage(records, i, item, change)
        if not item.get("sources"):
            raise records.fail(i, item, "missing field 'sources'")
        for cite in item["sources"]:
            self._check_passage(records, i, item, cite)

    def _validate_agreements(self, records, i, item, seen) -> None:
        _require(records, i, item, "key", "title", "partner")
        _check_dates(records, i, item, "date")
        for ref in (item["partner"], item.get("place")):
            if ref and ref not in seen["actors"]:
                raise records.fail(i, item, f"unknown actor '{ref}'")
        for person in item.get("signatories", []):
            if person not in seen["people"]:
                raise records.fail(i, item, f"unknown person '{person}'")
        self._check_topics(records, i, item)
        for cite in item.get("sources", []):
            self._check_passage(records, i, item, cite)

    def _check_topics(self, records, i, item) -> None:
        for slug in item.get("topics", []):
            if slug not in self.topics:
                raise records.fail(i, item, f"unknown topic '{slug}'")

    def _check_passage(self, records, i, item, cite: dict) -> None:
        key, passage = cite.get("source"), cite.get("passage")
        if not key:
            return
        if key not in self.texts:
            raise records.fail(i, item, f"unknown source '{key}'")
        if passage and self._offsets(key, passage) is None:
            raise records.fail(i, item, f"passage not found in source '{key}': {passage[:60]}…")

    def _offsets(self, key: str, passage: str) -> tuple[int, int] | None:
        text = self.texts[key]
        pos = text.find(passage)
        if pos >= 0:
            return pos, pos + len(passage)
        # Tolerate line breaks and runs of spaces inside a quoted passage.
        pattern = r"\s+".join(re.escape(w) for w in passage.split())
        match = re.search(pattern, text)
        return (match.start(), match.end()) if match else None

    def _cite(self, cite: dict) -> Cite:
        key = cite.get("source")
        if not key:
            return Cite()
        start_end = self._offsets(key, cite["passage"]) if cite.get("passage") else None
        return Cite(
            source=self.sources[key],
            passage=_ws(cite.get("passage", "")),
            start=start_end[0] if start_end else None,
            end=start_end[1] if start_end else None,
            field=cite.get("field", "record"),
        )

    # -- writing --------------------------------------------------------------------------------
    def load(self) -> LoadReport:
        self.validate()
        # One batch: topics and status changes are written after their relation; indexed once, at the end.
        with transaction.atomic(), self.recorder:
            for name in FILES:
                loader = getattr(self, f"_load_{name}")
                for i, item in self.files[name].each():
                    loader(i, item)
        return self.report

    def _note(self, name: str, i: int, item: dict, result: Recorded) -> None:
        """Count the record and report what the register keeps against the file."""
        self.report.count(name, result.created, result.changed)
        for conflict in result.conflicts:
            ident = item.get("slug") or item.get("key") or item.get("partner") or ""
            self.report.conflicts.append(
                f"{name}.json: record {i} ({ident}): {conflict.describe()}; kept the register's version"
            )

    def _load_sources(self, i: int, item: dict) -> None:
        published, _ = parse_partial_date(item.get("published_on"))
        source, created = record_source(
            text=self.texts[item["key"]],
            update=True,
            title=item["title"],
            kind=item.get("kind", Source.Kind.WEB_PAGE),
            publisher=item.get("publisher", ""),
            url=item.get("url", ""),
            published_on=published,
            file_name=Path(item["file"]).name,
        )
        self.sources[item["key"]] = source
        self.report.count("sources", created, created)

    def _load_actors(self, i: int, item: dict) -> None:
        fact = ActorFact(
            slug=item["slug"],
            kind=item["kind"],
            name=item["name"],
            name_en=item.get("name_en", ""),
            aliases=item.get("aliases", []),
            country=item.get("country", ""),
            subdivision=item.get("subdivision", ""),
            continent=item.get("continent", ""),
            lat=item.get("lat"),
            lon=item.get("lon"),
            wikidata=item.get("wikidata", ""),
            is_home=item.get("is_home", False),
            parent=self.actors.get(item["parent"]) if item.get("parent") else None,
            description=item.get("description", ""),
            description_en=item.get("description_en", ""),
        )
        result = self.recorder.actor(fact, key=f"actor:{item['slug']}")
        actor = result.record if result.record is not None else Actor.objects.filter(slug=item["slug"]).first()
        if actor is not None:
            self.actors[item["slug"]] = actor  # type: ignore[assignment]
        self._note("actors", i, item, result)

    def _load_people(self, i: int, item: dict) -> None:
        roles = []
        for role in item.get("roles", []):
            start, _ = parse_partial_date(role.get("start"))
            end, _ = parse_partial_date(role.get("end"))
            affiliation = self.actors.get(role["affiliation"])
            if affiliation is not None:
                roles.append(
                    RoleFact(
                        title=role["title"],
                        affiliation=affiliation,
                        title_en=role.get("title_en", ""),
                        start=start,
                        end=end,
                        cite=self._cite(role),
                    )
                )
        result = self.recorder.person(
            PersonFact(name=item["name"], slug=item["slug"], roles=roles), key=f"person:{item['slug']}"
        )
        if result.record is not None:
            self.people[item["slug"]] = result.record  # type: ignore[assignment]
        self._note("people", i, item, result)

    def _home(self, slug: str) -> Actor | None:
        return self.actors.get(slug) or Actor.objects.filter(slug=slug).first()

    def _load_relations(self, i: int, item: dict) -> None:
        home_slug = item.get("home") or settings.WELTNETZ_HOME_REGION
        home, partner = self._home(home_slug), self.actors.get(item["partner"])
        if home is None or partner is None:
            missing = home_slug if home is None else item["partner"]
            self.report.conflicts.append(
                f"relations.json: record {i} ({item['partner']}): actor '{missing}' is no longer in the register; "
                "relation not loaded"
            )
            return
        status = []
        for change in item.get("status", []):
            day, precision = parse_partial_date(change.get("date"))
            status.append(
                StatusFact(
                    status=change["status"],
                    date=day,
                    precision=change.get("precision", precision),
                    note=change.get("note", ""),
                    note_en=change.get("note_en", ""),
                    cite=self._cite(change),
                )
            )
        fact = RelationFact(
            kind=item["kind"],
            home=home,
            partner=partner,
            since=item.get("since"),
            since_note=item.get("since_note", ""),
            since_note_en=item.get("since_note_en", ""),
            title=item.get("title", ""),
            title_en=item.get("title_en", ""),
            country=item.get("country", ""),
            note=item.get("note", ""),
            note_en=item.get("note_en", ""),
            topics=item.get("topics", []),
            status=status,
            citations=[self._cite(c) for c in item["sources"]],
        )
        key = f"relation:{item['kind']}|{home_slug}|{item['partner']}"
        self._note("relations", i, item, self.recorder.relation(fact, key=key))

    def _load_agreements(self, i: int, item: dict) -> None:
        day, precision = parse_partial_date(item.get("date"))
        partner = self.actors.get(item["partner"])
        if partner is None:
            self.report.conflicts.append(
                f"agreements.json: record {i} ({item['key']}): actor '{item['partner']}' is no longer in the "
                "register; agreement not loaded"
            )
            return
        relation = None
        if ref := item.get("relation"):
            relation = Relation.objects.filter(
                kind=ref["kind"], partner__slug=ref["partner"], home__is_home=True
            ).first()
        fact = AgreementFact(
            title=item["title"],
            partner=partner,
            date=day,
            date_precision=precision,
            kind=item.get("kind", "other"),
            title_en=item.get("title_en", ""),
            place=self.actors.get(item["place"]) if item.get("place") else None,
            relation=relation,
            summary=item.get("summary", ""),
            summary_en=item.get("summary_en", ""),
            document_url=item.get("document_url", ""),
            signatories=[self.people[p] for p in item.get("signatories", []) if p in self.people],
            topics=item.get("topics", []),
            citations=[self._cite(c) for c in item.get("sources", [])],
        )
        self._note("agreements", i, item, self.recorder.agreement(fact, key=f"agreement:{item['key']}"))


def load_folder(folder: Path = DEFAULT_DIR, dataset: str | None = None) -> LoadReport:
    """Validate and load one data folder; raises DataError naming the file and record on bad data.

    `dataset` names the origin of its facts (default: see `dataset_name`).
    """
    return Loader(Path(folder), dataset).load()
