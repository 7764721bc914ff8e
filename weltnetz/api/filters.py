"""Query parameters of the list endpoints, checked against the vocabularies, and turned into querysets."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from weltnetz.register import filters as rf
from weltnetz.register.filters import clean_text
from weltnetz.register.models import Actor, Relation, Topic
from weltnetz.register.names import fold
from weltnetz.register.querysets import RelationQuerySet, ids_in, ids_param
from weltnetz.register.version import register_version, reuse_allowed
from weltnetz.register.vocab import TOPICS, ActorKind, Continent, RelationKind, Status, parse_as_of
from weltnetz.search.query import matching_ids, matching_ids_by_kind, matching_ids_sql

from .errors import ApiError

MAX_PAGE_SIZE = 500
MAX_INT = 2**31 - 1
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,160}$")
FACETS = ("kind", "country", "status", "topic", "continent", "state")


def one_of(values: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(v) for v in values)


def list_pattern(values: list[str] | tuple[str, ...]) -> str:
    """The documented pattern of a comma-separated list of `values` (what choices() accepts, exactly)."""
    return f"^(?:{one_of(values)})(?:,(?:{one_of(values)}))*$"


def order_pattern(names: list[str] | tuple[str, ...]) -> str:
    return f"^-?(?:{one_of(names)})(?:,-?(?:{one_of(names)}))*$"


def string_schema(**constraints: Any) -> Callable[[dict[str, Any]], None]:
    """A json_schema_extra that documents an optional string parameter as exactly what the endpoint accepts.

    The parameter stays a plain optional string for pydantic (the endpoint checks it, with clearer reasons);
    the OpenAPI document states the type and constraint, so clients and Schemathesis know the contract.
    """

    def rewrite(schema: dict[str, Any]) -> None:
        schema.pop("anyOf", None)
        schema.pop("type", None)
        schema.update(constraints if "anyOf" in constraints else {"type": "string", **constraints})

    return rewrite


def documented(pattern: str) -> Callable[[dict[str, Any]], None]:
    """json_schema_extra for a parameter that must match `pattern`."""
    return string_schema(pattern=pattern)


def date_param(value: str | None, field: str) -> dt.date | None:
    """An ISO date parameter (YYYY-MM-DD only: no timestamps or other forms); refused naming the field."""
    if value is None:
        return None
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ApiError(field, f"'{value[:40]}' is not a date of the form YYYY-MM-DD")


COUNTRY_LIST = rf.COUNTRY_LIST
STATE_PATTERN = rf.STATE_PATTERN
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,160}$"
YEAR_PATTERN = r"^(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})$"
TOPIC_SLUGS = tuple(slug for slug, _, _ in TOPICS)
RELATION_ORDER_NAMES = ("partner", "since", "kind", "country", "status", "id", "home")


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_INT, description="Page number, from 1")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description=f"Results per page (at most {MAX_PAGE_SIZE})")


class RelationFilters(Schema):
    kind: str | None = Field(
        None,
        description="Kind(s), comma-separated: " + ", ".join(RelationKind.values),
        json_schema_extra=documented(list_pattern(RelationKind.values)),
    )
    country: str | None = Field(
        None,
        description="ISO 3166-1 alpha-2 code(s) of the partner's country (404 for a code ISO 3166-1 does not know)",
        json_schema_extra=documented(COUNTRY_LIST),
    )
    continent: str | None = Field(
        None,
        description="Continent(s) of the partner: " + ", ".join(Continent.values),
        json_schema_extra=documented(list_pattern(Continent.values)),
    )
    status: str | None = Field(
        None,
        description="Status(es): active, dormant, ended (on `as_of` when given)",
        json_schema_extra=documented(list_pattern(Status.values)),
    )
    topic: str | None = Field(
        None, description="Topic slug(s), see /topics", json_schema_extra=documented(list_pattern(TOPIC_SLUGS))
    )
    home: str | None = Field(
        None,
        description="Slug of the home actor (404 when no place has it)",
        json_schema_extra=documented(SLUG_PATTERN),
    )
    place: int | None = Field(None, ge=1, le=MAX_INT, description="Id of a place on either side")
    place_country: str | None = Field(
        None,
        description="ISO 3166-1 code(s) of a place on either side (town twinnings have no fixed home country)",
        json_schema_extra=documented(COUNTRY_LIST),
    )
    state: str | None = Field(
        None,
        description="ISO 3166-2 subdivision of the home actor, e.g. DE-BW (404 for an unknown one)",
        json_schema_extra=documented(STATE_PATTERN),
    )
    since_from: int | None = Field(None, ge=0, le=9999, description="Start year at least")
    since_to: int | None = Field(None, ge=0, le=9999, description="Start year at most")
    as_of: str | None = Field(
        None,
        description=(
            "Time travel: only the relations that existed on that day (YYYY-MM-DD), with their status then in "
            "`status_as_of`. A bare year (YYYY) means the end of that year (31 December). Without `status`, "
            "'existed' means active or dormant; `status=ended` lists those ended by then. Relations whose start "
            "no source dates are left out; a start known only to the year counts from 1 January of that year."
        ),
        examples=["2015-06-30", "2015"],
        json_schema_extra=string_schema(
            anyOf=[{"type": "string", "format": "date"}, {"type": "string", "pattern": YEAR_PATTERN}]
        ),
    )
    scope: str | None = Field(
        None,
        description="region: the home region's own relations (what the portal lists); twinnings: the town "
        "twinnings; all (the default): both",
        json_schema_extra=documented("^(?:" + one_of(rf.SCOPES) + ")$"),
    )
    q: str | None = Field(None, description="Full text (German stemming) and partner names")
    ordering: str | None = Field(
        None,
        description="Comma-separated: " + ", ".join(RELATION_ORDER_NAMES) + "; prefix - to reverse",
        json_schema_extra=documented(order_pattern(RELATION_ORDER_NAMES)),
    )


class RelationListFilters(RelationFilters, Paging):
    facets: str | None = Field(
        None,
        description="Comma-separated facets to count: " + ",".join(FACETS),
        json_schema_extra=documented(list_pattern(FACETS)),
    )


class PlaceFilters(Paging):
    kind: str | None = Field(
        None,
        description="Kind(s), comma-separated: " + ", ".join(ActorKind.values),
        json_schema_extra=documented(list_pattern(ActorKind.values)),
    )
    country: str | None = Field(
        None, description="ISO 3166-1 alpha-2 code(s)", json_schema_extra=documented(COUNTRY_LIST)
    )
    continent: str | None = Field(
        None, description="Continent(s)", json_schema_extra=documented(list_pattern(Continent.values))
    )
    state: str | None = Field(
        None, description="ISO 3166-2 subdivision, e.g. DE-BW", json_schema_extra=documented(STATE_PATTERN)
    )
    q: str | None = Field(None, description="Name (any spelling), full text")
    ordering: str | None = Field(
        None,
        description="name, country, kind, id; prefix - to reverse",
        json_schema_extra=documented(order_pattern(("name", "country", "kind", "id"))),
    )


# -- value checks: the register's one check of filter values (weltnetz.register.filters) -------------------
def choices(field: str, value: str | None, allowed: list[str] | tuple[str, ...]) -> list[str]:
    """Comma-separated values, each exactly one of `allowed` (as list_pattern() documents it)."""
    return rf.choices(field, value, allowed)


def countries(field: str, value: str | None) -> list[str]:
    """ISO 3166-1 alpha-2 codes: malformed ones are refused (400), unknown ones not found (404)."""
    return rf.countries(value, field)


def state_code(field: str, value: str | None) -> str | None:
    return rf.state(value, field)


def as_of_day(value: str | None) -> dt.date | None:
    """The `as_of` parameter as a day (a bare year is its 31 December); refused naming the field."""
    if value is None:
        return None
    try:
        return parse_as_of(value)
    except ValueError as exc:
        raise ApiError("as_of", str(exc)) from None


def topic_slugs() -> list[str]:
    """The topic slugs, cached under the data version (so a new topic is known on every server at once)."""
    key = f"weltnetz:api:topics:{register_version()[0]}"
    slugs = cache.get(key) if reuse_allowed() else None
    if slugs is None:
        slugs = list(Topic.objects.order_by("slug").values_list("slug", flat=True))
        if reuse_allowed():
            cache.set(key, slugs, 3600)
    return slugs


def ordering(field: str, value: str | None, allowed: dict[str, str], default: list[str]) -> list[OrderBy]:
    """Map public ordering names to model fields, unknown values last on every database, then id for stable pages."""
    items = value.split(",") if value is not None else default
    fields = []
    for item in items:
        name = item.removeprefix("-")
        if value is not None and name not in allowed:
            raise ApiError(field, f"cannot order by '{item[:80]}'; expected one of: {', '.join(allowed)}")
        column = F(allowed.get(name, name))
        fields.append(column.desc(nulls_last=True) if item.startswith("-") else column.asc(nulls_last=True))
    return [*fields, F("id").asc()]


def search_ids(q: str, kind: str) -> list[int]:
    """Ids matching `q` from the search index."""
    return list(matching_ids(q, kind))


def name_match(prefix: str, q: str) -> Q:
    """Case-insensitive substring match on a place's names (German, English, folded key)."""
    cond = Q(**{f"{prefix}name__icontains": q}) | Q(**{f"{prefix}name_en__icontains": q})
    if key := fold(q):
        cond |= Q(**{f"{prefix}name_key__contains": key})
    return cond


