"""What each indexed object contributes to the search: title, body and other spellings, in German and English.

One builder per kind returns Entry rows (plain objects) (or nothing for what visitors may not see: drafts,
unpublished pages). The builders take querysets so reindexing can stream them in batches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from babel import Locale
from django.db import connection, models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override

from weltnetz.register import news as register_news
from weltnetz.register.models import Actor, Agreement, Relation, Topic
from weltnetz.register.querysets import ids_in

from .models import Kind
from .text import variants


@dataclass(slots=True)
class Entry:
    """One row of the search table as the builders make it (a plain object: a model instance per row cost more
    than building its text)."""

    kind: str
    object_id: int
    title: str
    title_en: str = ""
    body: str = ""
    body_en: str = ""
    keywords: str = ""
    url: str = ""
    weight: float = 1.0
    regional: bool = True
    language: str = "de"
    pk: int | None = None


# Words people search with that the labels do not contain ("Städtepartnerschaft" for a municipal partnership).
SYNONYMS = {
    "municipal_partnership": "Städtepartnerschaft Partnerstadt Partnerschaft twinning twin town sister city",
    "state_partnership": "Partnerregion Partnerschaft partner region",
    "representation": "Vertretung Büro Repräsentanz office",
    "network_membership": "Netzwerk Mitgliedschaft network",
}
WEIGHTS = {Kind.ACTOR: 2.0, Kind.AGREEMENT: 1.5, Kind.NEWS: 1.2, Kind.RELATION: 1.0}


@lru_cache(maxsize=1024)
def country_name(code: str, language: str) -> str:
    """The country's name in German or English ("JP" -> "Japan"), empty when unknown."""
    if not code:
        return ""
    return Locale(language).territories.get(code.upper(), "")


def _join(*parts: object) -> str:
    return " ".join([p if type(p) is str else str(p) for p in parts if p is not None and p != ""])


@lru_cache(maxsize=4096)
def _label(model: type[models.Model], field: str, value: str, language: str) -> str:
    """A choice's display label in a language (get_FOO_display is slow across 50,000 rows)."""
    if not value:
        return ""
    with override(language):
        return str(dict(getattr(model._meta.get_field(field), "flatchoices", ())).get(value, value))


@lru_cache(maxsize=1)
def _partner_url_pattern() -> str:
    with override("de"):
        return reverse("portal:partner", kwargs={"slug": "SLUG"})


@lru_cache(maxsize=1)
def _town_url_pattern() -> str:
    with override("de"):
        return reverse("portal:town", kwargs={"slug": "SLUG"})


def _partner_url(actor: Any, regional: bool = True) -> str:
    """The partner page under /de/ (one reverse() for all rows); a town's page for a town of the twinnings only."""
    return (_partner_url_pattern() if regional else _town_url_pattern()).replace("SLUG", actor.slug, 1)


def _actor_names(actor: Any, language: str) -> str:
    return _names(actor.name, actor.name_en, actor.country_code, language)


@lru_cache(maxsize=16384)  # a town's names recur in each of its twinnings' entries, twice per language
def _names(name: str, name_en: str, country_code: str, language: str) -> str:
    names = [name, name_en] if language == "de" else [name_en or name]
    return _join(*dict.fromkeys(names), country_name(country_code, language))


def actor_entry(actor: Any) -> Entry:
    """A partner or place: its names, other spellings, kind, country and description."""
    regional = getattr(actor, "in_home_region", True)  # annotated by queryset(): towns of the twinnings only: False
    return Entry(
        kind=Kind.ACTOR,
        object_id=actor.pk,
        title=actor.name,
        title_en=actor.name_en,
        body=_join(_label(Actor, "kind", actor.kind, "de"), country_name(actor.country_code, "de"), actor.description),
        body_en=_join(
            _label(Actor, "kind", actor.kind, "en"), country_name(actor.country_code, "en"), actor.description_en
        ),
        keywords=_join(*actor.aliases, *variants(_join(actor.name, *actor.aliases))),
        url=_partner_url(actor, regional),
        weight=WEIGHTS[Kind.ACTOR],
        regional=regional,
    )


