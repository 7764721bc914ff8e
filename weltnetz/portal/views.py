"""Portal views over the register: partner pages, map, timeline, filterable lists, search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language_from_request

from weltnetz.register.models import Actor, Agreement, AgreementCitation, Relation, RelationCitation, StatusChange
from weltnetz.register.vocab import ActorKind, Status
from weltnetz.search.query import search as run_search

from . import overview
from .countries import country_name
from .forms import AsOfForm, RelationFilterForm
from .models import NewsPage, localized_news

PER_PAGE = 25


# Sources in the order they were recorded (without it PostgreSQL returns rows in storage order, which a restore
# or a VACUUM changes).
CITATIONS_IN_ORDER = Prefetch("citations", queryset=AgreementCitation.objects.select_related("source").order_by("pk"))


def root_redirect(request: HttpRequest) -> HttpResponse:
    """Send / to the visitor's language (German unless the browser prefers English)."""
    return redirect(f"/{get_language_from_request(request) or 'de'}/")


def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's page: relations with status history and sources, agreements, topics, news, anniversaries."""
    actor = get_object_or_404(Actor.objects.select_related("parent"), slug=slug)
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data["as_of"] if form.is_bound and form.is_valid() else None
    base = Relation.objects.public().of_home_region()  # the town twinnings have a section of their own below
    if as_of is not None:
        base = base.as_of(as_of)
    relations = list(
        base.involving(actor.pk)
        .select_related("home", "partner")
        .prefetch_related(
            "topics",
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("source")),
            Prefetch("citations", queryset=RelationCitation.objects.select_related("source").order_by("pk")),
        )
    )
    agreements = list(
        Agreement.objects.public()
        .involving(actor)
        .select_related("place", "partner", "document")
        .prefetch_related("signatories__roles__affiliation", "topics", CITATIONS_IN_ORDER)
    )
    topics = {t.pk: t for r in relations for t in r.topics.all()}
    topics.update({t.pk: t for a in agreements for t in a.topics.all()})
    # A resting or ended partnership has no anniversary to plan (as in the calendar feed and the API).
    anniversaries = [
        (r, *r.next_anniversary()) for r in relations if r.status == Status.ACTIVE and r.next_anniversary()
    ]
    news = localized_news(NewsPage.objects.live().filter(partners=actor)).order_by("-date")[:10]
    twinnings = _twinnings_of(actor)
    if twinnings["twins"] and as_of is None and not relations and not agreements and not news:
        return redirect("portal:town", slug=actor.slug)  # a town known only from the twinnings: its town page
    return render(
        request,
        "portal/partner_detail.html",
        {
            "actor": actor,
            "as_of": as_of,
            "as_of_form": form,
            "country": country_name(actor.country_code),
            "relations": relations,
            "agreements": agreements,
            "topics": sorted(topics.values(), key=lambda t: t.label.casefold()),
            "anniversaries": sorted(anniversaries, key=lambda a: a[1]),
            "news": news,
            **twinnings,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


TWINS_SHOWN = 12


def _twinnings_of(actor: Actor) -> dict:
    """The labelled twinning sections of a partner page: the place's own town twinnings (a few, with a link to
    its town page) and how many twinnings towns in its country have (a link to the filtered twinning list)."""
    twinnings = Relation.objects.public().municipal()
    own = twinnings.involving(actor.pk)
    twins = [
        r.other_side(actor)
        for r in own.select_related("home", "partner").order_by("partner__name", "home__name", "pk")[:TWINS_SHOWN]
    ]
    in_country = 0
    if actor.country_code and actor.kind != ActorKind.MUNICIPALITY:
        in_country = twinnings.touching_country(actor.country_code).count()
    return {
        "twins": twins,
        "twin_count": own.count() if len(twins) == TWINS_SHOWN else len(twins),
        "country_twinnings": in_country,
    }


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An agreement's register entry: date, place, signatories, fields, document and sources."""
    agreement = get_object_or_404(
        Agreement.objects.public()
        .select_related("place", "partner", "document", "relation")
        .prefetch_related("signatories__roles__affiliation", "topics", CITATIONS_IN_ORDER),
        pk=pk,
    )
    return render(request, "portal/agreement_detail.html", {"agreement": agreement})


# Marker colours of the map by kind of relation (the legend and map.js read them from here); each passes
# WCAG's 3:1 contrast for graphics against the map's pale land and sea.
KIND_COLOURS = {
    "state_partnership": "#0b4f6c",
    "cooperation": "#1d6b2f",
    "network_membership": "#6b3fa0",
    "institution": "#8a5a00",
    "representation": "#a10000",
    "joint_commission": "#005f73",
    "municipal_partnership": "#4a5561",
}


def _markers(relations) -> list[dict]:
    """One map marker per partner with coordinates, listing each relation it has with the home region."""
    markers: dict[int, dict] = {}
    for r in relations:
        partner = r.partner
        if not partner.has_coordinates:
            continue
        marker = markers.setdefault(
            partner.pk,
            {
                "name": partner.label,
                "url": partner.get_absolute_url(),
                "lat": partner.latitude,
                "lon": partner.longitude,
                "country": country_name(partner.country_code),
                "kind": r.kind,
                "colour": KIND_COLOURS.get(r.kind, "#0b4f6c"),
                "relations": [],
            },
        )
        marker["relations"].append(
            {
                "kind": str(r.get_kind_display()),
                "title": r.title_label,
                "since": r.since,
                "status": str(r.get_status_display()) if r.status else "",
                # An institution at home that serves another country: that country, as an attribute.
                "serves": country_name(r.country_code) if r.country_code != partner.country_code else "",
            }
        )
    return list(markers.values())


def map_view(request: HttpRequest) -> HttpResponse:
    """A map of all partners and offices drawn on bundled country shapes, with the same content as a table."""
    _, relations = overview.home_relations()
    relations = sorted(relations, key=lambda r: (r.get_kind_display(), r.partner.label.casefold()))
    markers = _markers(relations)
    kinds = dict(Relation._meta.get_field("kind").flatchoices)
    present = {m["kind"] for m in markers}
    legend = [(kind, kinds[kind], colour) for kind, colour in KIND_COLOURS.items() if kind in present]
    return render(request, "portal/map.html", {"relations": relations, "markers": markers, "legend": legend})


def timeline(request: HttpRequest) -> HttpResponse:
    """The home region's relations by start year, oldest first."""
    _, relations = overview.home_relations()
    years: dict[int, list[Relation]] = {}
    undated = []
    for r in relations:
        if r.since:
            years.setdefault(r.since, []).append(r)
        elif r.since_note:
            undated.append(r)
    return render(
        request,
        "portal/timeline.html",
        {
            "years": sorted(years.items()),
            "undated": undated,
        },
    )


def relation_list(request: HttpRequest) -> HttpResponse:
    """The home region's published relations, filterable by kind, country, continent, topic, status and scope
    (the town twinnings are listed only when the scope or the kind asks for them); paginated."""
    relations = Relation.objects.public()
    form = RelationFilterForm(request.GET or None, relations=relations)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
        relations = relations.none()
    else:
        relations = form.scoped(relations)
        if form.is_bound:
            relations = form.filter(relations)
    relations = (
        relations.select_related("home", "partner").prefetch_related("topics").order_by("partner__name", "kind", "pk")
    )
    page = Paginator(relations, PER_PAGE).get_page(request.GET.get("page"))
    as_of = form.cleaned_data.get("as_of") if form.is_bound and form.is_valid() else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/relation_list.html",
        {
            "form": form,
            "as_of": as_of,
            "page_obj": page,
            "query": query.urlencode(),
            "twinnings_listed": form.is_bound
            and form.is_valid()
            and form.asks_for_twinnings(form.cleaned_data.get("scope", ""), form.cleaned_data.get("kind", [])),
        },
        status=status,
    )


def open_data(request: HttpRequest) -> HttpResponse:
    """The "Offene Daten" page: every dataset with its formats, licence, update date and example calls."""
    import datetime as dt

    from weltnetz.register import opendata
    from weltnetz.register.version import register_version

    return render(
        request,
        "portal/open_data.html",
        {
            "datasets": opendata.DATASETS,
            "licence": opendata.licence(),
            "attribution": opendata.attribution(),
            "third_party": opendata.THIRD_PARTY,
            "modified": dt.datetime.fromtimestamp(register_version()[1], tz=dt.UTC),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search over the home region's partners, relations, agreements and news (weltnetz.search); the
    town twinnings when asked for (`scope=all`), ranked after the region's own records."""
    q = request.GET.get("q", "").strip()[:500]
    twinnings = request.GET.get("scope") == "all"
    results, page_number = None, 1
    if q:
        try:
            page_number = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page_number = 1
        results = run_search(q, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE, twinnings=twinnings)
    return render(
        request,
        "portal/search.html",
        {
            "q": q,
            "results": results,
            "twinnings": twinnings,
            "page_number": page_number,
            "has_next": results is not None and results.total > page_number * PER_PAGE,
            "next_page": page_number + 1,
            "previous_page": page_number - 1,
        },
    )