# -- relations ----------------------------------------------------------------------------------
RELATION_ORDER = {
    "partner": "partner__name",
    "since": "since",
    "kind": "kind",
    "country": "country_code",
    "status": "status",
    "id": "id",
    "home": "home__name",
}


@dataclass(frozen=True)
class Selection:
    """The checked values of RelationFilters, with the search's hits for `q`: what relations_of() applies."""

    scope: str | None = None
    kinds: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    continents: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    home: str | None = None
    place: int | None = None
    place_countries: tuple[str, ...] = ()
    state: str | None = None
    since_from: int | None = None
    since_to: int | None = None
    statuses: tuple[str, ...] = ()
    as_of: dt.date | None = None
    text: str = ""  # q, cleaned: the relations of the places it names (either side) and those the full text finds
    text_places: tuple[int, ...] | None = None  # the search's hits for `text` (with_text_hits()); None: not yet
    text_relations: tuple[int, ...] | None = None


def checked(f: RelationFilters) -> Selection:
    """Every filter value checked by weltnetz.register.filters (400 or 404 naming the field), `home` looked up,
    and `q` run through the search index once."""
    sel: dict[str, Any] = {
        "scope": rf.scope(f.scope),
        "kinds": tuple(rf.kinds(f.kind)),
        "countries": tuple(countries("country", f.country)),
        "continents": tuple(rf.continents(f.continent)),
        "topics": tuple(choices("topic", f.topic, topic_slugs())) if f.topic is not None else (),
    }
    if f.home is not None:
        if not re.fullmatch(SLUG_PATTERN, f.home):
            raise ApiError("home", f"'{f.home[:80]}' is not a slug (letters, digits, - and _)")
        if not Actor.objects.filter(slug=f.home).exists():
            raise ApiError("home", f"no place with the slug '{f.home}'", status=404)
        sel["home"] = f.home
    sel |= {
        "place": f.place,
        "place_countries": tuple(countries("place_country", f.place_country)),
        "state": state_code("state", f.state),
        "since_from": f.since_from,
        "since_to": f.since_to,
        "statuses": tuple(rf.statuses(f.status)),
        "as_of": as_of_day(f.as_of),
    }
    if f.q is not None and (q := clean_text(f.q)[:1000]):
        sel["text"] = q  # looked up by with_text_hits(), or on PostgreSQL inside the page's statement
    return Selection(**sel)


