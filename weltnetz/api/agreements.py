"""/agreements: signed documents (declarations, memoranda, treaties), each with signatories and sources."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router
from pydantic import Field

from weltnetz.register.models import Agreement

from . import filters as f
from .caching import cached_response
from .errors import ApiError
from .records import api_url, cited, place_ref_of
from .schemas import AgreementDetail, AgreementPage
from .v1_common import ERRORS

router = Router(tags=["agreements"])
ORDER = {"date": "date", "title": "title", "id": "id"}


class AgreementFilters(f.Paging):
    kind: str | None = Field(
        None,
        description="Kind(s): " + ", ".join(Agreement.Kind.values),
        json_schema_extra=f.documented(f.list_pattern(Agreement.Kind.values)),
    )
    partner: str | None = Field(None, description="Slug of the partner")
    topic: str | None = Field(
        None, description="Topic slug(s)", json_schema_extra=f.documented(f.list_pattern(f.TOPIC_SLUGS))
    )
    date_from: str | None = Field(
        None, description="Signed on or after (YYYY-MM-DD)", json_schema_extra=f.string_schema(format="date")
    )
    date_to: str | None = Field(
        None, description="Signed on or before (YYYY-MM-DD)", json_schema_extra=f.string_schema(format="date")
    )
    ordering: str | None = Field(
        None,
        description="date, title, id; prefix - to reverse (default -date)",
        json_schema_extra=f.documented(f.order_pattern(tuple(ORDER))),
    )


def agreement_item(a: Agreement) -> dict:
    return {
        "id": a.id,
        "url": f"{api_url('agreement_list')}/{a.id}",
        "title": a.title,
        "title_en": a.title_en,
        "kind": a.kind,
        "date": a.date,
        "date_precision": a.date_precision,
        "partner": place_ref_of(a.partner),
        "place": place_ref_of(a.place) if a.place else None,
        "relation": a.relation_id,
        "topics": sorted(t.slug for t in a.topics.all()),
    }


@router.get("", response={200: AgreementPage, **ERRORS}, url_name="agreement_list")
def list_agreements(request: HttpRequest, params: Query[AgreementFilters]) -> HttpResponse:
    """Published agreements, newest first."""

    def build() -> dict:
        qs = Agreement.objects.public().select_related("partner", "place").prefetch_related("topics")
        if kinds := f.choices("kind", params.kind, Agreement.Kind.values):
            qs = qs.filter(kind__in=kinds)
        if params.partner is not None:
            qs = qs.filter(partner__slug=f.clean_text(params.partner)[:160])
        if slugs := f.choices("topic", params.topic, f.topic_slugs()):
            qs = qs.filter(topics__slug__in=slugs).distinct()
        if (date_from := f.date_param(params.date_from, "date_from")) is not None:
            qs = qs.filter(date__gte=date_from)
        if (date_to := f.date_param(params.date_to, "date_to")) is not None:
            qs = qs.filter(date__lte=date_to)
        order = f.ordering("ordering", params.ordering, ORDER, ["-date"])
        items, meta = f.paginate(request, qs.order_by(*order), params)
        return {**meta, "results": [agreement_item(a) for a in items]}

    return cached_response(request, build)


@router.get("/{agreement_id}", response={200: AgreementDetail, **ERRORS}, url_name="agreement_detail")
def get_agreement(request: HttpRequest, agreement_id: int = Path(..., ge=1, le=f.MAX_INT)) -> HttpResponse:
    """One agreement with its summary, signatories, document link and sources."""

    def build() -> dict:
        a = (
            Agreement.objects.public()
            .select_related("partner", "place", "document")
            .prefetch_related("topics", "signatories", "citations__source")
            .filter(pk=agreement_id)
            .first()
        )
        if a is None:
            raise ApiError("agreement_id", f"no published agreement with id {agreement_id}", status=404)
        document = a.document_url or (request.build_absolute_uri(a.document.url) if a.document else "")
        return {
            **agreement_item(a),
            "summary": a.summary,
            "summary_en": a.summary_en,
            "signatories": [{"name": p.name, "slug": p.slug} for p in a.signatories.all()],
            "document_url": document,
            "sources": [cited(c) for c in a.citations.all()],
        }

    return cached_response(request, build)
