"""Load a folder of register data files (JSON) into the database: validated first, then in one transaction.

A folder holds sources.json, actors.json, relations.json, agreements.json and people.json (see
data/baden-wuerttemberg/README.md). Records are keyed by slug (or kind+home+partner for relations), so loading
twice changes nothing. Every passage must occur in its source document's text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from django.db import transaction

from .models import (
    Actor,
    Agreement,
    AgreementCitation,
    Person,
    Relation,
    RelationCitation,
    Role,
    Source,
    StatusChange,
    Topic,
)
from .vocab import ActorKind, Continent, RelationKind, Status, parse_partial_date

DEFAULT_DIR = Path(__file__).parent / "data" / "baden-wuerttemberg"
FILES = ("sources", "actors", "people", "relations", "agreements")


class DataError(Exception):
    """A data file is wrong; the message names the file and the record."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated))
        return ", ".join(f"{k}: {self.created.get(k, 0)} new, {self.updated.get(k, 0)} kept" for k in kinds)


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
    if code and pycountry.countries.get(alpha_2=code) is None:
        raise records.fail(i, item, f"unknown country code '{code}'")


class Loader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.report = LoadReport()
        self.files = {name: _Records(folder / f"{name}.json") for name in FILES}
        self.texts: dict[str, str] = {}
        self.sources: dict[str, Source] = {}
        self.actors: dict[str, Actor] = {}
        self.people: dict[str, Person] = {}
        self.topics = {t.slug: t for t in Topic.objects.all()}

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

    def _cite(self, cite: dict) -> dict:
        key = cite.get("source")
        if not key:
            return {}
        start_end = self._offsets(key, cite["passage"]) if cite.get("passage") else None
        return {
            "source": self.sources[key],
            "passage": _ws(cite.get("passage", "")),
            "passage_start": start_end[0] if start_end else None,
            "passage_end": start_end[1] if start_end else None,
        }

    # -- writing --------------------------------------------------------------------------------
    def load(self) -> LoadReport:
        self.validate()
        from weltnetz.search.index import deferred

        # Topics and status changes are written after their relation: index once, at the end, in bulk.
        with transaction.atomic(), deferred():
            for name in FILES:
                loader = getattr(self, f"_load_{name}")
                for _i, item in self.files[name].each():
                    loader(item)
        return self.report

    def _load_sources(self, item: dict) -> None:
        text = self.texts[item["key"]]
        published, _ = parse_partial_date(item.get("published_on"))
        source, created = Source.objects.update_or_create(
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            defaults={
                "title": item["title"],
                "kind": item.get("kind", Source.Kind.WEB_PAGE),
                "publisher": item.get("publisher", ""),
                "url": item.get("url", ""),
                "published_on": published,
                "file_name": Path(item["file"]).name,
                "text": text,
            },
        )
        self.sources[item["key"]] = source
        self.report.count("sources", created)

    def _load_actors(self, item: dict) -> None:
        actor, created = Actor.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "kind": item["kind"],
                "name": item["name"],
                "name_en": item.get("name_en", ""),
                "aliases": item.get("aliases", []),
                "country_code": item.get("country", ""),
                "subdivision_code": item.get("subdivision", ""),
                "continent": item.get("continent", ""),
                "latitude": item.get("lat"),
                "longitude": item.get("lon"),
                "wikidata_id": item.get("wikidata", ""),
                "is_home": item.get("is_home", False),
                "parent": self.actors.get(item["parent"]) if item.get("parent") else None,
                "description": item.get("description", ""),
                "description_en": item.get("description_en", ""),
            },
        )
        self.actors[item["slug"]] = actor
        self.report.count("actors", created)

    def _load_people(self, item: dict) -> None:
        person, created = Person.objects.update_or_create(slug=item["slug"], defaults={"name": item["name"]})
        self.people[item["slug"]] = person
        self.report.count("people", created)
        for role in item.get("roles", []):
            start, _ = parse_partial_date(role.get("start"))
            end, _ = parse_partial_date(role.get("end"))
            Role.objects.update_or_create(
                person=person,
                title=role["title"],
                affiliation=self.actors[role["affiliation"]],
                defaults={"title_en": role.get("title_en", ""), "start": start, "end": end, **self._cite(role)},
            )

    def _load_relations(self, item: dict) -> None:
        from django.conf import settings

        home = self.actors.get(item.get("home") or settings.WELTNETZ_HOME_REGION) or Actor.objects.get(
            slug=item.get("home") or settings.WELTNETZ_HOME_REGION
        )
        partner = self.actors[item["partner"]]
        relation, created = Relation.objects.update_or_create(
            kind=item["kind"],
            home=home,
            partner=partner,
            defaults={
                "since": item.get("since"),
                "since_note": item.get("since_note", ""),
                "since_note_en": item.get("since_note_en", ""),
                "title": item.get("title", ""),
                "title_en": item.get("title_en", ""),
                "country_code": item.get("country") or partner.country_code,
                "note": item.get("note", ""),
                "note_en": item.get("note_en", ""),
                "live": True,
            },
        )
        relation.topics.set([self.topics[s] for s in item.get("topics", [])])
        relation.save()  # a ParentalManyToManyField is committed by the cluster's save
        # The data file is the whole truth for this relation: replace history and citations.
        relation.status_changes.all().delete()
        for change in item.get("status", []):
            day, precision = parse_partial_date(change.get("date"))
            StatusChange.objects.create(
                relation=relation,
                status=change["status"],
                date=day,
                precision=change.get("precision", precision),
                note=change.get("note", ""),
                note_en=change.get("note_en", ""),
                **self._cite(change),
            )
        relation.citations.all().delete()
        for cite in item["sources"]:
            RelationCitation.objects.create(relation=relation, field=cite.get("field", "record"), **self._cite(cite))
        relation.refresh_status()
        self.report.count("relations", created)

    def _load_agreements(self, item: dict) -> None:
        day, precision = parse_partial_date(item.get("date"))
        partner = self.actors[item["partner"]]
        relation = None
        if ref := item.get("relation"):
            relation = Relation.objects.filter(
                kind=ref["kind"], partner__slug=ref["partner"], home__is_home=True
            ).first()
        agreement, created = Agreement.objects.update_or_create(
            title=item["title"],
            partner=partner,
            date=day,
            defaults={
                "title_en": item.get("title_en", ""),
                "kind": item.get("kind", Agreement.Kind.OTHER),
                "date_precision": precision,
                "place": self.actors.get(item["place"]) if item.get("place") else None,
                "relation": relation,
                "summary": item.get("summary", ""),
                "summary_en": item.get("summary_en", ""),
                "document_url": item.get("document_url", ""),
                "live": True,
            },
        )
        agreement.signatories.set([self.people[p] for p in item.get("signatories", [])])
        agreement.topics.set([self.topics[s] for s in item.get("topics", [])])
        agreement.save()
        agreement.citations.all().delete()
        for cite in item.get("sources", []):
            AgreementCitation.objects.create(agreement=agreement, **self._cite(cite))
        self.report.count("agreements", created)


def load_folder(folder: Path = DEFAULT_DIR) -> LoadReport:
    """Validate and load one data folder; raises DataError naming the file and record on bad data."""
    return Loader(Path(folder)).load()
