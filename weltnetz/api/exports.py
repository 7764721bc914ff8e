"""Exports of the relations list with the same filters: CSV (a row per relation), GeoJSON (a Feature per partner)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from weltnetz.register.opendata import licence_info
from weltnetz.register.vocab import partial_date

from . import filters as f
from .caching import cached_response, json_bytes
from .records import relation_values, topics_by_relation
from .v1_common import ERRORS

router = Router(tags=["exports"])

CSV_COLUMNS = [
    "id",
    "kind",
    "title",
    "title_en",
    "home_slug",
    "home_name",
    "partner_slug",
    "partner_name",
    "partner_name_en",
    "partner_kind",
    "country",
    "continent",
    "latitude",
    "longitude",
    "since",
    "since_note",
    "since_note_en",
    "status",
    "status_since",
    "category",
    "topics",
]


def _rows(params: f.RelationFilters) -> tuple[list[dict[str, Any]], dict[int, list[str]]]:
    qs = f.filter_relations(params)
    order = f.ordering("ordering", params.ordering, f.RELATION_ORDER, ["partner__name"])
    rows = list(relation_values(qs.order_by(*order)))
    return rows, topics_by_relation(qs.order_by().values("id"))


def csv_bytes(params: f.RelationFilters) -> bytes:
    rows, topics = _rows(params)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS + (["status_as_of", "status_as_of_since"] if params.as_of else []))
    for r in rows:
        line = [
            r["id"],
            r["kind"],
            r["title"],
            r["title_en"],
            r["home__slug"],
            r["home__name"],
            r["partner__slug"],
            r["partner__name"],
            r["partner__name_en"],
            r["partner__kind"],
            r["country_code"],
            r["partner__continent"],
            "" if r["partner__latitude"] is None else r["partner__latitude"],
            "" if r["partner__longitude"] is None else r["partner__longitude"],
            "" if r["since"] is None else r["since"],
            r["since_note"],
            r["since_note_en"],
            r["status"],
            partial_date(r["status_since"], r["status_since_precision"]) or "",
            r["category"],
            " ".join(topics.get(r["id"], [])),
        ]
        if params.as_of:
            line.append(r.get("status_then") or "")
            line.append(partial_date(r.get("status_then_since"), r.get("status_then_precision")) or "")
        writer.writerow(line)
    return out.getvalue().encode("utf-8")


def geojson(params: f.RelationFilters) -> dict[str, Any]:
    rows, topics = _rows(params)
    features: dict[int, dict[str, Any]] = {}
    for r in rows:
        pid = r["partner__id"]
        if pid not in features:
            lat, lon = r["partner__latitude"], r["partner__longitude"]
            features[pid] = {
                "type": "Feature",
                "id": pid,
                "geometry": {"type": "Point", "coordinates": [lon, lat]}
                if lat is not None and lon is not None
                else None,
                "properties": {
                    "id": pid,
                    "slug": r["partner__slug"],
                    "kind": r["partner__kind"],
                    "name": r["partner__name"],
                    "name_en": r["partner__name_en"],
                    "country": r["partner__country_code"],
                    "continent": r["partner__continent"],
                    "relations": [],
                },
            }
        rel = {
            "id": r["id"],
            "kind": r["kind"],
            "home": r["home__slug"],
            "home_name": r["home__name"],
            "since": r["since"],
            "status": r["status"],
            "status_since": partial_date(r["status_since"], r["status_since_precision"]),
            "category": r["category"],
            "topics": topics.get(r["id"], []),
        }
        if params.as_of:
            rel["status_as_of"] = r.get("status_then")
            rel["status_as_of_since"] = partial_date(r.get("status_then_since"), r.get("status_then_precision"))
        features[pid]["properties"]["relations"].append(rel)
    # Foreign members (RFC 7946, 6.1): the licence and the attribution it asks for.
    return {"type": "FeatureCollection", "license": licence_info(), "features": list(features.values())}


def _doc(media_type: str, description: str) -> dict:
    schema = {"type": "string"} if media_type.startswith("text/") else {"type": "object"}
    return {"responses": {200: {"description": description, "content": {media_type: {"schema": schema}}}}}


@router.get(
    "/relations.csv",
    response={200: str, **ERRORS},
    url_name="relations_csv",
    openapi_extra=_doc("text/csv", "UTF-8 CSV with a header row, one row per relation"),
)
def relations_csv(request: HttpRequest, params: Query[f.RelationFilters]) -> HttpResponse:
    """The relations list as CSV (same filters as /relations, without paging)."""
    return cached_response(
        request,
        lambda: csv_bytes(params),
        content_type="text/csv; charset=utf-8",
        render=lambda b: b,
        filename="weltnetz-relations.csv",
    )


@router.get(
    "/relations.geojson",
    response={200: dict, **ERRORS},
    url_name="relations_geojson",
    openapi_extra=_doc("application/geo+json", "FeatureCollection, one Feature per partner place"),
)
def relations_geojson(request: HttpRequest, params: Query[f.RelationFilters]) -> HttpResponse:
    """The relations list as GeoJSON: one Feature per partner place, its relations in the properties."""
    return cached_response(
        request,
        lambda: geojson(params),
        content_type="application/geo+json",
        render=json_bytes,
        filename="weltnetz-relations.geojson",
    )
