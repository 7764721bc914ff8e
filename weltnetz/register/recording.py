"""The one writer of facts: actors, relations with their status history, agreements, people and roles,
each with the citation of the source that states it.

The loader, the review queue and every importer only build facts (the dataclasses below) and hand them to a
`Recorder`; the register's invariants live here once: name keys and slugs (register.names), country codes,
the current status derived from the history, revisions of revisioned records, and the `recorded` signal
that the search index (and anything else above the register) listens to.

Every row a recorder writes carries its **origin** (how the fact came in): `data_origin("<folder>")` for
load_register, `import_origin("<importer>")` for importers, `REVIEW` for facts editors accept from documents;
rows editors type in the admin have the origin `EDITOR` (empty). Two ways of recording:

- merge (the default): add what is new, fill what is empty, never change a value the register holds
  already; a different value is reported in `Recorded.conflicts` and kept.
- replace (`replace=True`, for an origin that owns its facts, such as a data folder): the origin's earlier
  assertion of the record (an `Assertion` row, keyed by the origin's own `key`) is updated to the new one
  where nobody changed it since. Where an editor or another source did, their version is kept and the
  difference reported as a conflict. Rows of other origins (accepted press releases, editors' status
  changes and sources) are never touched.

Records of Wagtail's draft models (relations, agreements) are written live and published (`publish=True`),
or as a draft revision for moderation (`publish=False`): a new record is then created unpublished, and a
change to a published one goes into a revision only, leaving the live row as it is. `dry_run=True` on any
call returns the changes it would make (a diff against the record as it is) and writes nothing.

    with Recorder(data_origin("baden-wuerttemberg"), replace=True) as rec:   # one batch: indexed once
        rec.relation(RelationFact(kind="state_partnership", home=bw, partner=kanagawa, since=1989), key=...)

    Recorder(REVIEW, user=editor).relation(fact, dry_run=True).changes         # what accepting would change

Bulk (importers): `Recorder.add_actors` and `Recorder.add_relations` stream plain rows into the tables in
batches (executemany with ids reserved first, no ORM object per row), announce each batch (so the search index
follows batch by batch, never the whole import at once), and write no revisions (a record's first revision is
made when an editor first edits it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import hashlib
import itertools
import json
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from . import names
from .countries import continent_of, is_country, is_subdivision
from .models import (
    Actor,
    Agreement,
    AgreementCitation,
    Assertion,
    Person,
    Relation,
    RelationCitation,
    Role,
    Source,
    StatusChange,
    Topic,
)
from .querysets import ids_in
from .signals import recorded
from .vocab import ActorKind, Continent, Precision, RelationKind, Status, TwinningCategory

M = TypeVar("M", bound=models.Model)
EDITOR = ""  # rows typed in the admin
REVIEW = "review"  # facts editors accepted from an ingested document
BATCH = 2000  # rows per bulk_create, and per search indexing round


def data_origin(folder: str) -> str:
    """The origin of the facts a data folder asserts (load_register)."""
    return f"data:{folder}"


def import_origin(name: str) -> str:
    """The origin of the facts an importer brings in (e.g. "twin_cities")."""
    return f"import:{name}"


class RecordingError(ValueError):
    """A fact breaks one of the register's rules; `field` names the part, the message says why."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


# -- the facts callers build ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cite:
    """Where a fact is stated: a source, the passage (with its offsets when known) and, for a relation, which
    part of it the passage supports ("record", "since", "topics")."""

    source: Source | None = None
    passage: str = ""
    start: int | None = None
    end: int | None = None
    field: str = RelationCitation.Field.RECORD

    def columns(self, origin: str) -> dict[str, Any]:
        return {
            "source": self.source,
            "passage": self.passage,
            "passage_start": self.start,
            "passage_end": self.end,
            "origin": origin,
        }


@dataclass(frozen=True)
class StatusFact:
    """A status the relation has from `date` on (None: the source gives no date, it holds "now")."""

    status: str
    date: dt.date | None = None
    precision: str = Precision.YEAR
    note: str = ""
    note_en: str = ""
    cite: Cite | None = None


@dataclass(frozen=True)
class ActorFact:
    """A place or body; identified by its slug (made from the name when empty)."""

    name: str
    kind: str
    slug: str = ""
    name_en: str = ""
    aliases: Sequence[str] = ()
    country: str = ""
    subdivision: str = ""
    continent: str = ""  # taken from the country when empty
    lat: float | None = None
    lon: float | None = None
    wikidata: str = ""
    is_home: bool = False
    parent: Actor | None = None
    description: str = ""
    description_en: str = ""
    website: str = ""


@dataclass(frozen=True)
class RelationFact:
    """A relation of `home` with `partner`; identified by (kind, home, partner). Empty values are not asserted.

    For town twinnings, which side is `home` follows one convention: see `twinning_home_first`.
    """

    kind: str
    home: Actor
    partner: Actor
    since: int | None = None
    since_note: str = ""
    since_note_en: str = ""
    title: str = ""
    title_en: str = ""
    country: str = ""  # the partner's country when empty
    category: str = ""
    note: str = ""
    note_en: str = ""
    topics: Sequence[str] = ()
    status: Sequence[StatusFact] = ()
    citations: Sequence[Cite] = ()


@dataclass(frozen=True)
class AgreementFact:
    """A signed document; identified by (title, partner, date) unless a replacing origin's key says which."""

    title: str
    partner: Actor
    date: dt.date | None = None
    date_precision: str = ""  # day, when a new agreement has a date and this is empty
    kind: str = ""  # "other" for a new agreement when empty
    title_en: str = ""
    place: Actor | None = None
    relation: Relation | None = None
    summary: str = ""
    summary_en: str = ""
    document_url: str = ""
    signatories: Sequence[Person] = ()
    topics: Sequence[str] = ()
    citations: Sequence[Cite] = ()


@dataclass(frozen=True)
class RoleFact:
    """An office a person holds for an actor; identified by (person, title, affiliation)."""

    title: str
    affiliation: Actor
    title_en: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    cite: Cite | None = None


@dataclass(frozen=True)
class PersonFact:
    """A person with roles; identified by the slug (made from the name when empty)."""

    name: str
    slug: str = ""
    roles: Sequence[RoleFact] = ()


