"""Ingestion and review: documents become Sources with proposed facts; accepted facts become register records.

Everything here runs in transactions: an ingested document is stored with all its proposals or not at all,
and an accepted fact creates all its records (actors, relation, status, citations, agreement, people) or none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weltnetz.register.models import Actor, Agreement, Person, Relation, Source, Topic, home_region
from weltnetz.register.names import NameIndex, bare, fold, slug_base, unique_slug
from weltnetz.register.recording import (
    REVIEW,
    ActorFact,
    AgreementFact,
    Change,
    Cite,
    PersonFact,
    Recorded,
    Recorder,
    RecordingError,
    RelationFact,
    RoleFact,
    StatusFact,
    record_source,
)
from weltnetz.register.vocab import ActorKind, Precision, RelationKind, Status, parse_partial_date

from .extraction import Document, DocumentError, Facts, extract_facts, read_file, register_gazetteer
from .models import ProposedFact
from .passages import best_passage, term

State = ProposedFact.State


class ReviewError(ValueError):
    """A fact that cannot be accepted as it stands; the message names the field and the reason."""


# -- finding register actors by name ---------------------------------------------------------------------
_KIND_BY_RELATION: dict[str, ActorKind] = {
    RelationKind.STATE_PARTNERSHIP: ActorKind.REGION,
    RelationKind.MUNICIPAL_PARTNERSHIP: ActorKind.MUNICIPALITY,
    RelationKind.NETWORK_MEMBERSHIP: ActorKind.NETWORK,
    RelationKind.INSTITUTION: ActorKind.INSTITUTION,
}
_KIND_BY_GAZETTEER: dict[str, ActorKind] = {
    "country": ActorKind.COUNTRY,
    "region": ActorKind.REGION,
    "city": ActorKind.MUNICIPALITY,
    "network": ActorKind.NETWORK,
}


def _gazetteer_place(name: str):
    from weltnetz_extract.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    return gaz.lookup(name, cities=True) or gaz.lookup(bare(name), cities=True)


def resolve_actor(
    index: NameIndex,
    name: str,
    *,
    country: str | None = None,
    relation_kind: str | None = None,
    recorder: Recorder | None = None,
):
    """The register actor of that name, or a new one (kind from the relation or the gazetteer). (actor, created)"""
    found = index.find(name, country)
    if found:
        return found, False
    place = _gazetteer_place(name)
    kind = _KIND_BY_RELATION.get(relation_kind or "")
    if kind is None:
        kind = _KIND_BY_GAZETTEER.get(place.type, ActorKind.PLACE) if place else ActorKind.PLACE
    code = (country or (place.country if place else None) or "").upper()
    if kind == ActorKind.NETWORK:
        code = ""
    fact = ActorFact(name=name.strip(), kind=kind, slug=unique_slug(name), country=code)
    actor = (recorder or Recorder(REVIEW)).actor(fact).record
    assert isinstance(actor, Actor)
    index.add_actor(actor)
    return actor, True


# -- fact keys and the register check ---------------------------------------------------------------------
def parse_fact_date(value: str | None) -> tuple[dt.date | None, str]:
    """A FACTS.md date -> (date, precision); a malformed one is a review error naming the field."""
    try:
        return parse_partial_date(value)
    except ValueError:
        message = _("date: '%(value)s' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
        raise ReviewError(message % {"value": str(value).strip()}) from None


def fingerprint(kind: str, payload: dict[str, Any]) -> str:
    """What makes a fact the same fact within one document."""
    if kind == ProposedFact.Kind.RELATION:
        parts = [payload.get("kind"), payload.get("partner"), payload.get("home")]
    elif kind == ProposedFact.Kind.AGREEMENT:
        parts = [payload.get("partner"), payload.get("date"), payload.get("title")]
    else:
        parts = [payload.get("name")]
    return "|".join([kind, *(fold(str(p or "")) for p in parts)])[:400]


def content_key(kind: str, payload: dict[str, Any]) -> str:
    """What the fact says, whichever document says it: a rejection is remembered by this key.

    A relation is the same fact when its kind, partner, home, start year, status and topics are; an agreement
    by partner, date and title; a person by name, role and affiliation.
    """
    p = payload or {}
    if kind == ProposedFact.Kind.RELATION:
        parts = [p.get("kind"), p.get("partner"), p.get("home"), p.get("since"), p.get("status")]
        parts.append(",".join(sorted(p.get("topics") or [])))
    elif kind == ProposedFact.Kind.AGREEMENT:
        parts = [p.get("partner"), p.get("date"), p.get("title")]
    else:
        parts = [p.get("name"), p.get("role"), p.get("affiliation")]
    return "|".join([kind, *(fold(str(x or "")) for x in parts)])[:400]


def previous_rejection(kind: str, payload: dict[str, Any]) -> ProposedFact | None:
    """The latest rejection of the same fact (from any document), if an editor rejected it."""
    return (
        ProposedFact.objects.filter(state=State.REJECTED, content_key=content_key(kind, payload))
        .select_related("reviewer", "source")
        .order_by("-reviewed_at")
        .first()
    )


def _home(index: NameIndex, payload: dict[str, Any]) -> Actor | None:
    name = payload.get("home")
    return index.find(name, "DE") if name else home_region()


def matching_record(index: NameIndex, kind: str, payload: dict[str, Any]) -> Relation | Agreement | Person | None:
    """The register record that already states this fact, if any."""
    if kind == ProposedFact.Kind.RELATION:
        home = _home(index, payload)
        partner_id = index.find_id(payload.get("partner"), payload.get("country"))
        if home is None or partner_id is None:
            return None
        return Relation.objects.filter(kind=payload.get("kind"), home=home, partner_id=partner_id).first()
    if kind == ProposedFact.Kind.AGREEMENT:
        partner_id = index.find_id(payload.get("partner"))
        if partner_id is None:
            return None
        try:
            day, precision = parse_fact_date(payload.get("date"))
        except ReviewError:
            return None
        title = fold(payload.get("title") or "")
        # An undated mention ("die Gemeinsame Absichtserklärung") is the partner's agreement of that title.
        candidates = Agreement.objects.filter(partner_id=partner_id, **({"date": day} if day else {}))
        for agreement in candidates:
            if fold(agreement.title) == title or (day is not None and precision == Precision.DAY):
                return agreement
        return None
    name = payload.get("name") or ""
    person = Person.objects.filter(slug=slug_base(name, fallback="")[:200]).first() if name else None
    if person and payload.get("role"):
        role = fold(payload["role"])
        if not any(fold(r.title) == role for r in person.roles.all()):
            return None
    return person


# -- ingestion -----------------------------------------------------------------------------------------
@dataclass
class IngestResult:
    """What ingesting one file did, for the command's summary."""

    name: str
    source: Source | None = None
    new_source: bool = False
    found: int = 0
    proposed: int = 0
    known: int = 0  # facts equal to the register
    changes: int = 0  # facts that differ from a register record: proposed as changes
    rejected: int = 0  # facts an editor rejected before: not queued again
    repeated: int = 0
    error: str = ""
    read: str = ""  # what the reader recognised, for the editor: title, date, kind, blocks
    document: Document | None = None  # the document as read (the admin's upload page shows its parts)
    facts: list[ProposedFact] = field(default_factory=list)


