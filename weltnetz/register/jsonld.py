"""schema.org JSON-LD for a partner: served by the API and embedded in the partner's portal page (both ask here)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch

from .models import Actor, Relation
from .opendata import attribution, licence
from .vocab import ActorKind

SCHEMA_TYPES: dict[str, str] = {
    ActorKind.REGION: "AdministrativeArea",
    ActorKind.MUNICIPALITY: "City",
    ActorKind.COUNTRY: "Country",
    ActorKind.PLACE: "Place",
    ActorKind.NETWORK: "Organization",
    ActorKind.INSTITUTION: "Organization",
    ActorKind.OFFICE: "GovernmentOffice",
}


def _absolute(path: str, request: HttpRequest | None) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def partner_jsonld(actor: Actor, request: HttpRequest | None = None, home_region_only: bool = False) -> dict[str, Any]:
    """The actor as a schema.org Place or Organization, with names in German and English and its relations.

    The partner page says what it shows: the home region's relations only (`home_region_only`); the API's place
    document lists the town twinnings too.
    """
    kind = SCHEMA_TYPES.get(actor.kind, "Thing")
    try:
        page = _absolute(actor.get_absolute_url(), request)
    except NoReverseMatch:
        page = _absolute(f"/api/v1/places/{actor.pk}", request)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": page,
        "url": page,
        "name": [{"@value": actor.name, "@language": "de"}]
        + ([{"@value": actor.name_en, "@language": "en"}] if actor.name_en and actor.name_en != actor.name else []),
        "identifier": actor.slug,
        "license": licence().url,
        "creditText": attribution(),
    }
    if actor.aliases:
        data["alternateName"] = list(actor.aliases)
    if actor.description:
        data["description"] = actor.description
    if actor.has_coordinates:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": actor.latitude, "longitude": actor.longitude}
    if actor.country_code:
        key = "address" if kind in ("Organization", "GovernmentOffice") else "containedInPlace"
        country = {"@type": "Country", "identifier": actor.country_code}
        data[key] = {"@type": "PostalAddress", "addressCountry": actor.country_code} if key == "address" else country
    if actor.parent_id and actor.parent:
        data["containedInPlace"] = {
            "@type": "AdministrativeArea",
            "name": actor.parent.name,
            "identifier": actor.parent.slug,
        }
    same_as = []
    if actor.wikidata_id:
        same_as.append(f"https://www.wikidata.org/wiki/{actor.wikidata_id}")
    if actor.website:
        same_as.append(actor.website)
    if same_as:
        data["sameAs"] = same_as
    relations = Relation.objects.public().filter(partner=actor)
    if home_region_only:
        relations = relations.of_home_region()
    relations = relations.select_related("home").order_by("since", "id")
    data["subjectOf"] = [
        {
            "@type": "CreativeWork",
            "name": f"{rel.get_kind_display()}: {rel.home.name} – {actor.name}",
            "about": {"@type": "Place", "name": rel.home.name, "identifier": rel.home.slug},
            **({"temporalCoverage": f"{rel.since}/.."} if rel.since else {}),
            "url": _absolute(f"/api/v1/relations/{rel.pk}", request),
        }
        for rel in relations
    ]
    return data
