"""/places: actors and places (regions, towns, networks ...), one place with its relations on either side, JSON-LD."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch
from ninja import Path, Query, Router

from weltnetz.register.jsonld import partner_jsonld
from weltnetz.register.models import Actor, Relation

from . import filters as f
from .caching import cached_response, json_bytes
from .errors import ApiError
from .records import PLACE_FIELDS, api_url, place_ref, topics_by_relation
from .schemas import PlaceDetail, PlacePage
from .v1_common import ERRORS

router = Router(tags=["places"])


def place_item(row: dict) -> dict:
    return {
        **place_ref(row),
        "url": f"{api_url('place_list')}/{row['id']}",
        "aliases": row["aliases"] or [],
        "wikidata_id": row["wikidata_id"],
        "is_home": row["is_home"],
        "parent": row["parent_id"],
    }


ITEM_FIELDS = (*PLACE_FIELDS, "aliases", "wikidata_id", "is_home", "parent_id")


@router.get("", response={200: PlacePage, **ERRORS}, url_name="place_list")
def list_places(request: HttpRequest, params: Query[f.PlaceFilters]) -> HttpResponse:
    """Places and actors with filters by kind, country, continent, state and name."""

    def build() -> dict:
        qs = f.filter_places(params)
        order = f.ordering("ordering", params.ordering, f.PLACE_ORDER, ["name"])
        rows, meta = f.paginate(request, qs.order_by(*order).values(*ITEM_FIELDS), params)
        return {**meta, "results": [place_item(r) for r in rows]}

    return cached_response(request, build)


def _actor(place_id: int) -> Actor:
    actor = Actor.objects.filter(pk=place_id).first()
    if actor is None:
        raise ApiError("place_id", f"no place with id {place_id}", status=404)
    return actor


@router.get(
    "/{place_id}.jsonld",
    response={200: dict, **ERRORS},
    url_name="place_jsonld",
    openapi_extra={
        "responses": {
            200: {
                "description": "schema.org JSON-LD",
                "content": {"application/ld+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def place_jsonld(request: HttpRequest, place_id: int = Path(..., ge=1, le=f.MAX_INT)) -> HttpResponse:
    """The place as schema.org JSON-LD (the same block the partner's portal page embeds)."""
    return cached_response(
        request,
        lambda: partner_jsonld(_actor(place_id), request=request),
        content_type="application/ld+json; charset=utf-8",
        render=json_bytes,
    )


@router.get("/{place_id}", response={200: PlaceDetail, **ERRORS}, url_name="place_detail")
def get_place(request: HttpRequest, place_id: int = Path(..., ge=1, le=f.MAX_INT)) -> HttpResponse:
    """One place with its published relations on either side (as home or as partner)."""

    def build() -> dict:
        actor = _actor(place_id)
        row = Actor.objects.filter(pk=actor.pk).values(*ITEM_FIELDS).get()
        rels = (
            Relation.objects.public()
            .filter(Q(home=actor) | Q(partner=actor))
            .order_by("since", "id")
            .values(
                "id",
                "kind",
                "since",
                "status",
                "category",
                "home_id",
                *[f"home__{x}" for x in PLACE_FIELDS],
                *[f"partner__{x}" for x in PLACE_FIELDS],
            )
        )
        rows = list(rels)
        topics = topics_by_relation([r["id"] for r in rows])
        base = api_url("relation_list")
        relations = []
        for r in rows:
            role = "home" if r["home_id"] == actor.pk else "partner"
            other = "partner__" if role == "home" else "home__"
            relations.append(
                {
                    "id": r["id"],
                    "url": f"{base}/{r['id']}",
                    "kind": r["kind"],
                    "role": role,
                    "other": place_ref(r, other),
                    "since": r["since"],
                    "status": r["status"],
                    "category": r["category"],
                    "topics": topics.get(r["id"], []),
                }
            )
        try:
            portal = request.build_absolute_uri(actor.get_absolute_url())
        except NoReverseMatch:  # the portal's URLs may be absent in a stripped-down deployment
            portal = ""
        return {
            **place_item(row),
            "description": actor.description,
            "description_en": actor.description_en,
            "website": actor.website,
            "portal_url": portal,
            "relations": relations,
        }

    return cached_response(request, build)
