"""Town twinnings in the portal: a searchable list with facets, a page per town, and a clustered map of all towns.

The map's point data is one compact, gzip-compressed JSON array of [id, lat, lon] per town, cached by the
register's data version, so 17,000 towns arrive in one small request; details come from /api/v1/places/{id}.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections import Counter
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from weltnetz.register import filters
from weltnetz.register.models import Actor, Relation, RelationCitation, Source
from weltnetz.register.names import fold
from weltnetz.register.querysets import RelationQuerySet
from weltnetz.register.version import register_version
from weltnetz.register.vocab import Continent, TwinningCategory

from .countries import country_name

PER_PAGE = 50
STATE_NAMES = {
    "DE-BW": "Baden-Württemberg",
    "DE-BY": "Bayern",
    "DE-BE": "Berlin",
    "DE-BB": "Brandenburg",
    "DE-HB": "Bremen",
    "DE-HH": "Hamburg",
    "DE-HE": "Hessen",
    "DE-MV": "Mecklenburg-Vorpommern",
    "DE-NI": "Niedersachsen",
    "DE-NW": "Nordrhein-Westfalen",
    "DE-RP": "Rheinland-Pfalz",
    "DE-SL": "Saarland",
    "DE-SN": "Sachsen",
    "DE-ST": "Sachsen-Anhalt",
    "DE-SH": "Schleswig-Holstein",
    "DE-TH": "Thüringen",
}


def _version() -> str:
    """The register's data version, so cached answers change when the data does."""
    return register_version()[0]


def twinnings() -> RelationQuerySet:
    return Relation.objects.public().municipal()


def _filters(request: HttpRequest) -> tuple[dict[str, Any], list[str]]:
    """The list's filters from the query string, as typed, and under "checked" as the register's one check of
    filter values (the API's) returns them; unknown values are reported, not guessed."""
    params: dict[str, Any] = {
        k: filters.clean_text(request.GET.get(k, ""))[:100]  # no NUL for PostgreSQL
        for k in ("q", "country", "state", "continent", "category")
    }
    checks = {
        "country": (_("Country"), filters.countries),
        "state": (_("State"), filters.state),
        "continent": (_("Continent"), filters.continents),
        "category": (_("Category"), filters.categories),
    }
    checked: dict[str, Any] = {}
    errors = []
    for name, (label, check) in checks.items():
        try:
            checked[name] = check(params[name] or None, name)
        except filters.InvalidFilter as exc:
            errors.append(f"{label}: {exc.reason}")
    params["checked"] = checked
    return params, errors


def _filtered(params: dict[str, Any]):
    qs = twinnings()
    checked = params["checked"]
    if checked["country"]:
        qs = qs.touching_country(*checked["country"])
    if checked["state"]:
        qs = qs.in_state(checked["state"])
    if checked["continent"]:
        qs = qs.touching_continent(*checked["continent"])
    if checked["category"]:
        qs = qs.of_category(*checked["category"])
    if key := fold(params["q"]):
        qs = qs.involving_any(Actor.objects.filter(kind="municipality", name_key__contains=key).values("pk"))
    return qs


def _counts(rows) -> Counter:
    counts = Counter(dict(rows))
    counts.pop("", None)
    counts.pop(None, None)
    return counts


def _other_side(qs, field: str, params: dict[str, Any]) -> Counter:
    """Counts per value of a place field of the twins: the partner side when a German state is chosen, the side
    opposite the chosen country, otherwise either side; each relation counted once per value."""
    if params["state"]:
        return _counts(qs.facet_counts(f"partner__{field}"))
    if codes := params["checked"]["country"]:
        counts = _counts(qs.filter(home__country_code__in=codes).facet_counts(f"partner__{field}"))
        counts.update(_counts(qs.exclude(home__country_code__in=codes).facet_counts(f"home__{field}")))
        return counts
    counts = _counts(qs.facet_counts(f"partner__{field}"))
    counts.update(_counts(qs.exclude(**{f"home__{field}": F(f"partner__{field}")}).facet_counts(f"home__{field}")))
    return counts


def _facets(qs, params: dict[str, Any], key: str) -> dict:
    facets = cache.get(key)
    if facets is None:
        continents = _other_side(qs, "continent", params)
        states = _counts(qs.filter(home__country_code="DE").facet_counts("home__subdivision_code"))
        facets = {  # counts only: the labels depend on the visitor's language and are added per request
            "country": _other_side(qs, "country_code", params).most_common(30),
            "state": states.most_common(),
            "continent": [(c, n) for c, n in continents.most_common() if c in Continent.values],
        }
        cache.set(key, facets, 600)
    return facets


