"""/anniversaries: round (5, 10, 15 ...) anniversaries of the home region's published relations (not the town
twinnings), by year or in the coming days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from weltnetz.register import anniversaries
from weltnetz.register.models import Relation

from .caching import cached_response
from .records import relation_items, relation_values
from .schemas import AnniversaryList
from .v1_common import ERRORS

router = Router(tags=["anniversaries"])
MAX_DAYS = 3660


class AnniversaryParams(Schema):
    year: int | None = Field(None, ge=1, le=9999, description="Round anniversaries in this year")
    within_days: int | None = Field(
        None,
        ge=0,
        le=MAX_DAYS,
        description=f"Round anniversaries from today on, within this many days (≤ {MAX_DAYS}); with `year`, "
        "those of the coming days that fall in that year",
    )


def anniversaries_between(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The register's round anniversaries from `start` to `end` as API items (active relations only)."""
    found = anniversaries.between(start, end)
    rows = relation_values(Relation.objects.filter(pk__in={a.relation_id for a in found}))
    items = {item["id"]: item for item in relation_items(list(rows))}
    found = sorted(
        found, key=lambda a: (a.year, a.date or dt.date(a.year, 12, 31), items[a.relation_id]["partner"]["name"])
    )
    return [
        {"relation": items[a.relation_id], "year": a.year, "age": a.age, "date": a.date, "precision": a.precision}
        for a in found
    ]


@router.get("", response={200: AnniversaryList, **ERRORS}, url_name="anniversary_list")
def list_anniversaries(request: HttpRequest, params: Query[AnniversaryParams]) -> HttpResponse:
    """Round anniversaries of the home region's active relations (not the town twinnings), computed from the start
    years: ?year=2027, or ?within_days=365.

    `date` is the day where the start is known to the day; where only the year is known it is null and
    `precision` is "year" (no made-up 1 January). Resting and ended relations are left out.
    """

    def build() -> dict:
        today = timezone.localdate()
        if params.year is not None:
            start, end = dt.date(params.year, 1, 1), dt.date(params.year, 12, 31)
        else:
            start, end = today, dt.date.max
        if params.within_days is not None or params.year is None:
            days = 365 if params.within_days is None else params.within_days
            # Both given: the days ahead that fall in that year.
            start = max(start, today)
            end = min(end, today + dt.timedelta(days=days) if today.year < 9999 - 11 else today)
        items = anniversaries_between(start, end) if start <= end else []
        return {"count": len(items), "results": items}

    return cached_response(request, build)