def with_text_hits(sel: Selection) -> Selection:
    """`sel` with the search's hits for its text: the places named like it (substrings too) or found by full
    text, and the relations the full text finds. The places are looked up once, and every term is an indexed id
    lookup, so the relations table is not scanned with LIKE."""
    if not sel.text or sel.text_places is not None:
        return sel
    # one full-text query for both kinds (the folded key covers the German name; English names and aliases are
    # in the full-text index); a part of a name ("furt") that is no word of one: the folded names, scanned
    found = matching_ids_by_kind(sel.text, ("actor", "relation"), ranked=False)
    places = set(found.get("actor", []))
    if not places and (key := fold(sel.text)):
        places = set(Actor.objects.filter(name_key__contains=key).values_list("id", flat=True))
    return replace(sel, text_places=tuple(sorted(places)), text_relations=tuple(sorted(found.get("relation", []))))


def text_hits_sql(text: str) -> tuple[str, list[Any]]:
    """PostgreSQL: with_text_hits() as two common table expressions of a statement, `weltnetz_text_places`
    (column ids) and `weltnetz_found` (column relation), so that a page asks for the hits and the relations in
    one round trip. The names' scan runs only when the full text found no place (a CASE reaches it)."""
    found_sql, params = matching_ids_sql(text, ("actor", "relation"))
    places = "f.actor"
    if key := fold(text):
        key_sql, key_param = _names_containing()
        places = f"CASE WHEN cardinality(f.actor) > 0 THEN f.actor ELSE ARRAY({key_sql})::bigint[] END"
        params = [*params, key_param.replace(_KEY_MARKER, connection.ops.prep_for_like_query(key))]
    sql = (
        f"weltnetz_found AS MATERIALIZED ({found_sql}), "  # noqa: S608 - SQL of the search and the ORM
        f"weltnetz_text_places AS MATERIALIZED (SELECT {places} AS ids FROM weltnetz_found f)"
    )
    return sql, params