def relation_entry(relation: Any, topics: list[Any] | None = None) -> Entry | None:
    """A published relation: who with whom, its kind, start, topics and note; links to the partner page."""
    if not relation.live:
        return None
    home, partner = relation.home, relation.partner
    topics = list(relation.topics.all()) if topics is None else topics
    regional = getattr(relation, "in_home_region", relation.kind != "municipal_partnership")  # see queryset()

    def text(language: str) -> str:
        return _join(
            _label(Relation, "kind", relation.kind, language),
            _label(Relation, "category", relation.category, language),
            _label(Relation, "status", relation.status, language),
            relation.since,
            relation.since_note if language == "de" else "",
            _actor_names(home, language),
            _actor_names(partner, language),
            *(t.name if language == "de" else t.name_en for t in topics),
            relation.note if language == "de" else relation.note_en,
        )

    return Entry(
        kind=Kind.RELATION,
        object_id=relation.pk,
        title=relation.title or f"{home.name} – {partner.name}",
        title_en=relation.title or f"{home.name_en or home.name} – {partner.name_en or partner.name}",
        body=text("de"),
        body_en=text("en"),
        keywords=_join(
            SYNONYMS.get(relation.kind, ""),
            *partner.aliases,
            *variants(_join(home.name, partner.name, *partner.aliases, relation.title)),
        ),
        url=_partner_url(partner, regional),
        weight=WEIGHTS[Kind.RELATION],
        regional=regional,
    )


def agreement_entry(agreement: Agreement) -> Entry | None:
    """A published agreement: title, summary, partner, place, signatories and topics."""
    if not agreement.live:
        return None
    partner = agreement.partner
    people = [p.name for p in agreement.signatories.all()]
    topics = list(agreement.topics.all())

    def text(language: str) -> str:
        return _join(
            _label(Agreement, "kind", agreement.kind, language),
            agreement.date.year if agreement.date else "",
            _actor_names(partner, language),
            agreement.place.name if agreement.place else "",
            *people,
            *(t.name if language == "de" else t.name_en for t in topics),
            agreement.summary if language == "de" else agreement.summary_en,
        )

    return Entry(
        kind=Kind.AGREEMENT,
        object_id=agreement.pk,
        title=agreement.title,
        title_en=agreement.title_en,
        body=text("de"),
        body_en=text("en"),
        keywords=_join(*variants(_join(agreement.title, partner.name, *people))),
        url=_partner_url(partner),
        weight=WEIGHTS[Kind.AGREEMENT],
    )


def stream_text(value: object) -> str:
    """All visible text of a StreamField value (paragraphs, quotes, captions), tags stripped."""
    if value is None:
        return ""
    if hasattr(value, "source"):  # RichText
        return strip_tags(value.source)
    if isinstance(value, str):
        return strip_tags(value)
    if isinstance(value, dict):  # StructValue
        return _join(*(stream_text(v) for v in value.values()))
    if hasattr(value, "raw_data") or isinstance(value, (list, tuple)):  # StreamValue, ListValue
        return _join(*(stream_text(getattr(child, "value", child)) for child in value))  # type: ignore[attr-defined]
    return ""


def news_entry(page) -> Entry | None:
    """A published news page: kicker, title, lead, body text; partners and topics as other spellings."""
    if not page.live:
        return None
    partners = list(page.partners.all()) if hasattr(page, "partners") else []
    with override("de"):
        url = page.get_url() or page.url_path
    return Entry(
        kind=Kind.NEWS,
        object_id=page.pk,
        title=page.title,
        body=_join(getattr(page, "kicker", ""), getattr(page, "lead", ""), stream_text(getattr(page, "body", None))),
        keywords=_join(*(a.name for a in partners), *variants(_join(page.title, *(a.name for a in partners)))),
        url=url,
        weight=WEIGHTS[Kind.NEWS],
    )


def news_model():
    """The news pages' model (weltnetz.register.news), or None while no app defines it."""
    return register_news.news_model()


ACTOR_FIELDS = ["slug", "name", "name_en", "aliases", "country_code"]


def queryset(kind: str) -> QuerySet | None:
    """Every object of a kind that may be indexed, with what its builder reads prefetched."""
    # only(): loading the unused columns of 56,000 rows was a third of the reindexing time.
    if kind == Kind.ACTOR:
        return (
            Actor.objects.only(*ACTOR_FIELDS, "kind", "description", "description_en", "is_home")
            .with_home_region_scope()
            .order_by("pk")
        )
    if kind == Kind.RELATION:
        return (
            Relation.objects.filter(live=True)
            .with_home_region_scope()
            .select_related("home", "partner")
            .only(
                "kind",
                "category",
                "status",
                "since",
                "since_note",
                "title",
                "note",
                "note_en",
                "live",
                *(f"home__{f}" for f in ACTOR_FIELDS),
                *(f"partner__{f}" for f in ACTOR_FIELDS),
            )
            .prefetch_related("topics")
            .order_by("pk")
        )
    if kind == Kind.AGREEMENT:
        return (
            Agreement.objects.filter(live=True)
            .select_related("partner", "place")
            .prefetch_related("signatories", "topics")
            .order_by("pk")
        )
    if kind == Kind.NEWS and (model := news_model()) is not None:
        return model.objects.live().order_by("pk")
    return None