# -- what recording did -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """A part of the record that the fact changes (or would change, in a dry run)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Conflict:
    """A part where the register holds something else than the fact, changed by someone else: kept as it is."""

    field: str
    kept: Any
    asserted: Any
    by: str = ""  # whose change the kept value is, as far as the register knows ("editor anna, 2025-03-02")

    def describe(self) -> str:
        who = f" ({self.by})" if self.by else ""
        return f"{self.field}: the register holds {_show(self.kept)}{who}, not {_show(self.asserted)}"


@dataclass
class Recorded:
    """The outcome of recording one fact."""

    record: models.Model | None
    created: bool = False
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    revision: Any = None  # the Wagtail revision written, if any

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changes)


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple, set)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if value in (None, ""):
        return "nothing"
    return f"'{value}'" if isinstance(value, str) else str(value)


# -- batches and the `recorded` signal ---------------------------------------------------------------------
_local = threading.local()


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Record many facts at once: work that follows each write (search indexing) waits until the outermost
    batch ends, then `recorded` is sent once per model with every id written inside. Nothing is sent when
    the block fails (its transaction rolls back)."""
    outer = getattr(_local, "touched", None) is None
    if outer:
        _local.touched = {}
    try:
        yield
        if outer:
            touched, _local.touched = _local.touched, None
            for model, ids in touched.items():
                ordered = sorted(ids)
                for start in range(0, len(ordered), BATCH):
                    recorded.send(sender=model, ids=ordered[start : start + BATCH])
    finally:
        if outer:
            _local.touched = None


def in_batch() -> bool:
    """Whether a batch is open in this thread (listeners to post_save may leave their work to `recorded`)."""
    return getattr(_local, "touched", None) is not None


def announce(model: type[models.Model], ids: Iterable[int]) -> None:
    """Tell listeners that rows of `model` were written: now, or at the end of the open batch."""
    touched = getattr(_local, "touched", None)
    ids = [i for i in ids if i is not None]
    if not ids:
        return
    if touched is None:
        recorded.send(sender=model, ids=ids)
    else:
        touched.setdefault(model, set()).update(ids)


# -- the invariants ----------------------------------------------------------------------------------------
def check_country(code: str, part: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code in upper case ('' stays ''); RecordingError for anything else."""
    code = (code or "").strip().upper()
    if code and not is_country(code):
        raise RecordingError(part, f"'{code}' is not an ISO 3166-1 alpha-2 country code")
    return code


def _choice(value: str, allowed: Iterable[str], part: str) -> str:
    if value and value not in allowed:
        raise RecordingError(part, f"'{value}' is not one of {', '.join(allowed)}")
    return value


def derived_status(changes: Iterable[StatusChange]) -> str:
    """The current status by the history: the last change in time order, undated ones ("now") last."""
    ordered = sorted(changes, key=lambda c: (c.date is None, c.date or dt.date.min, c.pk or 0))
    return ordered[-1].status if ordered else ""


def home_country() -> str:
    """The country of the home region (settings.WELTNETZ_HOME_REGION); '' before the register is loaded."""
    row = Actor.objects.filter(slug=settings.WELTNETZ_HOME_REGION).values_list("country_code", flat=True).first()
    return row or ""


Side = tuple[str, str, float | None, float | None]  # country, name, latitude, longitude


def twinning_home_first(a: Side, b: Side, home_country: str) -> bool:
    """The one convention for which side of a town twinning is `home`: whether side `a` is.

    The town in the home region's country is home (a German town, for a German state's register); where
    both or neither are, the pair is put in a stable order by country, folded name and position, so a pair
    and its reverse are one relation. Adapters never guess: they ask a relation for the other side of a
    town (`Relation.other_side`).
    """
    if (a[0] == home_country) != (b[0] == home_country):
        return a[0] == home_country
    key_a = (a[0], names.fold(a[1]), a[2] or 0, a[3] or 0)
    key_b = (b[0], names.fold(b[1]), b[2] or 0, b[3] or 0)
    return key_a <= key_b


def _empty(value: Any) -> bool:
    return value is None or value == "" or value is False or value == [] or value == ()


SAME, SET, CONFLICT = "same", "set", "conflict"


