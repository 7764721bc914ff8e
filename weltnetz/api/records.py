"""Register rows turned into the API's plain dicts, with one query per related table (no N+1)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from weltnetz.register.models import Actor, Relation
from weltnetz.register.querysets import RelationQuerySet
from weltnetz.register.vocab import partial_date

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
    g = lambda f: row[prefix + f]  # noqa: E731
    return {
        "id": g("id"),
        "slug": g("slug"),
        "kind": g("kind"),
        "name": g("name"),
        "name_en": g("name_en"),
        "country": g("country_code"),
        "subdivision": g("subdivision_code"),
        "continent": g("continent"),
        "latitude": g("latitude"),
        "longitude": g("longitude"),
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
        topics = topics_by_relation([r["id"] for r in rows])
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
