"""Queries on the register, kept here so that views, API endpoints and commands stay thin."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, Exists, Expression, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Mod
from django.utils import timezone

from .vocab import ActorKind, RelationKind, Status


def home_region_q(prefix: str = "") -> Q:
    """The scope of the home region's own relations (settings.WELTNETZ_HOME_REGION), as a condition on Relation.

    The region's relations are those whose home is the region, and those of bodies inside it (the Black Forest
    national park) except town twinnings. Town twinnings (kind municipal_partnership) are a scope of their own:
    thousands of pairs of towns, shown in their own section and elsewhere only when asked for. `prefix` puts
    the condition on a related relation ("relations_as_home__").
    """
    from .models import Actor

    region = Actor.objects.filter(slug=settings.WELTNETZ_HOME_REGION)
    inside = region.exclude(subdivision_code="").values("subdivision_code")
    return Q(**{f"{prefix}home__in": region.values("pk")}) | (
        Q(**{f"{prefix}home__subdivision_code__in": inside})
        & ~Q(**{f"{prefix}kind": RelationKind.MUNICIPAL_PARTNERSHIP})
    )


class IdsIn(Expression):
    """`field IN ids`, with the ids as one bound parameter, in the shape each database plans well.

    PostgreSQL: `field = ANY(%s::bigint[])`, an index condition even inside an OR (each arm a bitmap index scan)
    and a hashed lookup in a filter; `IN (SELECT unnest(...))` became a hashed subplan there, which no index
    serves, so an OR of them scanned the whole relation table. SQLite: `IN (SELECT value FROM json_each(%s))`,
    which keeps 30,000 ids within its variable limit. Elsewhere a plain IN list.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, field: str | Any, ids: list[int]):
        super().__init__()
        self.lhs = F(field) if isinstance(field, str) else field
        self.ids = [int(i) for i in ids]

    def get_source_expressions(self) -> list[Any]:
        return [self.lhs]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.lhs,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, params = compiler.compile(self.lhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, ids_param(self.ids, connection.vendor)]
        if connection.vendor == "sqlite":
            param = ids_param(self.ids, connection.vendor)
            return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, param]  # noqa: S608
        if not self.ids:
            return "1 = 0", list(params)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]


def ids_param(ids: list[int], vendor: str) -> Any:
    """The one parameter IdsIn binds for the ids: an array on PostgreSQL, a JSON text on SQLite."""
    return list(ids) if vendor == "postgresql" else json.dumps(list(ids))


def ids_in(field: str, ids: list[int]) -> Q:
    """`field IN ids` as a filter condition (see IdsIn); combine with | and & like any Q."""
    return Q(IdsIn(field, ids))


class ActorQuerySet(models.QuerySet):
    def partners(self) -> ActorQuerySet:
        """Actors that are the partner in at least one published relation."""
        return self.filter(relations_as_partner__live=True).distinct()

    def with_home_region_scope(self) -> ActorQuerySet:
        """Annotate `in_home_region`: the actor belongs to the home region's records (not only to the twinnings).

        That is every actor except towns that appear in town twinnings only: the region itself, partners and
        bodies of any other kind, and towns on either side of one of the region's relations.
        """
        from .models import Relation

        regional = Relation.objects.filter(home_region_q()).filter(Q(home=OuterRef("pk")) | Q(partner=OuterRef("pk")))
        return self.annotate(
            in_home_region=Case(
                When(Q(is_home=True) | ~Q(kind=ActorKind.MUNICIPALITY), then=Value(True)),
                default=Exists(regional),
                output_field=models.BooleanField(),
            )
        )


