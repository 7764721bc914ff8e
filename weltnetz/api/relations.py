"""/relations: the filtered, faceted list of published relations and one relation with its history and sources."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from weltnetz.register.models import Relation

from . import filters as f
from .caching import cached_response
from .errors import ApiError
from .records import (
    cited,
    counted_page_rows,
    page_rows,
    place_ref_of,
    relation_items,
    relation_values,
    rows_of_page,
)
from .schemas import RelationDetail, RelationPage
from .v1_common import ERRORS

router = Router(tags=["relations"])


@router.get("", response={200: RelationPage, **ERRORS}, url_name="relation_list")
def list_relations(request: HttpRequest, params: Query[f.RelationListFilters]) -> HttpResponse:
    """Published relations with filters, ordering, paging and optional facet counts."""

    def build() -> dict:
        sel = f.checked(params)
        facets = f.choices("facets", params.facets, f.FACETS)
        # Default: the order of entry (id), cheap to page through at any size; ordering=partner sorts by name.
        order = f.ordering("ordering", params.ordering, f.RELATION_ORDER, ["id"])
        # The plain case (no facets, ordered by id, no join): the selection's SQL prepared once per shape.
        where = f.selection_where(sel) if not facets and params.ordering is None else None
        if where is not None:
            if connection.vendor == "postgresql":  # the count and the page's rows: one round trip
                start = (params.page - 1) * params.page_size
                rows, count = counted_page_rows(
                    where.table, where.count, where.page, start, params.page_size, f.READ_WHOLE, where.with_
                )
                return {**f.page_meta(request, params, count), "results": relation_items(rows)}
            ids, meta = f.page_ids(request, None, params, where=where)
            rows = page_rows(ids, order) if ids else []
            return {**meta, "results": relation_items(rows)}
        qs = f.relations_of(sel)
        counts = f.facet_counts(qs, facets) if facets else {}
        if params.as_of or qs.query.distinct:
            rows, meta = f.paginate(request, relation_values(qs.order_by(*order)), params, counted=qs)
        else:
            # A facet that puts every relation in one group (all but topic) has counted the selection already.
            total = next((sum(c["count"] for c in counts[n]) for n in facets if n != "topic"), None)
            # The page's ids (and the count, once at most); the places and status dates of those rows only.
            if connection.vendor == "postgresql":  # the ids as a subquery of the rows' statement
                start = (params.page - 1) * params.page_size
                rows = rows_of_page(qs.order_by(*order), order, start, params.page_size)
                _, meta = f.page_ids(request, qs, params, count=total, ids=[r["id"] for r in rows])
            else:
                ids, meta = f.page_ids(request, qs.order_by(*order), params, count=total)
                rows = page_rows(ids, order) if ids else []
        data = {**meta, "results": relation_items(rows, with_as_of=bool(params.as_of))}
        if facets:
            data["facets"] = counts
        return data

    return cached_response(request, build)


@router.get("/{relation_id}", response={200: RelationDetail, **ERRORS}, url_name="relation_detail")
def get_relation(request: HttpRequest, relation_id: int = Path(..., ge=1, le=f.MAX_INT)) -> HttpResponse:
    """One published relation with its dated status history and the sources of each fact."""

    def build() -> dict:
        rel = (
            Relation.objects.public()
            .select_related("home", "partner")
            .prefetch_related("topics", "status_changes__source", "citations__source", "agreements")
            .filter(pk=relation_id)
            .first()
        )
        if rel is None:
            raise ApiError("relation_id", f"no published relation with id {relation_id}", status=404)
        row = relation_values(Relation.objects.filter(pk=rel.pk)).get()
        item = relation_items([row], topics={rel.pk: sorted(t.slug for t in rel.topics.all())})[0]
        item["home"], item["partner"] = place_ref_of(rel.home), place_ref_of(rel.partner)
        return {
            **item,
            "note": rel.note,
            "note_en": rel.note_en,
            "status_history": [
                {
                    "status": c.status,
                    "date": c.date,
                    "precision": c.precision,
                    "note": c.note,
                    "note_en": c.note_en,
                    "sources": [cited(c)] if c.source_id or c.passage else [],
                }
                for c in rel.history()
            ],
            "sources": [{"field": c.field, **cited(c)} for c in rel.citations.all()],
            "agreements": [
                {"id": a.id, "title": a.title, "kind": a.kind, "date": a.date, "url": f"{f_agreements()}/{a.id}"}
                for a in rel.agreements.all()
                if a.live
            ],
        }

    return cached_response(request, build)


def f_agreements() -> str:
    from .records import api_url

    return api_url("agreement_list")