def _published_on(doc: Document) -> dt.date | None:
    if doc.date:
        try:
            return dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            return None
    return None


def describe(doc: Document, kind: str) -> str:
    """What was read, in a line: title, date (or none: then it is filed as a web page, not a press release),
    kicker and how many paragraphs, quotes, captions and teasers the reader recognised."""
    parts = [f"title “{doc.title}”" if doc.title else "no title"]
    parts.append(f"dated {doc.date}" if doc.date else "no date")
    if doc.kicker:
        parts.append(f"kicker “{doc.kicker}”")
    counts = [
        (len(doc.paragraphs), "paragraphs"),
        (len(doc.quotes), "quotes"),
        (len(doc.captions), "captions"),
        (len(doc.teasers), "teasers"),
    ]
    parts.append(", ".join(f"{n} {what}" for n, what in counts if n) or "no paragraphs")
    parts.append(f"filed as {Source.Kind(kind).label}")
    return "; ".join(str(p) for p in parts)


def _payloads(facts: Facts) -> list[tuple[str, dict[str, Any]]]:
    data = facts.to_dict()
    out: list[tuple[str, dict[str, Any]]] = []
    for key, kind in (("relations", "relation"), ("agreements", "agreement"), ("people", "person")):
        out.extend((kind, dict(item)) for item in data.get(key, []))
    return out


