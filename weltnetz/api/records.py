"""Register rows turned into the API's plain dicts, with one query per related table (no N+1)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet
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


def page_rows(ids: list[int], order: list) -> list[dict[str, Any]]:
    """relation_values() rows of the relations `ids` (one page), in `order`.

    The ORM compiled this 32-column query with its two subqueries afresh for every page, which cost more than
    running it; the SQL is compiled once per ordering (and database) and run with the ids as one parameter.
    """
    compiled = _page_sql(order)
    if compiled is None:
        return list(relation_values(Relation.objects.filter(pk__in=ids).order_by(*order)))  # type: ignore[arg-type]
    with connection.cursor() as cursor:
        cursor.execute(compiled, [_ids_param(ids)])
        return _rows(order, cursor, cursor.fetchall())


def rows_of_page(qs: QuerySet, order: list, start: int, size: int) -> list[dict[str, Any]]:
    """PostgreSQL: page_rows() of one page of `qs` (ordered by `order`) in one statement, its ids a subquery.

    Read as two statements (the ids, then the rows by `id = ANY(%s)`), a short page cost two round trips, and
    PostgreSQL planned the rows' statement afresh every time: its generic plan is costed for ten ids, a page of
    one is cheaper as a custom plan, so the prepared statement was never reused (0.37 ms a request, 0.14 ms
    reused).
    """
    page = qs.values_list("id", flat=True)[start : start + size]
    # LIMIT and OFFSET stay written into the SQL as the ORM writes them: as parameters, PostgreSQL costed the
    # generic plan for an unknown LIMIT and planned every request afresh again
    ids_sql, ids_params = page.query.sql_with_params()
    sql = _page_sql_for(order, f"ARRAY({ids_sql})")
    if sql is None:
        ids = list(page)
        return page_rows(ids, order) if ids else []
    with connection.cursor() as cursor:
        cursor.execute(sql, list(ids_params))
        return _rows(order, cursor, cursor.fetchall())


def counted_page_rows(
    table: str,
    where: tuple[str, list[Any]],
    page_where: tuple[str, list[Any]],
    start: int,
    size: int,
    limit: int,
    with_: tuple[str, list[Any]] = ("", []),
) -> tuple[list[dict[str, Any]], int]:
    """PostgreSQL: a selection's count and the rows of one page by id (as page_rows() gives them), in one
    statement: (rows, count). On PostgreSQL each round trip cost more than the work of the answer.

    `where` and `page_where` are the selection's WHERE clause on `table` for the count and for a page, with
    their parameters, and `with_` the common table expressions they refer to (api.filters.selection_where: the
    search's hits for a text, looked up in the same statement). A selection of at most `limit` relations is read
    through its indexes and its ids sorted for the page (ORDER BY id LIMIT would walk the primary key, slow when
    the matches lie late in the table); a larger one is dense, and walking the primary key finds a page at once.
    """
    rows_sql = _page_sql_for([F("id").asc()], "p.ids")
    if rows_sql is None:
        raise ValueError("the page's SQL does not take its ids as one array")
    (sql, params), (page_sql, page_params) = where, page_where
    ctes, cte_params = with_
    ctes += ", " if ctes else ""
    t = table
    # Both ways to the ids are init plans, and only the one the CASE reaches runs (EXPLAIN: "never executed");
    # the small way sorts the whole selection in the aggregate and slices the page (a LIMIT there made the
    # planner walk the primary key again), and p is materialised so that it runs once for both of its uses.
    statement = (
        f"WITH {ctes}c AS (SELECT COUNT(*) AS n FROM {t} WHERE {sql}), "  # noqa: S608 - names and SQL the ORM compiled
        f"p AS MATERIALIZED (SELECT n, CASE WHEN n <= %s THEN COALESCE((SELECT (array_agg({t}.id ORDER BY {t}.id))"
        f"[%s:%s] FROM {t} WHERE {sql}), '{{}}') "
        f"ELSE ARRAY(SELECT {t}.id FROM {t} WHERE {page_sql} ORDER BY {t}.id LIMIT %s OFFSET %s) END AS ids FROM c) "
        f"SELECT p.n, r.* FROM p LEFT JOIN LATERAL ({rows_sql}) r ON true ORDER BY r.id"
    )
    args = [*cte_params, *params, limit, start + 1, start + size, *params, *page_params, size, start]
    with connection.cursor() as cursor:
        cursor.execute(statement, args)
        got = cursor.fetchall()
        rows = [row[1:] for row in got if row[1] is not None]
        return _rows([F("id").asc()], cursor, rows, skip=1), got[0][0]


_PAGE_SQL: dict[str, str | None] = {}  # per database and ordering: page_rows()'s SQL (None: not compilable)
_PAGE_NAMES: dict[str, list[str]] = {}  # and its columns' names


def _page_sql_for(order: list, ids: str) -> str | None:
    """page_rows()'s SQL with the array expression `ids` (SQL: a subquery, a column) in place of its parameter;
    None when the compiled SQL does not take its ids as that one parameter."""
    compiled, marker = _page_sql(order), "= ANY(%s::bigint[])"
    if compiled is None or compiled.count(marker) != 1:
        return None
    return compiled.replace(marker, f"= ANY({ids})")


def _page_sql(order: list) -> str | None:
    key = f"{connection.vendor}|{order!r}"
    if key not in _PAGE_SQL:
        marker = [-7_654_321]
        qs = relation_values(Relation.objects.filter(ids_in("pk", marker)).order_by(*order))  # type: ignore[arg-type]
        sql, params = qs.query.sql_with_params()
        ok = list(params).count(_ids_param(marker)) == 1 and len(params) == 1
        _PAGE_SQL[key] = sql if ok else None
    return _PAGE_SQL[key]


def _rows(order: list, cursor: Any, rows: list[tuple], skip: int = 0) -> list[dict[str, Any]]:
    """Rows of page_rows()'s query (from the cursor's `skip`th column on) as dicts: every column carries its
    values() name as alias, read from the first description only (psycopg builds 32 objects for each)."""
    key = f"{connection.vendor}|{order!r}"
    names = _PAGE_NAMES.get(key)
    if names is None:
        names = _PAGE_NAMES[key] = [column[0] for column in cursor.description[skip:]]
    out = [dict(zip(names, row, strict=True)) for row in rows]
    for row in out:
        if isinstance(row["status_since"], str):  # SQLite returns dates as text
            row["status_since"] = dt.date.fromisoformat(row["status_since"])
    return out


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
