"""Register rows turned into the API's plain dicts, with one query per related table (no N+1)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse

from weltnetz.register.models import Actor, Relation
from weltnetz.register.querysets import RelationQuerySet, ids_in
from weltnetz.register.vocab import RelationKind, partial_date

PLACE_FIELDS = (
    "id",
    "slug",
    "kind",
    "name",
    "name_en",
    "country_code",
    "subdivision_code",
    "continent",
    "latitude",
    "longitude",
)
RELATION_FIELDS = (
    "id",
    "kind",
    "title",
    "title_en",
    "country_code",
    "since",
    "since_note",
    "since_note_en",
    "status",
    "category",
)


def api_url(name: str, **kwargs: Any) -> str:
    return reverse(f"api-1:{name}", kwargs=kwargs)


def place_ref(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """The short form of a place from a values() row (fields optionally under `prefix`)."""
    p = prefix
    return {
        "id": row[p + "id"],
        "slug": row[p + "slug"],
        "kind": row[p + "kind"],
        "name": row[p + "name"],
        "name_en": row[p + "name_en"],
        "country": row[p + "country_code"],
        "subdivision": row[p + "subdivision_code"],
        "continent": row[p + "continent"],
        "latitude": row[p + "latitude"],
        "longitude": row[p + "longitude"],
    }


def place_ref_of(actor: Actor) -> dict[str, Any]:
    return place_ref({f: getattr(actor, f) for f in PLACE_FIELDS})


def relation_values(qs: RelationQuerySet) -> QuerySet:
    """A values() queryset with everything a relation item shows except its topics."""
    fields = [*RELATION_FIELDS, "status_since", "status_since_precision"]
    fields += [f"home__{f}" for f in PLACE_FIELDS] + [f"partner__{f}" for f in PLACE_FIELDS]
    if "status_then" in qs.query.annotations:
        fields += ["status_then", "status_then_since", "status_then_precision"]
    return qs.with_status_since().values(*fields)


_PAGE_SQL: dict[tuple[str, str], tuple[str, list[str] | None]] = {}  # (SQL, its columns' names once seen)


def page_rows(ids: list[int], order: list) -> list[dict[str, Any]]:
    """relation_values() rows of the relations `ids` (one page), in `order`.

    The ORM compiled this 32-column query with its two subqueries afresh for every page, which cost more than
    running it; the SQL is compiled once per ordering (and database) and run with the ids as one parameter.
    """
    key = (connection.vendor, repr(order))
    compiled, names = _PAGE_SQL.get(key) or (None, None)
    if compiled is None:
        marker = [-7_654_321]
        qs = relation_values(Relation.objects.filter(ids_in("pk", marker)).order_by(*order))  # type: ignore[arg-type]
        sql, params = qs.query.sql_with_params()
        if list(params).count(_ids_param(marker)) != 1 or len(params) != 1:
            return list(relation_values(Relation.objects.filter(pk__in=ids).order_by(*order)))  # type: ignore[arg-type]
        compiled = sql
        _PAGE_SQL[key] = (sql, None)
    with connection.cursor() as cursor:
        cursor.execute(compiled, [_ids_param(ids)])
        if names is None:
            # every column carries its values() name as alias; read once, as psycopg builds 32 objects each time
            names = [c[0] for c in cursor.description]
            _PAGE_SQL[key] = (compiled, names)
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        if isinstance(row["status_since"], str):  # SQLite returns dates as text
            row["status_since"] = dt.date.fromisoformat(row["status_since"])
    return rows


def _ids_param(ids: list[int]) -> Any:
    return list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))


def twinnings_have_topics() -> bool:
    """Whether any town twinning has a topic (none do unless an editor gave one): when not, a page of twinnings
    needs no topics query. Cached under the data version."""
    from django.core.cache import cache

    from weltnetz.register.version import register_version, reuse_allowed

    key = f"weltnetz:api:twinning-topics:{register_version()[0]}"
    found = cache.get(key) if reuse_allowed() else None
    if found is None:
        through = Relation.topics.through
        found = through.objects.filter(relation__kind=RelationKind.MUNICIPAL_PARTNERSHIP).exists()
        if reuse_allowed():
            cache.set(key, found, 3600)
    return found


def topics_by_relation(ids: list[int] | QuerySet) -> dict[int, list[str]]:
    """Topic slugs of many relations in one query."""
    through = Relation.topics.through
    out: dict[int, list[str]] = defaultdict(list)
    rows = through.objects.filter(relation_id__in=ids).values_list("relation_id", "topic__slug")
    for rid, slug in rows.order_by("topic__slug"):
        out[rid].append(slug)
    return out


def relation_items(
    rows: list[dict[str, Any]], with_as_of: bool = False, topics: dict[int, list[str]] | None = None
) -> list[dict[str, Any]]:
    """Relation list items from relation_values() rows."""
    if topics is None:
        needed = [r["id"] for r in rows if r["kind"] != RelationKind.MUNICIPAL_PARTNERSHIP]
        if len(needed) < len(rows) and twinnings_have_topics():
            needed = [r["id"] for r in rows]
        topics = topics_by_relation(needed) if needed else {}
    base = api_url("relation_list")
    items = []
    for r in rows:
        item = {
            "id": r["id"],
            "url": f"{base}/{r['id']}",
            "kind": r["kind"],
            "title": r["title"],
            "title_en": r["title_en"],
            "home": place_ref(r, "home__"),
            "partner": place_ref(r, "partner__"),
            "country": r["country_code"],
            "since": r["since"],
            "since_note": r["since_note"],
            "since_note_en": r["since_note_en"],
            "status": r["status"],
            "status_since": partial_date(r["status_since"], r["status_since_precision"]),
            "category": r["category"],
            "topics": topics.get(r["id"], []),
        }
        if with_as_of:
            item["status_as_of"] = r.get("status_then")
            item["status_as_of_since"] = partial_date(r.get("status_then_since"), r.get("status_then_precision"))
        items.append(item)
    return items


def source_ref(source: Any) -> dict[str, Any] | None:
    if source is None:
        return None
    return {
        "id": source.id,
        "title": source.title,
        "kind": source.kind,
        "publisher": source.publisher,
        "url": source.url,
        "published_on": source.published_on,
    }


def cited(c: Any) -> dict[str, Any]:
    return {"source": source_ref(c.source), "passage": c.passage}