BUILDERS = {
    Kind.ACTOR: actor_entry,
    Kind.RELATION: relation_entry,
    Kind.AGREEMENT: agreement_entry,
    Kind.NEWS: news_entry,
}


def entries(kind: str, objects: Iterable) -> Iterator[Entry]:
    """The entries for some objects of one kind (drafts and unpublished pages left out)."""
    build: Any = BUILDERS[Kind(kind)]
    for obj in objects:
        if (entry := build(obj)) is not None:
            yield entry


# -- actors and relations from plain rows (imports index 50,000 rows a batch) ----------------------------------------
_ACTOR_ROW = (
    "id",
    "slug",
    "kind",
    "name",
    "name_en",
    "aliases",
    "country_code",
    "description",
    "description_en",
    "in_home_region",
)
_RELATION_ROW = (
    "id",
    "kind",
    "category",
    "status",
    "since",
    "since_note",
    "title",
    "note",
    "note_en",
    "in_home_region",
)


def _raw_rows(qs: QuerySet, columns: tuple[str, ...], chunk_size: int) -> Iterator[tuple]:
    """The values_list rows of `qs` as the database returns them, in chunks: Django's converters (a JSON decode of
    every place's empty list of other spellings) cost more than reading the rows. See _aliases and _flag."""
    sql, params = qs.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


def _aliases(value: Any) -> list[str]:
    """An actor's other spellings as the database returns them (JSON text on SQLite)."""
    if value is None or value == "[]" or value == "":
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def _flag(value: Any) -> bool:
    return bool(value)  # SQLite returns a CASE's True as 1


def _actor_rows(pks: list[int] | None) -> Iterator[SimpleNamespace]:
    rows = Actor.objects.with_home_region_scope().order_by("pk")
    if pks is not None:
        rows = rows.filter(ids_in("pk", pks))
    for values in _raw_rows(rows, _ACTOR_ROW, 5000):
        row = SimpleNamespace(**dict(zip(_ACTOR_ROW, values, strict=True)))
        row.pk, row.aliases, row.in_home_region = row.id, _aliases(row.aliases), _flag(row.in_home_region)
        yield row


def _relation_rows(pks: list[int] | None) -> Iterator[tuple[SimpleNamespace, list[Any]]]:
    """Published relations with both places and their topics: three queries per 2,000 relations."""
    qs = Relation.objects.filter(live=True).with_home_region_scope().order_by("pk")
    if pks is not None:
        qs = qs.filter(ids_in("pk", pks))
    place = ("slug", "name", "name_en", "aliases", "country_code")
    columns = (*_RELATION_ROW, *(f"home__{f}" for f in place), *(f"partner__{f}" for f in place))
    chunk: list[tuple] = []
    for values in _raw_rows(qs, columns, 2000):
        chunk.append(values)
        if len(chunk) >= 2000:
            yield from _relation_chunk(chunk, place)
            chunk = []
    if chunk:
        yield from _relation_chunk(chunk, place)


def _relation_chunk(chunk: list[tuple], place: tuple[str, ...]) -> Iterator[tuple[SimpleNamespace, list[Any]]]:
    n, k = len(_RELATION_ROW), len(place)
    through = Relation.topics.through
    topics: dict[int, list[Any]] = {}
    ordering = [f"topic__{f}" for f in (Topic._meta.ordering or ["pk"])]
    links = through.objects.filter(ids_in("relation_id", [v[0] for v in chunk])).order_by(*ordering)
    for rid, name, name_en in links.values_list("relation_id", "topic__name", "topic__name_en"):
        topics.setdefault(rid, []).append(SimpleNamespace(name=name, name_en=name_en))
    for values in chunk:
        row = SimpleNamespace(**dict(zip(_RELATION_ROW, values[:n], strict=True)))
        row.pk, row.live, row.in_home_region = row.id, True, _flag(row.in_home_region)
        row.home = SimpleNamespace(**dict(zip(place, values[n : n + k], strict=True)))
        row.partner = SimpleNamespace(**dict(zip(place, values[n + k :], strict=True)))
        row.home.aliases, row.partner.aliases = _aliases(row.home.aliases), _aliases(row.partner.aliases)
        yield row, topics.get(row.id, [])


def row_entries(kind: str, pks: list[int] | None = None) -> Iterator[Entry] | None:
    """The entries of actors or relations (all, or some ids) built from plain rows; None for other kinds.

    The same builders as for model instances, fed with values() rows: no model instance, no prefetch.
    """
    if kind == Kind.ACTOR:
        return (actor_entry(row) for row in _actor_rows(pks))
    if kind == Kind.RELATION:
        return (e for row, topics in _relation_rows(pks) if (e := relation_entry(row, topics)) is not None)
    return None