def twinning_list(request: HttpRequest) -> HttpResponse:
    """Search and browse all town twinnings; facets by country, German state and continent count the current hits."""
    params, errors = _filters(request)
    qs = twinnings().none() if errors else _filtered(params)
    query = request.GET.copy()
    query.pop("page", None)
    digest = hashlib.sha1(json.dumps(params, sort_keys=True).encode(), usedforsecurity=False).hexdigest()
    facets = _facets(qs, params, f"twinnings:facets:{_version()}:{digest}") if not errors else {}
    rows = qs.select_related("home", "partner").order_by("home__name", "partner__name", "pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    shown = [r.pk for r in page]
    # The sources of the twinnings on this page, named once under the table (each row cites its line in one).
    sources = Source.objects.filter(relationcitation__relation__in=shown).distinct().order_by("title")

    def link(**change: str) -> str:
        q = query.copy()
        for k, v in change.items():
            if v:
                q[k] = v
            else:
                q.pop(k, None)
        return "?" + q.urlencode() if q else "?"

    facet_links = {
        name: [
            {"code": c, "label": label(c), "count": n, "url": link(**{name: c}), "active": params[name] == c}
            for c, n in facets.get(name, [])
        ]
        for name, label in (
            ("country", country_name),
            ("state", lambda c: STATE_NAMES.get(c, c)),
            ("continent", lambda c: str(Continent(c).label)),
        )
    }
    labels = {
        "q": _("Town"),
        "country": _("Country"),
        "state": _("State"),
        "continent": _("Continent"),
        "category": _("Category"),
    }
    active = [
        {"label": f"{labels[name]}: {params[name]}", "url": link(**{name: ""})} for name in labels if params[name]
    ]
    return render(
        request,
        "portal/twinnings/list.html",
        {
            "params": params,
            "errors": errors,
            "page_obj": page,
            "query": query.urlencode(),
            "facets": facet_links,
            "active": active,
            "categories": TwinningCategory.choices,
            "states": sorted(STATE_NAMES.items()),
            "sources": sources,
            "unstated": any(not (r.status and r.category and r.since) for r in page),
        },
        status=400 if errors else 200,
    )


def town_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A town with its twins (a list and a small map with lines to them), its parts and the town it belongs to."""
    town = get_object_or_404(Actor.objects.select_related("parent"), slug=slug)
    citations = Prefetch("citations", queryset=RelationCitation.objects.select_related("source").order_by("pk"))
    relations = list(
        twinnings().involving(town.pk).select_related("home", "partner").prefetch_related(citations).order_by("pk")
    )
    twins = [(r, r.other_side(town)) for r in relations]
    twins.sort(key=lambda pair: (pair[1].country_code, pair[1].name_key))
    points = {
        "town": [town.latitude, town.longitude, town.label] if town.has_coordinates else None,
        "twins": [
            [t.latitude, t.longitude, t.label, reverse("portal:town", args=[t.slug])]
            for _r, t in twins
            if t.has_coordinates
        ],
    }
    return render(
        request,
        "portal/twinnings/town.html",
        {
            "town": town,
            "twins": twins,
            "points": points,
            "parts": town.parts.order_by("name"),
            "state_name": STATE_NAMES.get(town.subdivision_code, ""),
            "unstated": any(not (r.status and r.category and r.since) for r in relations),
        },
    )


INITIAL_ZOOM = 2
CLUSTER_PX = 60


def _initial_clusters() -> list:
    """All towns aggregated on a 60-pixel grid at the map's first zoom level: [[lat, lon, count], ...]; the page
    draws these at once, before the browser has clustered the full point list for zooming."""
    key = f"twinnings:initial:{_version()}"
    clusters = cache.get(key)
    if clusters is None:
        world = 256 * 2**INITIAL_ZOOM
        cells: dict[tuple[int, int], list[float]] = {}
        for _pk, lat, lon in _points():
            lat_r = math.radians(max(-85.0, min(85.0, lat)))
            x = (lon + 180) / 360 * world
            y = (1 - math.log(math.tan(lat_r) + 1 / math.cos(lat_r)) / math.pi) / 2 * world
            cell = cells.setdefault((int(x // CLUSTER_PX), int(y // CLUSTER_PX)), [0.0, 0.0, 0])
            cell[0] += lat
            cell[1] += lon
            cell[2] += 1
        clusters = [[round(a / n, 3), round(b / n, 3), n] for a, b, n in cells.values()]
        cache.set(key, clusters, 3600)
    return clusters


def twinning_map(request: HttpRequest) -> HttpResponse:
    """The map of all twinned towns, clustered in the browser; a town's twins are drawn as lines on selection."""
    return render(
        request,
        "portal/twinnings/map.html",
        {
            "count": len(_points()),
            "points_url": reverse("portal:twinnings_points"),
            "town_url": reverse("portal:town", args=["SLUG"]),
            "initial": _initial_clusters(),
            "initial_zoom": INITIAL_ZOOM,
        },
    )


def _points() -> list:
    key = f"twinnings:points:{_version()}"
    points = cache.get(key)
    if points is None:
        rows = twinnings().values_list("home_id", "partner_id")
        ids = {i for pair in rows.iterator(chunk_size=5000) for i in pair}
        points = (
            [
                [pk, round(lat or 0.0, 4), round(lon or 0.0, 4)]  # both are not null by the filter
                for pk, lat, lon in Actor.objects.filter(pk__in=ids, latitude__isnull=False, longitude__isnull=False)
                .order_by("pk")
                .values_list("pk", "latitude", "longitude")
                .iterator(chunk_size=5000)
            ]
            if len(ids) < 500_000
            else []
        )
        cache.set(key, points, 3600)
    return points


def twinning_points(request: HttpRequest) -> HttpResponse:
    """All twinned towns as [[id, lat, lon], ...]: one gzip-compressed response, cached and revalidated by ETag."""
    version = _version()
    etag = f'"tw-{version}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    key = f"twinnings:points:gz:{version}"
    body = cache.get(key)
    if body is None:
        raw = json.dumps(_points(), separators=(",", ":")).encode()
        body = gzip.compress(raw, 6, mtime=0)
        cache.set(key, body, 3600)
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(body, content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body), content_type="application/json")
    response["ETag"] = etag
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = "public, max-age=300"
    return response