class RelationQuerySet(models.QuerySet):
    def public(self) -> RelationQuerySet:
        """What visitors may see: published relations."""
        return self.filter(live=True)

    def of_home_region(self) -> RelationQuerySet:
        """The home region's own relations, without the town twinnings (see home_region_q)."""
        return self.filter(home_region_q())

    def in_scope(self, scope: str) -> RelationQuerySet:
        """ "region": the home region's own relations; "twinnings": the town twinnings; "all": both."""
        if scope == "region":
            return self.of_home_region()
        if scope == "twinnings":
            return self.municipal()
        return self

    def with_home_region_scope(self) -> RelationQuerySet:
        """Annotate `in_home_region` (True for the home region's own relations, see home_region_q)."""
        return self.annotate(
            in_home_region=Case(
                When(home_region_q(), then=Value(True)), default=Value(False), output_field=models.BooleanField()
            )
        )

    # Filters: the API, the portal's list and the twinnings list apply the values weltnetz.register.filters checked.
    def of_kind(self, *kinds: str) -> RelationQuerySet:
        return self.filter(kind__in=kinds)

    def with_status(self, *statuses: str) -> RelationQuerySet:
        """Relations whose current status is one of `statuses` (for a past day see as_of)."""
        return self.filter(status__in=statuses)

    def in_country(self, *codes: str) -> RelationQuerySet:
        """Relations with the partner in (for an institution: serving) one of the countries."""
        return self.filter(country_code__in=[c.upper() for c in codes])

    def on_continent(self, *continents: str) -> RelationQuerySet:
        """Relations with the partner on one of the continents."""
        return self.filter(partner__continent__in=continents)

    def touching_continent(self, *continents: str) -> RelationQuerySet:
        """Relations with a place on one of the continents on either side (town twinnings)."""
        return self.filter(Q(partner__continent__in=continents) | Q(home__continent__in=continents))

    def with_topic(self, *slugs: str) -> RelationQuerySet:
        """Relations with one of the fields of cooperation (each relation once)."""
        qs = self.filter(topics__slug__in=slugs)
        return qs.distinct() if len(slugs) > 1 else qs

    def of_category(self, *categories: str) -> RelationQuerySet:
        """Town twinnings of one of the categories (partnership, friendship, contact, project)."""
        return self.filter(category__in=categories)

    def of_home(self, slug: str) -> RelationQuerySet:
        return self.filter(home__slug=slug)

    def since_between(self, first: int | None = None, last: int | None = None) -> RelationQuerySet:
        """Relations that began in the years first..last (either end open); first after last is an empty range."""
        qs = self
        if first is not None:
            qs = qs.filter(since__gte=first)
        if last is not None:
            qs = qs.filter(since__lte=last)
        return qs

    def involving_any(self, actor_ids: list[int] | Any) -> RelationQuerySet:
        """Relations with one of the actors (a list or a subquery of ids) on either side."""
        return self.filter(Q(partner_id__in=actor_ids) | Q(home_id__in=actor_ids))

    def status_as_of(self, day: dt.date) -> RelationQuerySet:
        """Annotate `status_then` (the status on `day`, NULL before the relation began) and `status_then_since`.

        The status is the latest status change on or before `day`. A change whose date no source gives
        ("ruht derzeit") counts from the publication date of its source when that is known, else it is known
        to hold only now: it applies when `day` is today or later. A relation with a start year but no
        history is active from 1 January of that year. `status_then_since` is the date the status then
        began (NULL where no source dates it: "seit wann unbekannt"), with `status_then_precision`.
        """
        from .models import StatusChange

        effective = Coalesce("date", "source__published_on", "source__retrieved_on")
        changes = StatusChange.objects.filter(relation=OuterRef("pk")).annotate(effective=effective)
        known = Q(effective__lte=day)
        if day >= timezone.localdate():
            known |= Q(effective__isnull=True)
        latest = changes.filter(known).order_by(F("effective").desc(nulls_first=True), "-id")
        dated_start = Case(When(since__lte=day.year, then=Value("active")), default=Value(None))
        has_history = Exists(StatusChange.objects.filter(relation=OuterRef("pk")))
        return self.annotate(
            status_then=Case(
                When(has_history, then=Subquery(latest.values("status")[:1])),
                default=dated_start,
                output_field=models.CharField(),
            ),
            status_then_since=Subquery(latest.values("date")[:1]),
            status_then_precision=Subquery(latest.values("precision")[:1]),
        )

    def as_of(self, day: dt.date, statuses: list[str] | tuple[str, ...] = ()) -> RelationQuerySet:
        """The relations that existed on `day`, annotated with their status then (see status_as_of).

        Without `statuses`, "existed" means active or resting on that day; ended relations are asked for
        with statuses=["ended"]. Relations whose start no source dates (and that have no dated history) are
        left out: the register cannot place them in time.
        """
        return self.status_as_of(day).filter(status_then__in=list(statuses) or [Status.ACTIVE, Status.DORMANT])

    def with_status_since(self) -> RelationQuerySet:
        """Annotate `status_since` and `status_since_precision`: when the current status began (NULL if unknown)."""
        from .models import StatusChange

        latest = StatusChange.objects.filter(relation=OuterRef("pk")).order_by(F("date").desc(nulls_first=True), "-id")
        return self.annotate(
            status_since=Subquery(latest.values("date")[:1]),
            status_since_precision=Subquery(latest.values("precision")[:1]),
        )

    def active_on(self, day: dt.date) -> RelationQuerySet:
        """Relations that were active on `day` ("what was active in 2015?")."""
        return self.as_of(day, [Status.ACTIVE])

    def anniversaries(self, year: int) -> RelationQuerySet:
        """Relations with a round (5, 10, 15 ...) anniversary in `year`, annotated with `age`."""
        age = models.ExpressionWrapper(models.Value(year) - models.F("since"), output_field=models.IntegerField())
        return self.filter(since__isnull=False, since__lt=year).annotate(age=age, age_mod=Mod(age, 5)).filter(age_mod=0)

    def municipal(self) -> RelationQuerySet:
        """Town twinnings (municipal partnerships): the scope the twinnings section shows."""
        return self.filter(kind=RelationKind.MUNICIPAL_PARTNERSHIP)

    def in_state(self, code: str) -> RelationQuerySet:
        """Relations whose home lies in an ISO 3166-2 subdivision, e.g. the twinnings of towns in DE-BW."""
        return self.filter(home__subdivision_code=code.upper())

    def touching_country(self, *codes: str) -> RelationQuerySet:
        """Relations with a place of one of the countries on either side (twinnings have no fixed home country).

        The home's country is stored on the relation (home_country, kept by triggers), so each side is one
        indexed column: no join and no subquery inside the OR.
        """
        codes = tuple(c.upper() for c in codes)
        return self.filter(Q(country_code__in=codes) | Q(home_country__in=codes))

    def involving(self, actor_id: int) -> RelationQuerySet:
        """Relations with the actor on either side."""
        return self.filter(Q(home_id=actor_id) | Q(partner_id=actor_id))

    def facet_counts(self, field: str) -> list[tuple[str, int]]:
        """(value, count) of `field` under the current filters, largest first (facets of lists and the API)."""
        return list(self.order_by().values_list(field).annotate(n=models.Count("id")).order_by("-n", field))

    def for_display(self) -> RelationQuerySet:
        return self.select_related("home", "partner").prefetch_related("topics", "status_changes")


class AgreementQuerySet(models.QuerySet):
    def public(self) -> AgreementQuerySet:
        return self.filter(live=True)

    def involving(self, actor) -> AgreementQuerySet:
        return self.filter(Q(partner=actor) | Q(relation__partner=actor)).distinct()