def _plain(value: Any) -> Any:
    """A value as JSON keeps it (dates as ISO strings), so an assertion compares with the record."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _decide(current: Any, proposed: Any, base: dict | None, name: str) -> str:
    """Whether a field takes the proposed value: the three-way rule of the module docstring."""
    current, proposed = _plain(current), _plain(proposed)
    if proposed == current:
        return SAME
    had = base is not None and name in base
    previous = base.get(name) if base is not None else None
    if _empty(proposed):  # not asserted (any more): clear only a value the origin itself set
        return SET if had and not _empty(previous) and current == previous else SAME
    if had:
        return SET if current == previous else CONFLICT
    return SET if _empty(current) else CONFLICT


def _changed_by(record: models.Model | None) -> str:
    """Who last changed a record in the admin, from its revisions ("editor anna, 2025-03-02")."""
    if record is None or record.pk is None or not hasattr(record, "revisions"):
        return ""
    revision = record.revisions.filter(user__isnull=False).select_related("user").order_by("-created_at").first()
    if revision is None:
        return ""
    return f"{revision.user.get_username()}, {timezone.localtime(revision.created_at):%Y-%m-%d}"


def _row_origin(origin: str, source: Source | None) -> str:
    if origin == EDITOR:
        return "entered in the admin"
    if origin == REVIEW:
        return f"accepted from “{source.title}”" if source else "accepted in the review queue"
    return origin


# -- keys of child rows (compared across loads) --------------------------------------------------------------
def _status_key(row: StatusChange | StatusFact, source_id: int | None, passage: str) -> list:
    """What makes two status changes the same: status, date, precision, notes and the passage citing it."""
    note = [row.note, row.note_en]
    return [str(row.status), _iso(row.date), str(row.precision), *note, source_id, " ".join(passage.split())]


def _status_key_of(change: StatusChange) -> list:
    return _status_key(change, change.source_id, change.passage)


def _status_key_of_fact(fact: StatusFact) -> list:
    cite = fact.cite or Cite()
    return _status_key(fact, cite.source.pk if cite.source else None, cite.passage)


def _cite_key(field_name: str, source_id: int | None, passage: str) -> list:
    return [field_name, source_id, " ".join(passage.split())]


def _cite_key_of_fact(cite: Cite, with_field: bool = True) -> list:
    return _cite_key(cite.field if with_field else "", cite.source.pk if cite.source else None, cite.passage)


def _multiset(keys: Iterable[list]) -> Counter:
    return Counter(_text(k) for k in keys)


def _text(key: list) -> str:
    """A row key as comparable text (as stored in an assertion's JSON)."""
    return json.dumps(_plain(key), ensure_ascii=False)


# -- the recorder --------------------------------------------------------------------------------------------
class Recorder:
    """Records facts for one origin, as one user (None: a command), live or as drafts; see the module docstring.

    Used as a context manager it is one batch (indexed once at the end). Every call runs in a transaction.
    """

    def __init__(
        self,
        origin: str,
        *,
        user: Any = None,
        replace: bool = False,
        publish: bool = True,
        overrule: Iterable[str] = (),
    ):
        self.origin, self.user, self.replace, self.publish = origin, user, replace, publish
        # Fields whose value the register holds that this caller replaces on purpose (an editor who accepted
        # a different start year from a document): a decision, not a conflict.
        self.overrule = frozenset(overrule)
        self._batch: contextlib.AbstractContextManager | None = None
        self._topics: dict[str, Topic] | None = None

    def __enter__(self) -> Recorder:
        self._batch = batch()
        self._batch.__enter__()
        return self

    def __exit__(self, *exc: Any) -> bool | None:
        assert self._batch is not None
        return self._batch.__exit__(*exc)

    # -- assertions (replace mode) --
    def _draft(self, record: M | None) -> M | None:
        """For a draft (publish=False), the record as its latest draft has it: changes build on waiting ones."""
        if record is None or self.publish or not getattr(record, "has_unpublished_changes", False):
            return record
        latest = getattr(record, "latest_revision", None)
        return latest.as_object() if latest is not None else record

    def _assertion(self, key: str | None, model: type[M]) -> tuple[Assertion | None, M | None]:
        """The origin's earlier assertion under `key` and the record it points to (None when it was deleted)."""
        if not self.replace or not key:
            return None, None
        assertion = Assertion.objects.filter(origin=self.origin, key=key).first()
        if assertion is None:
            return None, None
        return assertion, model._default_manager.filter(pk=assertion.object_id).first()

    def _finish(self, key: str | None, record: models.Model, values: dict[str, Any]) -> None:
        """Keep what the origin asserted (replace mode) and announce the record (indexed, even if unchanged)."""
        announce(type(record), [record.pk])
        if self.replace and key:
            kept = Assertion.objects.filter(origin=self.origin, key=key).values_list("object_id", "values").first()
            if kept == (record.pk, _plain(values)):
                return  # asserted as before: no write
            Assertion.objects.update_or_create(
                origin=self.origin,
                key=key,
                defaults={
                    "content_type": ContentType.objects.get_for_model(type(record)),
                    "object_id": record.pk,
                    "values": _plain(values),
                },
            )

    @staticmethod
    def _removed(key: str, assertion: Assertion) -> Recorded:
        """The origin asserted this record before and someone deleted it since: not created again."""
        return Recorded(None, conflicts=[Conflict("record", None, key, "deleted in the register since")])

    def topics(self, slugs: Iterable[str]) -> list[Topic]:
        if self._topics is None:
            self._topics = {t.slug: t for t in Topic.objects.all()}
        unknown = sorted(set(slugs) - set(self._topics))
        if unknown:
            raise RecordingError("topics", f"unknown topic {', '.join(unknown)}")
        return [self._topics[s] for s in dict.fromkeys(slugs)]

    # -- fields --
    def _plan_fields(
        self, record: models.Model | None, values: dict[str, Any], base: dict | None, result: Recorded
    ) -> dict[str, Any]:
        """The fields to set on `record` (all of them for a new one), noting changes and conflicts."""
        if record is None:
            result.changes.extend(Change(k, None, v) for k, v in values.items() if not _empty(v))
            return dict(values)
        updates = {}
        by = None
        for name, proposed in values.items():
            current = getattr(record, name)
            outcome = _decide(current, proposed, base, name)
            if outcome == SET:
                updates[name] = proposed
                result.changes.append(Change(name, current, proposed))
            elif outcome == CONFLICT and name in self.overrule:
                updates[name] = proposed
                result.changes.append(Change(name, current, proposed))
            elif outcome == CONFLICT:
                by = _changed_by(record) if by is None else by
                result.conflicts.append(Conflict(name, current, proposed, by))
        return updates

    def _plan_set(
        self, part: str, current: set, proposed: set, base: dict | None, result: Recorded, record
    ) -> tuple[set, set]:
        """(add, remove) for a set-valued part (topics, signatories): per element, the three-way rule."""
        previous = set(base[part]) if base is not None and part in base else None
        add = proposed - current
        remove: set = set()
        if previous is not None:
            refused = {x for x in add if x in previous}  # the origin's own earlier value, removed since
            add -= refused
            remove = (previous - proposed) & current
            if refused:
                result.conflicts.append(Conflict(part, sorted(current), sorted(proposed), _changed_by(record)))
        if add or remove:
            result.changes.append(Change(part, sorted(current), sorted((current | add) - remove)))
        return add, remove

    def _plan_rows(
        self,
        part: str,
        rows: list,
        key_of,
        proposed: list[list],
        base: dict | None,
        result: Recorded,
        record,
        adopt_key=None,
    ) -> tuple[list, list[int], list]:
        """(rows to delete, positions of proposed rows to add, unowned rows to adopt) for rows the origin owns.

        Replace: the origin's rows become the proposed ones unless someone edited them since the last load
        (then they are kept, and that is a conflict). Merge: proposed rows the record lacks are added.
        """
        if not self.replace:
            have = _multiset(key_of(r) for r in rows)
            add = []
            for i, key in enumerate(proposed):
                if have[_text(key)] == 0:
                    add.append(i)
                    have[_text(key)] += 1
            if add:
                result.changes.append(Change(part, len(rows), len(rows) + len(add)))
            return [], add, []
        own = [r for r in rows if r.origin == self.origin]
        adopt: list = []
        if base is None or part not in base:
            # First load under provenance: rows nobody claims that equal proposed ones are the origin's.
            wanted = _multiset((adopt_key or (lambda k: k))(k) for k in proposed)
            for r in rows:
                k = _text((adopt_key or (lambda k: k))(key_of(r)))
                if r.origin == EDITOR and wanted[k] > 0:
                    wanted[k] -= 1
                    adopt.append(r)
            previous = _multiset([*(key_of(r) for r in own), *(key_of(r) for r in adopt)])
        else:
            previous = _multiset(base[part])
        mine = own + adopt
        now = _multiset(key_of(r) for r in mine)
        target = _multiset(proposed)
        if now != previous and now != target:
            result.conflicts.append(
                Conflict(part, len(mine), len(proposed), _changed_by(record) or "edited in the register since")
            )
            return [], [], []
        keep = Counter(target)
        delete = []
        for r in mine:
            k = _text(key_of(r))
            if keep[k] > 0:
                keep[k] -= 1
            else:
                delete.append(r)
        remaining = _multiset(key_of(r) for r in mine if r not in delete)
        add = []
        for i, key in enumerate(proposed):
            if remaining[_text(key)] > 0:
                remaining[_text(key)] -= 1
            else:
                add.append(i)
        if delete or add:
            result.changes.append(Change(part, len(mine), len(mine) - len(delete) + len(add)))
        return delete, add, adopt

    # -- revisions --
    def _save(self, record: Any, result: Recorded) -> None:
        """Write the record: live (saved, with a published revision) or as a draft revision for moderation."""
        drafts = hasattr(record, "live")
        if not drafts:
            record.save()
            if hasattr(record, "save_revision"):
                result.revision = record.save_revision(user=self.user, log_action=True, clean=False)
            return
        if self.publish or record.pk is None:
            if not self.publish:
                record.live = False
            record.save()  # commits the cluster: topics, status changes, citations
        if self.publish:
            result.revision = _publish(record, self.user)
        else:
            result.revision = record.save_revision(user=self.user, log_action=True, clean=False)

    # -- actors --
    def actor(self, fact: ActorFact, *, key: str | None = None, dry_run: bool = False) -> Recorded:
        """Record a place or body (identified by its slug)."""
        slug = fact.slug or names.slug_base(fact.name)
        country = check_country(fact.country)
        _choice(fact.kind, ActorKind.values, "kind")
        if fact.subdivision and not is_subdivision(fact.subdivision.upper()):
            raise RecordingError("subdivision", f"'{fact.subdivision}' is not an ISO 3166-2 code")
        _choice(fact.continent, Continent.values, "continent")
        lat, lon = fact.lat, fact.lon
        if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
            raise RecordingError("coordinates", "out of range")
        values = {
            "kind": fact.kind,
            "name": fact.name.strip(),
            "name_en": fact.name_en,
            "aliases": list(fact.aliases),
            "country_code": "" if fact.kind == ActorKind.NETWORK and not fact.country else country,
            "subdivision_code": fact.subdivision.upper(),
            "continent": fact.continent or continent_of(country),
            "latitude": fact.lat,
            "longitude": fact.lon,
            "wikidata_id": fact.wikidata,
            "is_home": fact.is_home,
            "parent_id": fact.parent.pk if fact.parent else None,
            "description": fact.description,
            "description_en": fact.description_en,
            "website": fact.website,
        }
        key = key or slug
        with transaction.atomic(), batch():
            assertion, actor = self._assertion(key, Actor)
            if assertion is not None and actor is None:
                return self._removed(key, assertion)
            actor = actor or Actor.objects.filter(slug=slug).first()
            result = Recorded(actor, created=actor is None)
            base = assertion.values.get("fields") if assertion else None
            updates = self._plan_fields(actor, values, base, result)
            if dry_run or not (result.created or updates):
                if not dry_run and actor is not None:
                    self._finish(key, actor, {"fields": _plain(values)})
                return result
            if actor is None:
                actor = Actor(slug=slug)
            for name, value in updates.items():
                setattr(actor, name, value)
            self._save(actor, result)
            result.record = actor
            self._finish(key, actor, {"fields": _plain(values)})
            return result

    # -- relations --
    def relation(self, fact: RelationFact, *, key: str | None = None, dry_run: bool = False) -> Recorded:
        """Record a relation with its status history, topics and sources (identified by kind, home and partner)."""
        _choice(fact.kind, RelationKind.values, "kind")
        _choice(fact.category, TwinningCategory.values, "category")
        for s in fact.status:
            _choice(s.status, Status.values, "status")
        if fact.since is not None and not 1000 <= fact.since <= timezone.localdate().year + 1:
            raise RecordingError("since", f"{fact.since} is not a plausible year")
        topics = self.topics(fact.topics)
        values = {
            "since": fact.since,
            "since_note": fact.since_note,
            "since_note_en": fact.since_note_en,
            "title": fact.title,
            "title_en": fact.title_en,
            "country_code": check_country(fact.country),  # Relation.save() takes the partner's when empty
            "category": fact.category,
            "note": fact.note,
            "note_en": fact.note_en,
        }
        with transaction.atomic(), batch():
            assertion, rel = self._assertion(key, Relation)
            if assertion is not None and rel is None:
                return self._removed(key or "", assertion)
            rel = rel or Relation.objects.filter(kind=fact.kind, home=fact.home, partner=fact.partner).first()
            rel = self._draft(rel)
            result = Recorded(rel, created=rel is None)
            base = assertion.values if assertion else None
            updates = self._plan_fields(rel, values, base.get("fields") if base else None, result)
            if rel is not None and self.publish and not rel.live:
                outcome = _decide(False, True, base, "live")  # an origin that published it before: "live" in base
                if outcome == CONFLICT:
                    result.conflicts.append(Conflict("live", False, True, _changed_by(rel) or "unpublished"))
                else:
                    updates["live"] = True
                    result.changes.append(Change("live", False, True))
            current_topics = {t.slug for t in rel.topics.all()} if rel else set()
            add_topics, remove_topics = self._plan_set(
                "topics", current_topics, {t.slug for t in topics}, base, result, rel
            )
            status_plan = self._plan_status(rel, fact, base, result)
            cite_rows = list(rel.citations.all()) if rel else []
            cite_keys = [_cite_key_of_fact(c) for c in fact.citations]
            cites_delete, cites_add, cites_adopt = self._plan_rows(
                "citations",
                cite_rows,
                lambda c: _cite_key(c.field, c.source_id, c.passage),
                cite_keys,
                base,
                result,
                rel,
            )
            snapshot = {
                "fields": _plain(values),
                "live": True,
                "topics": sorted(t.slug for t in topics),
                "status": [_status_key_of_fact(s) for s in fact.status],
                "citations": cite_keys,
            }
            if dry_run:
                return result
            if rel is not None and not result.changed:  # nothing new; rows nobody claimed may become the origin's
                StatusChange.objects.filter(pk__in=[r.pk for r in status_plan[2]]).update(origin=self.origin)
                RelationCitation.objects.filter(pk__in=[c.pk for c in cites_adopt]).update(origin=self.origin)
                self._finish(key, rel, snapshot)
                return result
            if rel is None:
                rel = Relation(kind=fact.kind, home=fact.home, partner=fact.partner, live=self.publish)
            for name, value in updates.items():
                setattr(rel, name, value)
            if add_topics or remove_topics:
                by_slug = {t.slug: t for t in topics} | {t.slug: t for t in rel.topics.all()}
                rel.topics.set([by_slug[s] for s in sorted((current_topics | add_topics) - remove_topics)])
            self._apply_status(rel, fact, status_plan)
            for c in cites_adopt:
                c.origin = self.origin
            for c in cites_delete:
                rel.citations.remove(c)
            for i in cites_add:
                cite = fact.citations[i]
                rel.citations.add(RelationCitation(field=cite.field, **cite.columns(self.origin)))
            rel.status = derived_status(rel.status_changes.all())
            self._save(rel, result)
            result.record = rel
            self._finish(key, rel, snapshot)
            return result

    def _plan_status(self, rel: Relation | None, fact: RelationFact, base: dict | None, result: Recorded):
        """(rows to delete, facts to add, rows to adopt) for the status history, plus the check that the
        current status is what the fact says (a replacing origin: someone else's later change wins, reported)."""
        rows = list(rel.status_changes.all()) if rel else []
        proposed = [_status_key_of_fact(s) for s in fact.status]
        if self.replace:
            delete, add, adopt = self._plan_rows("status", rows, _status_key_of, proposed, base, result, rel)
            facts = [fact.status[i] for i in add]
        else:
            # Merge: dated changes start a history that has none; an undated one ("ruht", "now") is added
            # when it changes the current status.
            delete, adopt, facts = [], [], []
            have = {(r.status, r.date) for r in rows}
            if not rows:
                facts = [s for s in fact.status if s.date is not None and (s.status, s.date) not in have]
            current = (
                derived_status(rows) if not facts else sorted(facts, key=lambda s: s.date or dt.date.min)[-1].status
            )
            for s in fact.status:
                if s.date is None and s.status != current:
                    facts.append(s)
                    current = s.status
            if facts:
                result.changes.append(Change("status", derived_status(rows), current))
        if self.replace and fact.status:
            kept = [r for r in rows if r not in delete]
            final = derived_status([*kept, *(StatusChange(status=s.status, date=s.date) for s in facts)])
            asserted = derived_status(StatusChange(status=s.status, date=s.date) for s in fact.status)
            if final != asserted:
                decider = sorted(kept, key=lambda c: (c.date is None, c.date or dt.date.min, c.pk or 0))[-1]
                if decider.origin != self.origin:
                    when = f" from {decider.date:%Y-%m-%d}" if decider.date else ""
                    by = _row_origin(decider.origin, decider.source)
                    if decider.origin == EDITOR and (who := _changed_by(rel)):
                        by = f"{by}: {who}"
                    result.conflicts.append(Conflict("status", f"{decider.status}{when}", asserted, by))
        return delete, facts, adopt

    def _apply_status(self, rel: Relation, fact: RelationFact, plan) -> None:
        delete, facts, adopt = plan
        for row in adopt:
            row.origin = self.origin
        for row in delete:
            rel.status_changes.remove(row)
        for s in facts:
            cite = s.cite or Cite()
            rel.status_changes.add(
                StatusChange(
                    status=s.status,
                    date=s.date,
                    precision=s.precision,
                    note=s.note,
                    note_en=s.note_en,
                    **cite.columns(self.origin),
                )
            )

    def status(self, relation: Relation, fact: StatusFact, *, dry_run: bool = False) -> Recorded:
        """Add a status change to a relation (merge rule: an undated change only where it changes the status)."""
        return self.relation(
            RelationFact(kind=relation.kind, home=relation.home, partner=relation.partner, status=[fact]),
            dry_run=dry_run,
        )

    def cite(self, record: Relation | Agreement, cite: Cite, *, dry_run: bool = False) -> Recorded:
        """Attach a citation to a fact the register holds (a relation, or an agreement); once per passage."""
        if isinstance(record, Relation):
            return self.relation(
                RelationFact(kind=record.kind, home=record.home, partner=record.partner, citations=[cite]),
                dry_run=dry_run,
            )
        return self.agreement(
            AgreementFact(title=record.title, partner=record.partner, date=record.date, citations=[cite]),
            record=record,
            dry_run=dry_run,
        )

    # -- agreements --
    def agreement(
        self,
        fact: AgreementFact,
        *,
        key: str | None = None,
        record: Agreement | None = None,
        dry_run: bool = False,
    ) -> Recorded:
        """Record a signed document with signatories, topics and sources. `record`: the agreement the caller
        already identified as the one the fact states (the review queue matches titles loosely)."""
        _choice(fact.kind, Agreement.Kind.values, "kind")
        _choice(fact.date_precision, Precision.values, "date_precision")
        if not fact.title.strip():
            raise RecordingError("title", "a title is required")
        topics = self.topics(fact.topics)
        values = {
            "title": fact.title.strip()[:300],
            "partner_id": fact.partner.pk,
            "date": fact.date,
            "title_en": fact.title_en,
            "kind": fact.kind,
            "date_precision": fact.date_precision,
            "place_id": fact.place.pk if fact.place else None,
            "relation_id": fact.relation.pk if fact.relation else None,
            "summary": fact.summary,
            "summary_en": fact.summary_en,
            "document_url": fact.document_url,
        }
        with transaction.atomic(), batch():
            assertion, agreement = self._assertion(key, Agreement)
            if assertion is not None and agreement is None:
                return self._removed(key or "", assertion)
            agreement = (
                agreement
                or record
                or Agreement.objects.filter(title=values["title"], partner=fact.partner, date=fact.date).first()
            )
            agreement = self._draft(agreement)
            result = Recorded(agreement, created=agreement is None)
            base = assertion.values if assertion else None
            if record is not None and not self.replace:  # a known agreement: only what it lacks
                values = {k: v for k, v in values.items() if k not in ("title", "partner_id", "date")}
            updates = self._plan_fields(agreement, values, base.get("fields") if base else None, result)
            current_people = {p.pk for p in agreement.signatories.all()} if agreement else set()
            add_people, remove_people = self._plan_set(
                "signatories", current_people, {p.pk for p in fact.signatories}, base, result, agreement
            )
            current_topics = {t.slug for t in agreement.topics.all()} if agreement else set()
            add_topics, remove_topics = self._plan_set(
                "topics", current_topics, {t.slug for t in topics}, base, result, agreement
            )
            rows = list(agreement.citations.all()) if agreement else []
            cite_keys = [_cite_key_of_fact(c, with_field=False) for c in fact.citations]
            delete, add, adopt = self._plan_rows(
                "citations", rows, lambda c: _cite_key("", c.source_id, c.passage), cite_keys, base, result, agreement
            )
            snapshot = {
                "fields": _plain(values),
                "signatories": sorted(p.pk for p in fact.signatories),
                "topics": sorted(t.slug for t in topics),
                "citations": cite_keys,
            }
            if dry_run:
                return result
            if agreement is not None and not result.changed:
                AgreementCitation.objects.filter(pk__in=[c.pk for c in adopt]).update(origin=self.origin)
                self._finish(key, agreement, snapshot)
                return result
            if agreement is None:
                agreement = Agreement(live=self.publish, kind=Agreement.Kind.OTHER, date_precision=Precision.DAY)
            for name, value in updates.items():
                setattr(agreement, name, value)
            if self.publish and not agreement.live and agreement.pk is not None:
                agreement.live = True
            if add_people or remove_people:
                keep = (current_people | add_people) - remove_people
                agreement.signatories.set(list(Person.objects.filter(pk__in=keep).order_by("pk")))
            if add_topics or remove_topics:
                by_slug = {t.slug: t for t in Topic.objects.filter(slug__in=current_topics | add_topics)}
                agreement.topics.set([by_slug[s] for s in sorted((current_topics | add_topics) - remove_topics)])
            for c in adopt:
                c.origin = self.origin
            for c in delete:
                agreement.citations.remove(c)
            for i in add:
                agreement.citations.add(AgreementCitation(**fact.citations[i].columns(self.origin)))
            self._save(agreement, result)
            result.record = agreement
            self._finish(key, agreement, snapshot)
            return result

    # -- people --
    def person(self, fact: PersonFact, *, key: str | None = None, dry_run: bool = False) -> Recorded:
        """Record a person (identified by slug) and the roles the fact gives (each by title and affiliation)."""
        if not fact.name.strip():
            raise RecordingError("name", "a name is required")
        slug = (fact.slug or names.slug_base(fact.name, fallback=""))[:200] or names.unique_slug(fact.name, Person)
        key = key or slug
        role_keys = [self._role_key(r) for r in fact.roles]
        terms: list[tuple[Role, dict[str, dt.date]]] = []  # terms of offices held, filled where empty (merge)
        with transaction.atomic(), batch():
            assertion, person = self._assertion(key, Person)
            if assertion is not None and person is None:
                return self._removed(key, assertion)
            person = person or Person.objects.filter(slug=slug).first()
            result = Recorded(person, created=person is None)
            base = assertion.values if assertion else None
            values = {"name": fact.name.strip()[:200]}
            updates = self._plan_fields(person, values, base.get("fields") if base else None, result)
            rows = list(person.roles.all()) if person else []
            if self.replace:
                delete, add, adopt = self._plan_rows(
                    "roles",
                    rows,
                    lambda r: [r.title, r.affiliation_id, r.title_en, _iso(r.start), _iso(r.end), r.source_id],
                    role_keys,
                    base,
                    result,
                    person,
                    adopt_key=lambda k: k[:2],  # an unclaimed role of the same title and body is the same office
                )
            else:  # merge: an office the person does not hold yet; a term where the held office has none
                held = {(r.title, r.affiliation_id): r for r in rows}
                delete, adopt = [], []
                add = [i for i, r in enumerate(fact.roles) if (r.title.strip()[:200], r.affiliation.pk) not in held]
                if add:
                    result.changes.append(Change("roles", len(rows), len(rows) + len(add)))
                for r in fact.roles:
                    row = held.get((r.title.strip()[:200], r.affiliation.pk))
                    if row is None:
                        continue
                    term = {k: v for k, v in (("start", r.start), ("end", r.end)) if v and getattr(row, k) is None}
                    if term:
                        terms.append((row, term))
                        result.changes.extend(Change(f"role term: {k}", None, v) for k, v in term.items())
            snapshot = {"fields": values, "roles": role_keys}
            if dry_run:
                return result
            if result.created or updates:
                person = person or Person(slug=slug)
                for name, value in updates.items():
                    setattr(person, name, value)
                self._save(person, result)
                result.record = person
            assert person is not None
            Role.objects.filter(pk__in=[r.pk for r in delete]).delete()
            Role.objects.filter(pk__in=[r.pk for r in adopt if r not in delete]).update(origin=self.origin)
            for row, term in terms:
                Role.objects.filter(pk=row.pk).update(**term)
            for i in add:
                role = fact.roles[i]
                cite = role.cite or Cite()
                Role.objects.create(
                    person=person,
                    title=role.title.strip()[:200],
                    affiliation=role.affiliation,
                    title_en=role.title_en,
                    start=role.start,
                    end=role.end,
                    **cite.columns(self.origin),
                )
            self._finish(key, person, snapshot)
            return result

    @staticmethod
    def _role_key(role: RoleFact) -> list:
        source_id = role.cite.source.pk if role.cite and role.cite.source else None
        return [role.title, role.affiliation.pk, role.title_en, _iso(role.start), _iso(role.end), source_id]

    # -- bulk (importers) --
    def add_actors(self, rows: Iterable[ActorRow]) -> list[int]:
        """Create places in batches (no revisions); returns their ids in the order given."""
        ids: list[int] = []
        for chunk in _chunks(rows, BATCH):
            ids.extend(self._bulk().actors(chunk))
        return ids

    def link_parts(self, pairs: Iterable[tuple[int, int]]) -> int:
        """Make places parts of others ("Vaihingen (Stuttgart)" of Stuttgart): (part id, whole id) pairs."""
        rows = [(whole, part) for part, whole in pairs]
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {Actor._meta.db_table} SET parent_id = %s WHERE id = %s", rows)  # noqa: S608
            announce(Actor, [part for _, part in rows])
        return len(rows)

    def set_aliases(self, aliases: Iterable[tuple[int, Sequence[str]]]) -> int:
        """Replace the other spellings of places created in bulk: (id, aliases) pairs."""
        field = Actor._meta.get_field("aliases")
        rows = [(field.get_db_prep_save(list(names), connection), pk) for pk, names in aliases]
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {Actor._meta.db_table} SET aliases = %s WHERE id = %s", rows)  # noqa: S608
            announce(Actor, [pk for _, pk in rows])
        return len(rows)

    def add_relations(self, rows: Iterable[RelationRow], *, source: Source) -> int:
        """Create relations with their citation (and status, where given) in batches; rows whose pair the register
        held before this recorder's first bulk write (either way round) are skipped. The caller passes each pair
        once (an importer de-duplicates its file itself), so nothing grows here with the rows. Returns the number
        created."""
        created = 0
        for chunk in _chunks(rows, BATCH):
            created += self._bulk().relations(chunk, source, self.origin)
        return created

    def _bulk(self) -> _BulkWriter:
        writer = getattr(self, "_bulk_writer", None)
        if writer is None:
            writer = self._bulk_writer = _BulkWriter()
        return writer


@functools.cache
def _values(choices: type[models.TextChoices]) -> frozenset[str]:
    return frozenset(["", *choices.values])


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _Table:
    """Rows of one model written with executemany: every column gets the model's default, some are set per row.

    bulk_create builds a model instance per row and compiles its SQL per batch; for a million rows that was
    most of an import's time. The invariants stay those of the recording service: values are checked by the
    callers below before they get here.
    """

    def __init__(self, model: type[models.Model], names: Sequence[str]):
        now = timezone.now()
        concrete = list(model._meta.concrete_fields)
        by_name = {f.attname: f for f in concrete}
        self.names = list(names)
        fields = [f for f in concrete if not f.primary_key or f.attname in self.names]
        defaults = []
        for f in fields:
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            defaults.append(f.get_db_prep_save(now if auto else f.get_default(), connection))
        self.template = defaults
        self.positions = [fields.index(by_name[n]) for n in self.names]
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - the model's own names

    def write(self, cursor: Any, rows: Iterable[Sequence[Any]]) -> None:
        out = []
        template, positions = self.template, self.positions
        for values in rows:
            row = template.copy()
            for pos, value in zip(positions, values, strict=True):
                row[pos] = value
            out.append(row)
        if out:
            cursor.executemany(self.sql, out)


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` new primary keys for `model`, taken inside the caller's transaction (SQLite: after its write lock)."""
    if n <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        quoted = connection.ops.quote_name(table)
        # takes the write lock first; `WHERE 0` scanned the whole table (SQLite plans it as a SCAN): 3 % of a
        # million-row import, which asks for ids every batch. No row has a negative id: a primary-key seek.
        cursor.execute(f"UPDATE {quoted} SET id = id WHERE id < 0")  # noqa: S608
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608
        first = cursor.fetchone()[0] + 1
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seq = cursor.fetchone()
            if seq and seq[0] is not None:
                first = max(first, seq[0] + 1)
        return list(range(first, first + n))


@contextlib.contextmanager
def deferred_indexes(model: type[models.Model], kept: Sequence[str] = ("home_id", "partner_id")) -> Iterator[None]:
    """SQLite, inside the caller's transaction: drop the table's secondary indexes that a bulk write's own
    queries do not read, and build them again at the end of the block.

    Each inserted row went into every index at its own place: inserting a million twinnings took 18 s with the
    relations' indexes, 9 s without the eleven on kinds, countries, years and revisions, and building those
    afterwards (sorted) 3.6 s.
    Unique indexes stay (they are constraints), and so does any index on a column of `kept` among its first two
    (a place's relations, which the search index reads while the import runs). SQLite's schema is transactional:
    on an error the caller's rollback restores the indexes; no other connection writes meanwhile.
    """
    if connection.vendor != "sqlite" or not connection.in_atomic_block:
        yield
        return
    table, quote = model._meta.db_table, connection.ops.quote_name
    dropped: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table])
        for name, sql in cursor.fetchall():
            if not sql or sql.lstrip().upper().startswith("CREATE UNIQUE"):
                continue  # a primary key's or a constraint's own index
            cursor.execute(f"PRAGMA index_info({quote(name)})")
            if {row[2] for row in cursor.fetchall()[:2]} & set(kept):
                continue
            cursor.execute(f"DROP INDEX {quote(name)}")
            dropped.append(sql)
    yield  # on an error the caller's transaction rolls back, and with it the dropped indexes
    with connection.cursor() as cursor:
        for sql in dropped:
            cursor.execute(sql)


class _BulkWriter:
    """The recording service's bulk path for importers: places and relations in batches of plain rows."""

    def __init__(self) -> None:
        self.existing: dict[str, set[int]] = {}
        self.actor_table = _Table(
            Actor,
            (
                "id",
                "slug",
                "kind",
                "name",
                "name_key",
                "aliases",
                "country_code",
                "subdivision_code",
                "continent",
                "latitude",
                "longitude",
            ),
        )
        self.relation_table = _Table(
            Relation,
            (
                "id",
                "kind",
                "home_id",
                "partner_id",
                "country_code",
                "home_country",
                "category",
                "since",
                "status",
                "live",
            ),
        )
        self.citation_table = _Table(RelationCitation, ("relation_id", "source_id", "passage", "origin"))
        self.status_table = _Table(StatusChange, ("relation_id", "status", "date", "source_id", "passage", "origin"))
        self.aliases = Actor._meta.get_field("aliases")

    @staticmethod
    def _slugs_taken(bases: list[str]) -> set[str]:
        """The slugs in the register that the batch's slugs could clash with: each base itself, and for a base that
        is taken (or wanted twice) its numbered forms ("-2", "-3"). A query per batch instead of every slug of the
        register in memory (125,000 of them after a million-row import)."""
        taken: set[str] = set()
        unique = sorted(set(bases))
        for start in range(0, len(unique), 5000):
            chunk = unique[start : start + 5000]
            taken.update(Actor.objects.filter(slug__in=chunk).values_list("slug", flat=True))
        wanted = Counter(bases)
        for base in sorted(b for b in unique if b in taken or wanted[b] > 1):
            if connection.vendor == "sqlite":  # a range on the slug index ("." follows "-" in binary order)
                numbered = Actor.objects.filter(slug__gt=f"{base}-", slug__lt=f"{base}.")
            else:  # PostgreSQL's text collation may ignore punctuation; LIKE uses the pattern index Django makes
                numbered = Actor.objects.filter(slug__startswith=f"{base}-")
            taken.update(s for s in numbered.values_list("slug", flat=True) if s[len(base) + 1 :].isdigit())
        return taken

    def actors(self, rows: list[ActorRow]) -> list[int]:
        ids = reserve_ids(Actor, len(rows))
        countries = [check_country(row.country) for row in rows]
        bases = [names.slug_base(f"{row.name}-{country}") for row, country in zip(rows, countries, strict=True)]
        taken = self._slugs_taken(bases)
        values = []
        for pk, row, country, base in zip(ids, rows, countries, bases, strict=True):
            values.append(
                (
                    pk,
                    names.numbered_slug(base, taken=taken),
                    row.kind,
                    row.name,
                    names.name_key(row.name),
                    self.aliases.get_db_prep_save(list(row.aliases), connection),
                    country,
                    row.subdivision,
                    continent_of(country),
                    row.lat,
                    row.lon,
                )
            )
        with connection.cursor() as cursor:
            self.actor_table.write(cursor, values)
        announce(Actor, ids)
        return ids

    def relations(self, rows: list[RelationRow], source: Source, origin: str) -> int:
        fresh = []
        kinds, categories, statuses = _values(RelationKind), _values(TwinningCategory), _values(Status)
        for row in rows:
            if row.kind not in kinds:
                _choice(row.kind, RelationKind.values, "kind")
            if row.category not in categories:
                _choice(row.category, TwinningCategory.values, "category")
            if row.status not in statuses:
                _choice(row.status, Status.values, "status")
            if (country := check_country(row.country)) != row.country:
                row = row._replace(country=country)
            if row.home_country is not None and (home := check_country(row.home_country)) != row.home_country:
                row = row._replace(home_country=home)
            pairs = self.existing.get(row.kind)
            if pairs is None:
                pairs = self.existing[row.kind] = {
                    _pair(h, p)
                    for h, p in Relation.objects.filter(kind=row.kind)
                    .values_list("home_id", "partner_id")
                    .iterator(chunk_size=10_000)
                }
            if pairs and _pair(row.home_id, row.partner_id) in pairs:
                continue
            fresh.append(row)
        ids = reserve_ids(Relation, len(fresh))
        # the homes' countries (which the database's triggers would otherwise put right row by row), asked for
        # when the caller did not give them
        unknown = sorted({r.home_id for r in fresh if r.home_country is None})
        homes = dict(Actor.objects.filter(ids_in("id", unknown)).values_list("id", "country_code")) if unknown else {}
        with connection.cursor() as cursor:
            self.relation_table.write(
                cursor,
                (
                    (pk, r.kind, r.home_id, r.partner_id, r.country)
                    + (homes.get(r.home_id, "") if r.home_country is None else r.home_country, r.category, r.since)
                    + (r.status, True)
                    for pk, r in zip(ids, fresh, strict=True)
                ),
            )
            self.citation_table.write(
                cursor, ((pk, source.pk, r.passage, origin) for pk, r in zip(ids, fresh, strict=True))
            )
            self.status_table.write(
                cursor,
                (
                    (pk, r.status, None, source.pk, r.passage, origin)
                    for pk, r in zip(ids, fresh, strict=True)
                    if r.status
                ),
            )
        announce(Relation, ids)
        return len(ids)


class ActorRow(NamedTuple):
    """A place for `Recorder.add_actors`."""

    name: str
    country: str
    kind: str = ActorKind.MUNICIPALITY
    subdivision: str = ""
    lat: float | None = None
    lon: float | None = None
    aliases: Sequence[str] = ()


class RelationRow(NamedTuple):
    """A relation for `Recorder.add_relations`: the ids of both sides, and the passage of its citation."""

    kind: str
    home_id: int
    partner_id: int
    country: str
    passage: str
    category: str = ""
    since: int | None = None
    status: str = ""
    home_country: str | None = None  # the home's country code when the caller knows it (else read per batch)


def _pair(a: int, b: int) -> int:
    """One integer for an unordered pair of ids (a set of these is a fraction of a set of tuples)."""
    low, high = (a, b) if a <= b else (b, a)
    return (high << 32) | low


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _publish(record: Any, user: Any) -> Any:
    """Record a revision by `user` and mark it published, so the history shows who recorded what.

    Wagtail's Revision.publish() would rebuild the object from the revision's JSON; the record as saved is
    what is published, so the live fields are set here directly and the publish action logged like Wagtail's.
    """
    from wagtail.log_actions import log

    revision = record.save_revision(user=user, log_action=True, clean=False)
    now = timezone.now()
    type(record)._default_manager.filter(pk=record.pk).update(
        live=True,
        has_unpublished_changes=False,
        live_revision=revision,
        first_published_at=record.first_published_at or now,
        last_published_at=now,
    )
    record.live, record.has_unpublished_changes, record.live_revision = True, False, revision
    log(instance=record, action="wagtail.publish", user=user, revision=revision)
    return revision


def record_source(
    *, text: str = "", sha256: str | None = None, update: bool = False, **fields: Any
) -> tuple[Source, bool]:
    """The Source of a document, identified by the SHA-256 of its text (or of the file, given as `sha256`).

    Created once; `update=True` also brings its title, publisher, URL ... up to date (a data folder's
    sources.json describes its documents). Returns (source, created).
    """
    digest = sha256 or hashlib.sha256(text.encode()).hexdigest()
    values = {"text": text, **fields}
    if update:
        source, created = Source.objects.update_or_create(sha256=digest, defaults=values)
    else:
        source, created = Source.objects.get_or_create(sha256=digest, defaults=values)
    return source, created