def ingest_file(path: Path, *, kind: str | None = None, publisher: str = "", gazetteer=None) -> IngestResult:
    """Read, store and extract one file; a bad file gives a result with `error` set instead of an exception."""
    result = IngestResult(name=str(path))
    try:
        doc = read_file(path)
    except DocumentError as exc:
        result.error = str(exc)
        return result
    try:
        facts = extract_facts(doc, gazetteer if gazetteer is not None else register_gazetteer())
    except (RecursionError, MemoryError, ValueError) as exc:  # the extractor's best effort failed on this file
        result.error = f"could not extract facts ({type(exc).__name__}: {exc})"
        return result
    return ingest_document(doc, facts, result, kind=kind, publisher=publisher, file_name=path.name)


def ingest_document(
    doc: Document,
    facts: Facts,
    result: IngestResult,
    *,
    kind: str | None = None,
    publisher: str = "",
    file_name: str = "",
) -> IngestResult:
    """Store the document as a Source (once, by its text's SHA-256) and its facts as proposals (each once)."""
    index = NameIndex.of_actors()
    result.read = describe(doc, kind or (Source.Kind.PRESS_RELEASE if doc.date else Source.Kind.WEB_PAGE))
    result.document = doc
    with transaction.atomic():
        source, created = record_source(
            text=doc.text,
            title=(doc.title or file_name or _("Untitled document"))[:300],
            kind=kind or (Source.Kind.PRESS_RELEASE if doc.date else Source.Kind.WEB_PAGE),
            publisher=publisher,
            url=(doc.url or "")[:500] if (doc.url or "").startswith(("http://", "https://")) else "",
            published_on=_published_on(doc),
            retrieved_on=timezone.localdate(),
            file_name=file_name[:300],
        )
        result.source, result.new_source = source, created
        seen = set(source.proposals.values_list("fingerprint", flat=True))
        position = len(seen)
        for fact_kind, payload in _payloads(facts):
            result.found += 1
            key = fingerprint(fact_kind, payload)
            if key in seen:
                result.repeated += 1
                continue
            seen.add(key)
            evidence = best_passage(doc.text, doc.title, fact_kind, payload, payload.pop("evidence", None) or {})
            record = matching_record(index, fact_kind, payload)
            fact = ProposedFact(
                source=source,
                kind=fact_kind,
                payload=payload,
                extracted=payload,
                fingerprint=key,
                content_key=content_key(fact_kind, payload),
                position=position,
                evidence=evidence.get("text") or "",
                evidence_start=evidence.get("start"),
                evidence_end=evidence.get("end"),
                state=State.PENDING,
            )
            if record is not None:
                setattr(fact, fact_kind, record)
                fact.differences = differences(fact)
                if not fact.differences:
                    fact.state = State.ALREADY_IN_REGISTER
            rejected = previous_rejection(fact_kind, payload)
            if rejected is not None:
                fact.state, fact.rejected_before = State.PREVIOUSLY_REJECTED, rejected
                result.rejected += 1
            elif fact.state == State.ALREADY_IN_REGISTER:
                result.known += 1
            elif record is not None:
                result.changes += 1
            else:
                result.proposed += 1
            fact.save()
            result.facts.append(fact)
            position += 1
    return result


