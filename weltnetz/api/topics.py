"""/topics: the fields of cooperation with how many published relations have each."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from weltnetz.register.models import Relation, Topic

from . import filters as f
from .caching import cached_response
from .errors import ApiError
from .records import api_url
from .schemas import TopicDetail, TopicPage
from .v1_common import ERRORS

router = Router(tags=["topics"])


def _topics():
    return Topic.objects.annotate(n=Count("relations", filter=Q(relations__live=True)))


def topic_item(t: Topic) -> dict:
    return {
        "slug": t.slug,
        "name": t.name,
        "name_en": t.name_en,
        "url": f"{api_url('topic_list')}/{t.slug}",
        "relations": t.n,  # type: ignore[attr-defined]  # annotated by _topics()
    }


@router.get("", response={200: TopicPage, **ERRORS}, url_name="topic_list")
def list_topics(request: HttpRequest, params: Query[f.Paging]) -> HttpResponse:
    """All fields of cooperation (German and English names)."""

    def build() -> dict:
        items, meta = f.paginate(request, _topics().order_by("slug"), params)
        return {**meta, "results": [topic_item(t) for t in items]}

    return cached_response(request, build)


@router.get("/{slug}", response={200: TopicDetail, **ERRORS}, url_name="topic_detail")
def get_topic(request: HttpRequest, slug: str = Path(..., max_length=40)) -> HttpResponse:
    """One field of cooperation with the ids of its published relations."""

    def build() -> dict:
        t = _topics().filter(slug=f.clean_text(slug)).first() if f.SLUG.match(slug) else None
        if t is None:
            raise ApiError("slug", f"no topic '{slug[:40]}'", status=404)
        ids = list(Relation.objects.public().filter(topics=t).order_by("id").values_list("id", flat=True))
        return {**topic_item(t), "relation_ids": ids}

    return cached_response(request, build)
