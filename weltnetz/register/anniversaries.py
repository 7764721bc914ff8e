"""Round anniversaries (5, 10, 15 ... years) of relations, on the day where the start is known to the day.

One computation for the API's list, the public calendar feed and the editors' planner: relations that rest or
have ended are left out unless asked for, and a start known only to the year gives an anniversary whose day
is unknown (date None), never a made-up 1 January.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from .models import Relation, StatusChange
from .querysets import RelationQuerySet
from .vocab import Precision, Status


@dataclass(frozen=True)
class Anniversary:
    relation_id: int
    year: int
    age: int
    since: int
    date: dt.date | None  # the day, where the start is known to the day; None where only the year is known

    @property
    def precision(self) -> str:
        return Precision.DAY if self.date else Precision.YEAR


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


def planner_rule() -> tuple[int, int]:
    """(first, every) of the editors' planner: round anniversaries every 5 years from the 10th by default
    (settings WELTNETZ_ANNIVERSARY_FIRST, WELTNETZ_ANNIVERSARY_EVERY)."""
    first = int(getattr(settings, "WELTNETZ_ANNIVERSARY_FIRST", 10))
    every = int(getattr(settings, "WELTNETZ_ANNIVERSARY_EVERY", 5))
    return max(first, 1), max(every, 1)


def between(
    start: dt.date,
    end: dt.date,
    relations: RelationQuerySet | None = None,
    statuses: tuple[str, ...] | None = (Status.ACTIVE,),
    *,
    first: int = 5,
    every: int = 5,
) -> list[Anniversary]:
    """Round anniversaries from `start` to `end` (those known only to the year count when the year overlaps).

    `relations` defaults to the home region's published ones (not the town twinnings: a file that dates
    thousands of them would fill the state's calendar); `statuses` (the current status) defaults to active only,
    so resting and ended partnerships are not celebrated; None keeps every status. Round means `first` years,
    then every `every` years (the API and the public feed: 5, 10, 15 ...; the planner: see `planner_rule`).
    """
    base = relations if relations is not None else Relation.objects.public().of_home_region()
    if statuses is not None:
        base = base.filter(status__in=statuses)
    out: list[Anniversary] = []
    for year in range(start.year, end.year + 1):
        if (first, every) == (5, 5):
            rows = list(base.anniversaries(year).values_list("id", "since"))
        else:
            candidates = base.filter(since__isnull=False, since__lte=year - first).values_list("id", "since")
            rows = [(rid, since) for rid, since in candidates if (year - since - first) % every == 0]
        exact = founding_days([rid for rid, _ in rows])
        for rid, since in rows:
            day = exact.get(rid)
            date = _on(day, year) if day and since == day.year else None
            if date is not None and not (start <= date <= end):
                continue
            out.append(Anniversary(rid, year, year - since, since, date))
    out.sort(key=lambda a: (a.year, a.date or dt.date(a.year, 12, 31), a.relation_id))
    return out