_KEY_MARKER = "weltnetzkey"
_NAMES_SQL: dict[str, tuple[str, str]] = {}


def _names_containing() -> tuple[str, str]:
    """The SQL of with_text_hits()'s scan of the folded names and its one parameter (the LIKE pattern) for the
    key _KEY_MARKER, compiled once per database: compiling it cost as much as the rest of an answer."""
    if connection.vendor not in _NAMES_SQL:
        by_key = Actor.objects.filter(name_key__contains=_KEY_MARKER).values_list("id").order_by()
        sql, params = by_key.query.sql_with_params()
        if len(params) != 1 or not isinstance(params[0], str) or _KEY_MARKER not in params[0]:
            raise ValueError(f"the names' scan does not take its pattern as one parameter: {sql}")
        _NAMES_SQL[connection.vendor] = (sql, params[0])
    return _NAMES_SQL[connection.vendor]


def relations_of(sel: Selection) -> RelationQuerySet:
    """Published relations matching the selection (annotated with `status_then` when as_of is given).

    Every value is applied by a RelationQuerySet method, the same the portal's list and the twinnings list use.
    """
    qs = Relation.objects.public()
    if sel.scope:
        qs = qs.in_scope(sel.scope)
    if sel.kinds:
        qs = qs.of_kind(*sel.kinds)
    if sel.countries:
        qs = qs.in_country(*sel.countries)
    if sel.continents:
        qs = qs.on_continent(*sel.continents)
    if sel.topics:
        qs = qs.with_topic(*sel.topics)
    if sel.home is not None:
        qs = qs.of_home(sel.home)
    if sel.place is not None:
        qs = qs.involving(sel.place)
    if sel.place_countries:
        qs = qs.touching_country(*sel.place_countries)
    if sel.state:
        qs = qs.in_state(sel.state)
    # since_from after since_to is an empty range: nothing began in it (the list is empty, not an error)
    qs = qs.since_between(sel.since_from, sel.since_to)
    if sel.as_of is not None:
        qs = qs.as_of(sel.as_of, sel.statuses)
    elif sel.statuses:
        qs = qs.with_status(*sel.statuses)
    if sel.text:
        sel = with_text_hits(sel)
        places, found = list(sel.text_places or ()), list(sel.text_relations or ())
        cond = ids_in("partner_id", places) | ids_in("home_id", places)
        if found:
            cond |= ids_in("id", found)
        qs = qs.filter(cond)
    return qs


def filter_relations(f: RelationFilters) -> RelationQuerySet:
    """Published relations matching the filters (see checked() and relations_of())."""
    return relations_of(checked(f))


