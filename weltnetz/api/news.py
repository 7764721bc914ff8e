"""/news: the portal's published news articles (NewsPage), with partners, topics and the body as blocks."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router
from pydantic import Field

from weltnetz.register import news

from . import filters as f
from .caching import cached_response
from .errors import ApiError
from .records import api_url
from .schemas import NewsDetail
from .schemas import NewsPage as NewsPageSchema
from .v1_common import ERRORS

router = Router(tags=["news"])


class NewsFilters(f.Paging):
    partner: str | None = Field(None, description="Slug of a partner the article concerns")
    topic: str | None = Field(
        None, description="Topic slug(s)", json_schema_extra=f.documented(f.list_pattern(f.TOPIC_SLUGS))
    )
    ordering: str | None = Field(
        None,
        description="date, title, id; prefix - to reverse (default -date)",
        json_schema_extra=f.documented(f.order_pattern(("date", "title", "id"))),
    )


def live_news():
    """Published news pages (drafts and unpublished pages stay private), originals in the site's first language."""
    return news.live_news().prefetch_related("partners", "topics")


def news_item(page, request: HttpRequest) -> dict:
    url = page.get_url(request=request) or ""
    return {
        "id": page.id,
        "url": f"{api_url('news_list')}/{page.id}",
        "title": page.title,
        "kicker": page.kicker,
        "date": page.date,
        "lead": page.lead,
        "page_url": request.build_absolute_uri(url) if url else "",
        "partners": sorted(a.slug for a in page.partners.all()),
        "topics": sorted(t.slug for t in page.topics.all()),
    }


def block_data(block, request: HttpRequest) -> dict:
    """A body block as plain data: paragraphs as HTML, quotes with attribution, images with caption and credit."""
    value = block.value
    if block.block_type == "paragraph":
        return {"type": "paragraph", "value": {"html": str(value)}}
    if block.block_type == "quote":
        return {"type": "quote", "value": {"text": value.get("text", ""), "attribution": value.get("attribution", "")}}
    if block.block_type == "image":
        image = value.get("image")
        src = request.build_absolute_uri(image.file.url) if image is not None and image.file else ""
        return {
            "type": "image",
            "value": {
                "url": src,
                "alt": getattr(image, "title", ""),
                "caption": value.get("caption", ""),
                "credit": value.get("credit", ""),
            },
        }
    return {"type": block.block_type, "value": {"text": str(value)}}


@router.get("", response={200: NewsPageSchema, **ERRORS}, url_name="news_list")
def list_news(request: HttpRequest, params: Query[NewsFilters]) -> HttpResponse:
    """Published news, newest first."""

    def build() -> dict:
        qs = live_news()
        if params.partner is not None:
            qs = qs.filter(partners__slug=f.clean_text(params.partner)[:160])
        if slugs := f.choices("topic", params.topic, f.topic_slugs()):
            qs = qs.filter(topics__slug__in=slugs).distinct()
        order = f.ordering("ordering", params.ordering, {"date": "date", "title": "title", "id": "id"}, ["-date"])
        items, meta = f.paginate(request, qs.order_by(*order), params)
        return {**meta, "results": [news_item(p, request) for p in items]}

    return cached_response(request, build)


@router.get("/{news_id}", response={200: NewsDetail, **ERRORS}, url_name="news_detail")
def get_news(request: HttpRequest, news_id: int = Path(..., ge=1, le=f.MAX_INT)) -> HttpResponse:
    """One published article with its body blocks, reading time and related articles."""

    def build() -> dict:
        page = live_news().filter(pk=news_id).first()
        if page is None:
            raise ApiError("news_id", f"no published news article with id {news_id}", status=404)
        related = getattr(page, "related_news", None)
        reading = getattr(page, "reading_time", None)
        return {
            **news_item(page, request),
            "reading_time": reading,
            "body": [block_data(b, request) for b in page.body],
            "related": [p.id for p in related(limit=3)] if callable(related) else [],
        }

    return cached_response(request, build)