# -- review ----------------------------------------------------------------------------------------------
def clean_payload(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Check a fact before it becomes records; ReviewError names the field and what is wrong."""
    p = dict(payload)
    if kind == ProposedFact.Kind.RELATION:
        if p.get("kind") not in RelationKind.values:
            raise ReviewError(_("kind: '%(value)s' is not a kind of relation") % {"value": p.get("kind")})
        if not str(p.get("partner") or "").strip():
            raise ReviewError(_("partner: a partner name is required"))
        country = (p.get("country") or "").strip().upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            raise ReviewError(_("country: '%(value)s' is not a two-letter ISO code") % {"value": country})
        p["country"] = country or None
        since = p.get("since")
        if since not in (None, ""):
            try:
                since = int(since)
            except (TypeError, ValueError):
                raise ReviewError(_("since: '%(value)s' is not a year") % {"value": since}) from None
            if not 1000 <= since <= timezone.localdate().year + 1:
                raise ReviewError(_("since: %(value)s is not a plausible year") % {"value": since})
        p["since"] = since or None
        if p.get("status") and p["status"] not in Status.values:
            raise ReviewError(_("status: '%(value)s' is not a status") % {"value": p["status"]})
        p["status"] = p.get("status") or None
        topics = list(p.get("topics") or [])
        unknown = sorted(set(topics) - set(Topic.objects.values_list("slug", flat=True)))
        if unknown:
            raise ReviewError(_("topics: unknown topic %(value)s") % {"value": ", ".join(unknown)})
        p["topics"] = topics
    elif kind == ProposedFact.Kind.AGREEMENT:
        if not str(p.get("title") or "").strip():
            raise ReviewError(_("title: a title is required"))
        if not str(p.get("partner") or "").strip():
            raise ReviewError(_("partner: a partner name is required"))
        parse_fact_date(p.get("date"))
        p["signatories"] = [s.strip() for s in p.get("signatories") or [] if s and s.strip()]
    else:
        if not str(p.get("name") or "").strip():
            raise ReviewError(_("name: a name is required"))
    return p


def _cite(fact: ProposedFact, part: str = "record") -> Cite:
    return Cite(source=fact.source, passage=fact.evidence, start=fact.evidence_start, end=fact.evidence_end, field=part)


def _accept_relation(fact: ProposedFact, p: dict[str, Any], rec: Recorder, index: NameIndex) -> Recorded:
    if p.get("home"):
        home, _created = resolve_actor(index, p["home"], country="DE", relation_kind=p["kind"], recorder=rec)
    else:
        home = home_region()
    partner, _created = resolve_actor(
        index, p["partner"], country=p.get("country"), relation_kind=p["kind"], recorder=rec
    )
    cite = _cite(fact)
    status = []
    if p.get("since"):
        # The founding year starts a history; a different current status follows it, undated ("now").
        status.append(StatusFact(Status.ACTIVE, dt.date(p["since"], 1, 1), Precision.YEAR, cite=cite))
    if p.get("status"):  # recorded where it changes the current status
        status.append(StatusFact(p["status"], None, cite=cite))
    citations = [cite]
    if p.get("since"):
        citations.append(_cite(fact, "since"))
    if p.get("topics"):
        citations.append(_cite(fact, "topics"))
    relation_fact = RelationFact(
        kind=p["kind"],
        home=home,
        partner=partner,
        since=p.get("since"),
        country=p.get("country") or "",
        topics=p.get("topics") or [],
        status=status,
        citations=citations,
    )
    return rec.relation(relation_fact)


_AGREEMENT_KINDS = [
    (re.compile(r"absichtserkl|declaration|erklärung", re.I), Agreement.Kind.DECLARATION),
    (re.compile(r"memorandum|mou\b|verständigung", re.I), Agreement.Kind.MEMORANDUM),
    (re.compile(r"urkunde|deed", re.I), Agreement.Kind.DEED),
    (re.compile(r"vertrag|abkommen|vereinbarung|treaty|agreement", re.I), Agreement.Kind.TREATY),
]


def _person(name: str, rec: Recorder) -> Person:
    person = rec.person(PersonFact(name=name)).record
    assert isinstance(person, Person)
    return person


def _accept_agreement(fact: ProposedFact, p: dict[str, Any], rec: Recorder, index: NameIndex) -> Recorded:
    existing = matching_record(index, ProposedFact.Kind.AGREEMENT, p)
    known = existing if isinstance(existing, Agreement) else None
    partner, _created = resolve_actor(index, p["partner"], recorder=rec)
    day, precision = parse_fact_date(p.get("date"))
    place = resolve_actor(index, p["place"], recorder=rec)[0] if p.get("place") else None
    home = home_region()
    # a state partnership is the relation an agreement most often belongs to
    relations = sorted(
        Relation.objects.filter(home=home, partner=partner), key=lambda r: (r.kind != "state_partnership", r.pk)
    )
    kind = next((k for rx, k in _AGREEMENT_KINDS if rx.search(p["title"])), Agreement.Kind.OTHER)
    return rec.agreement(
        AgreementFact(
            title=p["title"],
            partner=partner,
            date=day,
            date_precision=precision,
            kind=kind,
            place=place,
            relation=relations[0] if relations else None,
            signatories=[_person(n, rec) for n in p.get("signatories") or []],
            citations=[_cite(fact)],
        ),
        record=known,
    )


def _affiliation_near(sentence: str, name: str) -> Actor | None:
    """The home region or a partner of it that the sentence names closest to the person ("Kanagawas Gouverneur
    Yuji Kuroiwa"), for a role whose document does not say whom it is for in so many words."""
    if not sentence:
        return None
    home = home_region()
    folded = fold(sentence)
    at = folded.find(fold(name)) if fold(name) in folded else len(folded) // 2
    best: tuple[int, Actor] | None = None
    candidates = Actor.objects.filter(relations_as_partner__home=home).distinct()
    for actor in [home, *candidates]:
        for label in actor.all_names:
            key = fold(label)
            pos = folded.find(key) if len(key) >= 4 else -1
            if pos >= 0 and (best is None or abs(pos - at) < best[0]):
                best = (abs(pos - at), actor)
    return best[1] if best else None


def _accept_person(fact: ProposedFact, p: dict[str, Any], rec: Recorder, index: NameIndex) -> Recorded:
    affiliation = p.get("affiliation")
    actor = None
    if affiliation:
        home = home_region()
        actor = home if fold(affiliation) in {fold(n) for n in home.all_names} else index.find(affiliation)
    role = (p.get("role") or "").strip()[:200]
    if role and actor is None and not affiliation:
        actor = _affiliation_near(fact.evidence, p["name"])
    if role and actor is None:
        message = _("affiliation: say whom %(name)s acts for as %(role)s (a region or body in the register)")
        raise ReviewError(message % {"name": p["name"], "role": role})
    roles = []
    if actor is not None and role:
        start, end = term(fact.evidence, p["name"], role)
        roles.append(RoleFact(title=role, affiliation=actor, start=start, end=end, cite=_cite(fact)))
    return rec.person(PersonFact(name=p["name"], roles=roles))


BUILDERS = {"relation": _accept_relation, "agreement": _accept_agreement, "person": _accept_person}
# What an editor's acceptance may change although the register holds another value: the difference was shown
# side by side, and accepting it is the decision (the other fields only fill what is empty).
OVERRULE = ("since", "place_id")


# States in which a fact can still be accepted (a fact that confirms the register: to add its source).
DECIDABLE = (State.PENDING, State.ALREADY_IN_REGISTER)


class _Rollback(Exception):
    def __init__(self, result: Recorded):
        self.result = result


@dataclass
class Preview:
    """What accepting a fact would do to the register, worked out in a transaction that is rolled back."""

    record: Any = None  # the record as accepting would leave it (unsaved: the transaction was undone)
    created: bool = False
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Any] = field(default_factory=list)
    error: str = ""


def preview(fact: ProposedFact, payload: dict[str, Any] | None = None, user=None) -> Preview:
    """The changes accepting `fact` would make (a diff against the record as it is, or its waiting draft)."""
    try:
        p = clean_payload(fact.kind, payload if payload is not None else fact.payload)
    except ReviewError as exc:
        return Preview(error=str(exc))
    try:
        with transaction.atomic():
            with Recorder(REVIEW, user=user, publish=False, overrule=OVERRULE) as rec:
                result = BUILDERS[fact.kind](fact, p, rec, NameIndex.of_actors())
            raise _Rollback(result)
    except _Rollback as done:
        result = done.result
    except (RecordingError, ReviewError) as exc:
        return Preview(error=str(exc))
    return Preview(
        record=result.record, created=result.created, changes=list(result.changes), conflicts=result.conflicts
    )


# Changes that only add this document as a further source: a fact with nothing else confirms the register.
_SOURCE_ONLY = {"citations"}


def differences(fact: ProposedFact) -> list[list[Any]]:
    """Where the fact differs from the register record it matches: [field, register value, proposed value]."""
    plan = preview(fact)
    if plan.error:
        return [["error", "", plan.error]]
    rows = [[c.field, _plain(c.before), _plain(c.after)] for c in plan.changes if c.field not in _SOURCE_ONLY]
    rows += [[c.field, _plain(c.kept), _plain(c.asserted)] for c in plan.conflicts]
    return rows


def register_sources(fact: ProposedFact) -> list[tuple[str, str, str]]:
    """(what, source title, passage) the register's record rests on, to show beside the document's passage."""
    out: list[tuple[str, str, str]] = []
    record = fact.record
    if isinstance(record, Relation):
        fields = {row[0] for row in fact.differences}
        for c in record.citations.select_related("source"):
            if c.field == "record" or c.field in fields:
                out.append((c.get_field_display(), c.source.title if c.source else "", c.passage))
        if "status" in fields:
            change = record.current_change()
            if change is not None:
                what = f"{change.get_status_display()} {change.partial_date or ''}".strip()
                out.append((what, change.source.title if change.source else "", change.passage))
    elif isinstance(record, Agreement):
        for a in record.citations.select_related("source"):
            out.append(("", a.source.title if a.source else "", a.passage))
    elif isinstance(record, Person):
        for r in record.roles.select_related("source", "affiliation"):
            out.append((f"{r.title}, {r.affiliation}", r.source.title if r.source else "", r.passage))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# -- who may accept, and what accepting needs ------------------------------------------------------------
_MODEL_OF_KIND = {"relation": "relation", "agreement": "agreement", "person": "person"}


def missing_permissions(user, kind: str) -> list[str]:
    """The register permissions accepting a fact of `kind` needs that `user` lacks.

    Accepting writes a draft of the record, as editing it in the admin would: it needs the permission to add
    and change that kind of record. The review permission alone (Moderators) lets one read and reject.
    Publishing the draft is a separate step that needs the publish permission (Wagtail checks it).
    """
    model = _MODEL_OF_KIND[kind]
    wanted = [f"register.add_{model}", f"register.change_{model}"]
    return [p for p in wanted if not user.has_perm(p)]


def may_accept(user, kind: str) -> bool:
    return not missing_permissions(user, kind)


class NewPartnerNeeded(ReviewError):
    """The fact names a partner (or home, or place) the register does not hold: accepting it creates one, which
    needs the editor's consent (the "new partner" step)."""

    def __init__(self, names: list[str]):
        super().__init__(
            _("“%(names)s” is not in the register; confirm that it is new, or correct the name")
            % {"names": "”, “".join(names)}
        )
        self.names = names


def new_actors(kind: str, payload: dict[str, Any], index: NameIndex | None = None) -> list[dict[str, str]]:
    """The actors accepting the fact would create, because no register actor carries their name: each with the
    part it plays (partner, home, place), its name, kind and country, for the editor to confirm."""
    if kind == ProposedFact.Kind.PERSON:
        return []
    index = index or NameIndex.of_actors()
    wanted: list[tuple[str, str, str | None]] = []
    if kind == ProposedFact.Kind.RELATION:
        wanted.append(("partner", str(payload.get("partner") or ""), payload.get("country")))
        if payload.get("home"):
            wanted.append(("home", str(payload["home"]), "DE"))
    else:
        wanted.append(("partner", str(payload.get("partner") or ""), None))
        if payload.get("place"):
            wanted.append(("place", str(payload["place"]), None))
    out = []
    for part, name, country in wanted:
        name = name.strip()
        if not name or index.find(name, country) or index.find(name):
            continue
        place = _gazetteer_place(name)
        actor_kind = _KIND_BY_RELATION.get(payload.get("kind") or "") if part != "place" else None
        if actor_kind is None:
            actor_kind = _KIND_BY_GAZETTEER.get(place.type, ActorKind.PLACE) if place else ActorKind.PLACE
        code = (country or (place.country if place else "") or "").upper()
        out.append({"part": part, "name": name, "kind": str(ActorKind(actor_kind).label), "country": code})
    return out


def _start_moderation(record: Any, user) -> None:
    """Submit the draft to the workflow assigned to its kind of record, as an editor's own draft would be."""
    if not hasattr(record, "get_workflow") or record.workflow_in_progress:
        return
    workflow = record.get_workflow()
    if workflow is not None:
        workflow.start(record, user)


@transaction.atomic
def accept(
    fact: ProposedFact, user, payload: dict[str, Any] | None = None, *, new_partner: bool = False
) -> ProposedFact:
    """Make a pending fact (with the editor's corrections, if any) a draft of its register record; once only.

    Relations and agreements are written as draft revisions (a new record unpublished, a change to a published
    one in a revision only) and go through the workflow assigned to them; only a user with the publish
    permission publishes them. A partner the register does not hold is created only with `new_partner=True`.
    """
    fact = ProposedFact.objects.select_for_update().select_related("source").get(pk=fact.pk)
    if fact.state in (State.ACCEPTED, State.CORRECTED):
        return fact  # accepting twice creates nothing new
    if fact.state not in DECIDABLE:
        raise ReviewError(_("This fact has already been decided (%(state)s).") % {"state": fact.get_state_display()})
    missing = missing_permissions(user, fact.kind)
    if missing:
        raise PermissionDenied(", ".join(missing))
    corrected = payload is not None
    p = clean_payload(fact.kind, payload if payload is not None else fact.payload)
    index = NameIndex.of_actors()
    unknown = new_actors(fact.kind, p, index)
    if unknown and not new_partner:
        raise NewPartnerNeeded([a["name"] for a in unknown])
    if unknown and not user.has_perm("register.add_actor"):
        raise PermissionDenied("register.add_actor")
    builder = BUILDERS[fact.kind]
    try:
        with Recorder(REVIEW, user=user, publish=False, overrule=OVERRULE) as rec:
            record = builder(fact, p, rec, index).record
    except RecordingError as exc:
        raise ReviewError(str(exc)) from None
    assert record is not None
    record.refresh_from_db()
    _start_moderation(record, user)
    setattr(fact, fact.kind, record)
    fact.payload = p
    fact.state = State.CORRECTED if corrected else State.ACCEPTED
    fact.reviewer = user
    fact.reviewed_at = timezone.now()
    fact.save()
    return fact


@transaction.atomic
def reject(fact: ProposedFact, user, reason: str = "") -> ProposedFact:
    """Mark a pending fact as wrong, with the editor's reason; nothing enters the register, and the same fact
    from another document is not queued again (see `previous_rejection`)."""
    fact = ProposedFact.objects.select_for_update().get(pk=fact.pk)
    if fact.state == State.REJECTED:
        return fact
    if fact.state not in (State.PENDING, State.PREVIOUSLY_REJECTED):
        raise ReviewError(_("This fact has already been decided (%(state)s).") % {"state": fact.get_state_display()})
    fact.state = State.REJECTED
    fact.reason = reason.strip()
    fact.content_key = fact.content_key or content_key(fact.kind, fact.payload)
    fact.reviewer = user
    fact.reviewed_at = timezone.now()
    fact.save()
    return fact


@transaction.atomic
def requeue(fact: ProposedFact) -> ProposedFact:
    """Queue a fact that was held back as previously rejected, because the editor asks to decide it again."""
    fact = ProposedFact.objects.select_for_update().get(pk=fact.pk)
    if fact.state != State.PREVIOUSLY_REJECTED:
        raise ReviewError(_("This fact has already been decided (%(state)s).") % {"state": fact.get_state_display()})
    fact.state = State.PENDING
    fact.save(update_fields=["state"])
    return fact