# -- the same selection as SQL prepared once per shape ---------------------------------------------------------
# A shape is which filters are given and how many values each has; the SQL of a shape is the same for any
# values. Building and compiling the queryset cost more than running it (a country's twinnings: ~2.5 of ~10 ms
# per request), so the WHERE clause is compiled once per shape with marker values, and each request binds its own.
Slot = tuple[str, Any]
_ID_LISTS = ("text_places", "text_relations")
_MARKED_FIELDS = ("kinds", "countries", "place_countries", "statuses", "place", "since_from", "since_to")
INT_MARKER = 30_000  # + n: fits a year (smallint) and an id; no constant of the relation filters is near it
MAX_SHAPES = 1000  # prepared shapes kept per process (a few KB each)


@dataclass(frozen=True)
class Where:
    """A selection from one table as SQL: its WHERE clause as compiled for a page (with LIMIT) and for the count
    (without), and the common table expressions both refer to (`with_`, without the WITH; empty when none). No
    filter compiles differently for the two today; an expression that does (one planned best in another form
    without LIMIT) keeps both right."""

    table: str
    page: tuple[str, list[Any]]
    count: tuple[str, list[Any]]
    with_: tuple[str, list[Any]] = ("", [])

    def statement(self, head: str, clause: tuple[str, list[Any]], tail: str = "") -> tuple[str, list[Any]]:
        """`WITH … <head> WHERE <clause> <tail>` and its parameters (those of `tail` follow, the caller's)."""
        ctes, params = self.with_
        prefix = f"WITH {ctes} " if ctes else ""
        return f"{prefix}{head} WHERE {clause[0]} {tail}".rstrip(), [*params, *clause[1]]


Prepared = tuple[str, tuple[str, list[Slot]], tuple[str, list[Slot]]]
_PREPARED: dict[tuple, Prepared | None] = {}
# On PostgreSQL a text's hits are not bound but looked up by the statement itself (text_hits_sql()): each id
# list's parameter is replaced by a reference to its common table expression.
_HITS_IN_SQL = {
    "text_places": "(SELECT ids FROM weltnetz_text_places)",
    "text_relations": "(SELECT relation FROM weltnetz_found)",
}


def selection_where(sel: Selection) -> Where | None:
    """The selection's Where, or None when it needs a join or an annotation (topic, home, state, continent,
    as_of, the region's scope), which take the ORM's way.

    A text not yet looked up (with_text_hits()) is looked up here on SQLite, where a query costs no round trip;
    on PostgreSQL the Where's statements look it up themselves.
    """
    if sel.as_of is not None or sel.topics or sel.home is not None or sel.state or sel.continents:
        return None
    if connection.vendor not in ("sqlite", "postgresql"):  # ids_in() binds a list of ids as one parameter
        return None
    in_sql = bool(sel.text) and sel.text_places is None and connection.vendor == "postgresql"
    if sel.text and not in_sql:
        sel = with_text_hits(sel)
    shape = (
        connection.vendor,
        sel.scope,
        *(len(v) if isinstance(v, tuple) else v is not None for v in (getattr(sel, n) for n in _MARKED_FIELDS)),
        bool(sel.text),
        in_sql or bool(sel.text_relations),
        in_sql,
    )
    if shape in _PREPARED:
        prepared = _PREPARED[shape]
    else:
        prepared = _prepare(sel, in_sql)
        if len(_PREPARED) < MAX_SHAPES:  # long lists of values make new shapes without end: keep the first ones
            _PREPARED[shape] = prepared
    if prepared is None:
        if in_sql:  # the text's SQL could not be put in: bind its hits, looked up now
            return selection_where(with_text_hits(sel))
        return None
    table, (page_sql, page_slots), (count_sql, count_slots) = prepared
    return Where(
        table,
        (page_sql, [_bound(slot, sel) for slot in page_slots]),
        (count_sql, [_bound(slot, sel) for slot in count_slots]),
        text_hits_sql(sel.text) if in_sql else ("", []),
    )


