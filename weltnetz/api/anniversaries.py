"""/anniversaries: round (5, 10, 15 ...) anniversaries of published relations, by year or in the coming days."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from weltnetz.register.models import Relation, StatusChange
from weltnetz.register.vocab import Precision

from .caching import cached_response
from .errors import ApiError
from .records import relation_items, relation_values
from .schemas import AnniversaryList
from .v1_common import ERRORS

router = Router(tags=["anniversaries"])
MAX_DAYS = 3660


class AnniversaryParams(Schema):
    year: int | None = Field(None, ge=1, le=9999, description="Round anniversaries in this year")
    within_days: int | None = Field(
        None, ge=0, le=MAX_DAYS, description=f"Round anniversaries from today on, within this many days (≤ {MAX_DAYS})"
    )


def _on(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def founding_days(ids: list[int]) -> dict[int, dt.date]:
    """The start day of relations whose first dated status change is known to the day."""
    days: dict[int, dt.date | None] = {}
    rows = (
        StatusChange.objects.filter(relation_id__in=ids, date__isnull=False)
        .order_by("relation_id", "date", "id")
        .values_list("relation_id", "date", "precision")
    )
    for rid, date, precision in rows:
        if rid not in days:
            days[rid] = date if precision == Precision.DAY else None
    return {k: v for k, v in days.items() if v is not None}


def anniversaries_between(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Round anniversaries from `start` to `end`; those known only to the year count when the year overlaps."""
    out = []
    for year in range(start.year, end.year + 1):
        qs = Relation.objects.public().anniversaries(year)
        rows = list(relation_values(qs.order_by("partner__name", "id")))
        exact = founding_days([r["id"] for r in rows])
        for item, row in zip(relation_items(rows), rows, strict=True):
            day = exact.get(row["id"])
            date = _on(day, year) if day and row["since"] == day.year else None
            if date is not None and not (start <= date <= end):
                continue
            out.append(
                {
                    "relation": item,
                    "year": year,
                    "age": year - row["since"],
                    "date": date,
                    "precision": "day" if date else "year",
                }
            )
    out.sort(key=lambda a: (a["year"], a["date"] or dt.date(a["year"], 12, 31), a["relation"]["partner"]["name"]))
    return out


@router.get("", response={200: AnniversaryList, **ERRORS}, url_name="anniversary_list")
def list_anniversaries(request: HttpRequest, params: Query[AnniversaryParams]) -> HttpResponse:
    """Round anniversaries computed from the start years: ?year=2027, or ?within_days=365 (the default)."""
    if params.year is not None and params.within_days is not None:
        raise ApiError("within_days", "give either year or within_days, not both")

    def build() -> dict:
        if params.year is not None:
            items = anniversaries_between(dt.date(params.year, 1, 1), dt.date(params.year, 12, 31))
        else:
            today = timezone.localdate()
            days = 365 if params.within_days is None else params.within_days
            end = today + dt.timedelta(days=days) if today.year < 9999 - 11 else today
            items = anniversaries_between(today, end)
        return {"count": len(items), "results": items}

    return cached_response(request, build)