def _prepare(sel: Selection, hits_in_sql: bool = False) -> Prepared | None:
    """Compile the shape of `sel` with a unique marker in place of each value; map each parameter back to the
    value it stands for. None when the query is not one table's, or a marker did not come through unchanged.

    With `hits_in_sql`, the text's id lists are references to text_hits_sql()'s tables instead of parameters.
    """
    markers: dict[Any, Slot] = {}
    values: dict[str, Any] = {}

    def mark(value: Any, slot: Slot) -> Any:
        markers[value] = slot
        return value

    for name in _MARKED_FIELDS:
        value = getattr(sel, name)
        if isinstance(value, tuple):
            values[name] = tuple(mark(f"~{len(markers)}~", ("item", (name, i))) for i in range(len(value)))
        elif value is not None:  # a valid value of the column (out of range, the ORM drops the condition)
            values[name] = mark(INT_MARKER + len(markers), ("value", name))
    for name in _ID_LISTS:  # the places are matched whenever there is a text, the relations when it found some
        if sel.text and (name == "text_places" or hits_in_sql or sel.text_relations):
            values[name] = (-1_000_000_000 - len(markers),)
            markers[str(ids_param(list(values[name]), connection.vendor))] = ("ids", name)
    qs = relations_of(replace(sel, **values))
    compiled = [_one_table_where(qs[:1]), _one_table_where(qs)]  # with LIMIT (a page), without (the count)
    out: list[tuple[str, list[Slot]]] = []
    for where in compiled:
        if where is None:
            return None
        table, sql, params = where
        slots: list[Slot] = []
        for param in params:
            key = str(param) if isinstance(param, list) else param  # an array of ids on PostgreSQL
            if key in markers:
                slots.append(markers[key])
            elif isinstance(param, str) and "~" in param or isinstance(param, list | tuple):
                return None  # a marker changed on the way (quoted, joined into a pattern): not a plain parameter
            else:
                slots.append(("const", param))
        if len({slot for slot in slots if slot[0] != "const"}) != len(markers):
            return None  # a value is not a parameter of the SQL (inlined or dropped)
        if hits_in_sql:
            inlined = _inline(sql, slots, {("ids", name): _HITS_IN_SQL[name] for name in _ID_LISTS})
            if inlined is None:
                return None
            sql, slots = inlined
        out.append((sql, slots))
    return table, out[0], out[1]


def _inline(sql: str, slots: list[Slot], replace_by: dict[Slot, str]) -> tuple[str, list[Slot]] | None:
    """`sql` with the placeholder of each slot in `replace_by` replaced by its SQL, and the remaining slots; None
    when the placeholders do not match the slots one to one."""
    pieces = re.split(r"(%%|%s)", sql)
    placeholders = [i for i, piece in enumerate(pieces) if piece == "%s"]
    if len(placeholders) != len(slots):
        return None
    kept: list[Slot] = []
    for i, slot in zip(placeholders, slots, strict=True):
        if slot in replace_by:
            pieces[i] = replace_by[slot]
        else:
            kept.append(slot)
    return "".join(pieces), kept


def _bound(slot: Slot, sel: Selection) -> Any:
    kind, ref = slot
    if kind == "const":
        return ref
    if kind == "item":
        name, i = ref
        return getattr(sel, name)[i]
    if kind == "value":
        return getattr(sel, ref)
    return ids_param(list(getattr(sel, ref)), connection.vendor)


def facet_counts(qs: QuerySet, names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Value counts of each facet under the current filters, largest first."""
    base = qs.order_by()
    column = {
        "kind": "kind",
        "country": "country_code",
        "continent": "partner__continent",
        "topic": "topics__slug",
        "state": "home__subdivision_code",  # the home's state: town twinnings by German state
        "status": "status_then" if "status_then" in qs.query.annotations else "status",
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        col = column[name]
        # count(*) but for topics: PostgreSQL then counts from the (kind, country_code, live) index alone
        n = Count("id", distinct=True) if name == "topic" else Count("*")
        rows = base.values(col).annotate(n=n).order_by("-n", col)
        out[name] = [{"value": r[col] or "", "count": r["n"]} for r in rows if r[col] is not None or name != "topic"]
    return out


# -- places -------------------------------------------------------------------------------------
PLACE_ORDER = {"name": "name", "country": "country_code", "kind": "kind", "id": "id"}


def filter_places(f: PlaceFilters) -> QuerySet:
    qs = Actor.objects.all()
    if kinds := choices("kind", f.kind, ActorKind.values):
        qs = qs.filter(kind__in=kinds)
    if codes := countries("country", f.country):
        qs = qs.filter(country_code__in=codes)
    if conts := choices("continent", f.continent, Continent.values):
        qs = qs.filter(continent__in=conts)
    if state := state_code("state", f.state):
        qs = qs.filter(subdivision_code=state)
    if f.q is not None:
        q = clean_text(f.q)[:1000]
        if q:
            cond = name_match("", q)
            if ids := search_ids(q, "actor"):
                cond |= ids_in("id", ids)
            qs = qs.filter(cond)
    return qs


# -- pages --------------------------------------------------------------------------------------
def page_ids(
    request: HttpRequest,
    qs: QuerySet | None,
    paging: Paging,
    count: int | None = None,
    where: Where | None = None,
    ids: list[int] | None = None,
) -> tuple[list[int], dict[str, Any]]:
    """The ids of one page (nothing but ids is read for the selection), and the total: counted once, and not at
    all when the first page holds the whole selection. Like paginate(), a page past the end is refused naming
    the last page. A `count` known already (the sum of a facet's counts) is taken as it is, and so are the
    page's `ids` when the caller read them already (with the page's rows).

    `where` (from selection_where(), for the default order by id) stands for the queryset: the page and the
    count are read with it, and `qs` is not needed.
    """
    start = (paging.page - 1) * paging.page_size
    if ids is not None:
        pass
    elif where is None:
        assert qs is not None
        ids = list(qs.values_list("id", flat=True)[start : start + paging.page_size])
    else:
        t = where.table  # the table's name and the WHERE clause the ORM compiled; every value is a parameter
        head, tail = f"SELECT {t}.id FROM {t}", f"ORDER BY {t}.id LIMIT %s OFFSET %s"  # noqa: S608
        sql, params = where.statement(head, where.page, tail)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, paging.page_size, start])
            ids = [row[0] for row in cursor.fetchall()]
    if count is not None:
        pass
    elif paging.page == 1 and len(ids) < paging.page_size:
        count = len(ids)
    elif where is None:
        assert qs is not None
        count = qs.order_by().count()
    else:
        sql, params = where.statement(f"SELECT COUNT(*) FROM {where.table}", where.count)  # noqa: S608 (as above)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            count = cursor.fetchone()[0]
    return ids, page_meta(request, paging, count)


# PostgreSQL: a selection up to this size is read whole through its indexes and paged by sorting its ids
# (records.counted_page_rows); a larger one is dense, and walking the primary key in order finds a page at once.
READ_WHOLE = 2000


def _one_table_where(qs: QuerySet) -> tuple[str, str, list[Any]] | None:
    """(quoted table, WHERE clause, its parameters) of a selection from one table (no join, no annotation, no
    distinct); None for any other query."""
    query = qs.query
    joined = [alias for alias in query.alias_map if query.alias_refcount.get(alias)]
    if len(joined) != 1 or query.distinct or query.annotations or query.combinator or query.extra:
        return None
    compiler = query.get_compiler(using=qs.db)
    try:
        sql, params = compiler.compile(query.where)
    except (EmptyResultSet, FullResultSet):
        return None
    return compiler.quote_name_unless_alias(query.base_table), sql or "1 = 1", list(params)


def page_meta(request: HttpRequest, paging: Paging, count: int) -> dict[str, Any]:
    pages = max(1, math.ceil(count / paging.page_size))
    if paging.page > pages:
        raise ApiError("page", f"page {paging.page} is past the last page ({pages})", status=404)

    def link(page: int) -> str:
        params = request.GET.copy()
        params["page"] = str(page)
        return request.build_absolute_uri(request.path + "?" + params.urlencode())

    return {
        "count": count,
        "page": paging.page,
        "page_size": paging.page_size,
        "pages": pages,
        "next": link(paging.page + 1) if paging.page < pages else None,
        "previous": link(paging.page - 1) if paging.page > 1 else None,
    }


def paginate(
    request: HttpRequest, qs: QuerySet, paging: Paging, counted: QuerySet | None = None
) -> tuple[list, dict[str, Any]]:
    """Slice one page; a page past the end is refused naming the last page.

    `counted` is the same selection without the projection (a values() list joins the places of each row,
    which counting does not need).
    """
    count = (counted if counted is not None else qs).order_by().count()
    meta = page_meta(request, paging, count)
    start = (paging.page - 1) * paging.page_size
    return list(qs[start : start + paging.page_size]), meta
