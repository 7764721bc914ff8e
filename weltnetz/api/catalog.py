"""The open-data catalogue: DCAT-AP.de (Turtle, JSON-LD, RDF/XML) and a Frictionless data package of the CSV.

GovData and other portals harvest /api/v1/catalog: a dcat:Catalog with a dcat:Dataset per dataset of
weltnetz.register.opendata and a dcat:Distribution per format, each with the licence's DCAT-AP.de URI, the
publisher, a contact point, the state as political geocoding and the date the data last changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from weltnetz.register import opendata
from weltnetz.register.version import register_version
from weltnetz.register.vocab import RelationKind, Status

from .caching import cached_response
from .errors import ApiError
from .exports import CSV_COLUMNS
from .filters import string_schema
from .v1_common import ERRORS

router = Router(tags=["catalogue"])

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
GEOCODING_LEVEL_STATE = "http://dcat-ap.de/def/politicalGeocodingLevel/state"
# Codes of the EU file-type authority table that the distributions use (others go out as media type only).
FILE_TYPES = {"CSV", "JSON", "GEOJSON", "JSON_LD", "ATOM", "RSS"}

PREFIXES = ("dcat", "dct", "foaf", "vcard", "dcatde", "dcatap", "xsd")
# format parameter -> (rdflib serialiser, media type)
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdfxml": ("pretty-xml", "application/rdf+xml"),
}


def data_modified() -> dt.datetime:
    """When the register or the pages last changed (the data version's timestamp)."""
    return dt.datetime.fromtimestamp(register_version()[1], tz=dt.UTC)


def catalogue_graph(base: str) -> Graph:
    """The DCAT-AP.de catalogue as an rdflib graph; `base` is the site's absolute root URL without a slash."""
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        g.bind(prefix, ns)
    g.bind("dcatde", DCATDE)
    g.bind("dcatap", DCATAP)
    lic = opendata.licence()
    pub = opendata.publisher()
    modified = Literal(data_modified().replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    catalogue = URIRef(f"{base}/api/v1/catalog")
    publisher = URIRef(pub["url"]) if pub["url"] else BNode()
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(pub["name"], lang="de")))
    contact = URIRef(f"{base}/api/v1/catalog#contact")
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(pub["name"], lang="de")))
    if pub["email"]:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{pub['email']}")))
    landing = f"{base}/de/offene-daten/"

    g.add((catalogue, RDF.type, DCAT.Catalog))
    g.add((catalogue, DCTERMS.title, Literal("weltnetz – Internationale Beziehungen (offene Daten)", lang="de")))
    g.add((catalogue, DCTERMS.title, Literal("weltnetz – international relations (open data)", lang="en")))
    g.add(
        (
            catalogue,
            DCTERMS.description,
            Literal("Das Register der internationalen Beziehungen mit Quellen zu jeder Angabe.", lang="de"),
        )
    )
    g.add(
        (
            catalogue,
            DCTERMS.description,
            Literal("The register of international relations with a source for every fact.", lang="en"),
        )
    )
    g.add((catalogue, DCTERMS.publisher, publisher))
    g.add((catalogue, FOAF.homepage, URIRef(landing)))
    g.add((catalogue, DCTERMS.license, URIRef(lic.uri)))
    g.add((catalogue, DCTERMS.modified, modified))
    for code in ("DEU", "ENG"):
        g.add((catalogue, DCTERMS.language, URIRef(EU_LANGUAGE + code)))

    for ds in opendata.DATASETS:
        dataset = URIRef(f"{base}/api/v1/catalog#dataset-{ds.key}")
        g.add((catalogue, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.identifier, Literal(f"weltnetz-{ds.key}")))
        g.add((dataset, DCTERMS.title, Literal(ds.title, lang="de")))
        g.add((dataset, DCTERMS.title, Literal(ds.title_en, lang="en")))
        g.add((dataset, DCTERMS.description, Literal(ds.description, lang="de")))
        g.add((dataset, DCTERMS.description, Literal(ds.description_en, lang="en")))
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCAT.contactPoint, contact))
        g.add((dataset, DCAT.landingPage, URIRef(f"{landing}#{ds.key}")))
        g.add((dataset, DCAT.theme, URIRef(EU_THEME + "INTR")))
        g.add((dataset, DCAT.theme, URIRef(EU_THEME + "GOVE")))
        if ds.key == "relations":  # the twinnings in it keep their own licence's notice (MIT)
            for data in opendata.THIRD_PARTY:
                g.add((dataset, DCTERMS.rights, Literal(f"{data.covers}: {data.licence}, {data.notice}", lang="de")))
        for word in ds.keywords:
            g.add((dataset, DCAT.keyword, Literal(word, lang="de")))
        g.add((dataset, DCATDE.politicalGeocodingURI, URIRef(settings.WELTNETZ_POLITICAL_GEOCODING_URI)))
        g.add((dataset, DCATDE.politicalGeocodingLevelURI, URIRef(GEOCODING_LEVEL_STATE)))
        if settings.WELTNETZ_DCAT_CONTRIBUTOR_ID:
            g.add((dataset, DCATDE.contributorID, URIRef(settings.WELTNETZ_DCAT_CONTRIBUTOR_ID)))
        g.add((dataset, DCTERMS.modified, modified))
        g.add(
            (
                dataset,
                DCTERMS.accessRights,
                URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC"),
            )
        )
        for code in ("DEU", "ENG"):
            g.add((dataset, DCTERMS.language, URIRef(EU_LANGUAGE + code)))
        for dist_spec in ds.distributions:
            dist = URIRef(f"{base}/api/v1/catalog#dist-{ds.key}-{dist_spec.format.lower()}")
            url = URIRef(base + dist_spec.path)
            g.add((dataset, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCTERMS.title, Literal(f"{ds.title} ({dist_spec.format.replace('_', '-')})", lang="de")))
            g.add((dist, DCAT.accessURL, url))
            if "{" not in dist_spec.path and not dist_spec.path.endswith(".jsonld"):
                g.add((dist, DCAT.downloadURL, url))
            g.add(
                (dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{dist_spec.media_type}"))
            )
            if dist_spec.format in FILE_TYPES:
                g.add((dist, DCTERMS.format, URIRef(EU_FILE_TYPE + dist_spec.format)))
            g.add((dist, DCTERMS.license, URIRef(lic.uri)))
            if lic.attribution_required:
                g.add((dist, DCATDE.licenseAttributionByText, Literal(opendata.attribution(), lang="de")))
            g.add((dist, DCTERMS.modified, modified))
            g.add((dist, DCATAP.availability, URIRef("http://data.europa.eu/r5r/availability/stable")))
    return g


class CatalogParams(Schema):
    format: str | None = Field(
        None,
        description="turtle (default), jsonld or rdfxml; else chosen by the Accept header (406 for others)",
        json_schema_extra=string_schema(pattern="^(?:turtle|jsonld|rdfxml)$"),
    )


def choose_format(request: HttpRequest, requested: str | None) -> str:
    """The catalogue format from ?format=, else from the Accept header (Turtle for */*); 406 when none fits."""
    if requested is not None:
        name = requested
        if name not in FORMATS:
            raise ApiError(
                "format", f"unknown catalogue format '{name[:40]}'; available: {', '.join(FORMATS)}", status=406
            )
        return name
    accept = request.headers.get("Accept", "*/*") or "*/*"
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    for media in wanted:
        for name, (_, media_type) in FORMATS.items():
            if media == media_type or (media == "application/json" and name == "jsonld"):
                return name
        if media in ("*/*", "text/*", "application/*"):
            return "turtle" if media != "application/*" else "jsonld"
    raise ApiError(
        "Accept",
        "no catalogue format matches; available: "
        + ", ".join(f"{name} ({media_type})" for name, (_, media_type) in FORMATS.items()),
        status=406,
    )


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


CATALOG_DOC = {
    "responses": {
        200: {
            "description": "The DCAT-AP.de catalogue",
            "content": {
                media: {"schema": {"type": "object" if media.endswith("json") else "string"}}
                for _, media in FORMATS.values()
            },
        }
    }
}


@router.get("/catalog", response={200: str, **ERRORS, 406: ERRORS[400]}, url_name="catalog", openapi_extra=CATALOG_DOC)
def catalog(request: HttpRequest, params: Query[CatalogParams]) -> HttpResponse:
    """The DCAT-AP.de catalogue of the datasets (for GovData and other portals to harvest)."""
    name = choose_format(request, params.format)
    serializer, media_type = FORMATS[name]

    def build() -> bytes:
        graph = catalogue_graph(_site(request))
        if serializer == "json-ld":
            context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix in PREFIXES}
            return graph.serialize(format=serializer, encoding="utf-8", context=context, auto_compact=True)
        return graph.serialize(format=serializer, encoding="utf-8")

    response = cached_response(
        request,
        build,
        content_type=f"{media_type}; charset=utf-8",
        render=lambda b: b,
    )
    response["Vary"] = "Accept, Accept-Encoding"
    return response


# -- Frictionless data package ------------------------------------------------------------------
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CSV_FIELDS: dict[str, dict[str, Any]] = {
    "id": {"type": "integer", "description": "Id of the relation (also in /api/v1/relations/{id})"},
    "kind": {"type": "string", "constraints": {"enum": list(RelationKind.values)}},
    "title": {"type": "string", "description": "Name of the relation where it has one of its own (German)"},
    "title_en": {"type": "string", "description": "Its English name"},
    "home_slug": {"type": "string"},
    "home_name": {"type": "string"},
    "partner_slug": {"type": "string"},
    "partner_name": {"type": "string", "description": "German name"},
    "partner_name_en": {"type": "string", "description": "English name"},
    "partner_kind": {"type": "string"},
    "country": {
        "type": "string",
        "description": "ISO 3166-1 alpha-2; for an institution the country it serves",
        "constraints": {"pattern": "^[A-Z]{2}$"},
    },
    "continent": {"type": "string"},
    "latitude": {"type": "number", "constraints": {"minimum": -90, "maximum": 90}},
    "longitude": {"type": "number", "constraints": {"minimum": -180, "maximum": 180}},
    "since": {"type": "integer", "description": "Start year"},
    "since_note": {"type": "string", "description": "The start as the source words it"},
    "since_note_en": {"type": "string", "description": "The same in English"},
    "status": {"type": "string", "constraints": {"enum": list(Status.values)}},
    "status_since": {
        "type": "string",
        "description": "Since when the status holds (YYYY, YYYY-MM, YYYY-MM-DD); empty when no source says",
        "constraints": {"pattern": PARTIAL_DATE},
    },
    "category": {"type": "string", "description": "For town twinnings: partnership, friendship ..."},
    "topics": {"type": "string", "description": "Fields of cooperation, slugs separated by spaces"},
}


def datapackage(base: str) -> dict[str, Any]:
    """A Frictionless Data Package (v1) describing the CSV export with its table schema and licence."""
    lic = opendata.licence()
    pub = opendata.publisher()
    assert list(CSV_FIELDS) == CSV_COLUMNS, "the table schema must follow the CSV's columns"
    return {
        "profile": "tabular-data-package",
        "name": "weltnetz",
        "title": "weltnetz – Internationale Beziehungen",
        "description": opendata.DATASETS[0].description,
        "homepage": f"{base}/de/offene-daten/",
        "version": register_version()[0],
        "created": data_modified().replace(microsecond=0).isoformat(),
        "licenses": [{"name": lic.spdx, "path": lic.url, "title": lic.title}],
        "contributors": [{"title": pub["name"], "path": pub["url"], "email": pub["email"], "role": "publisher"}],
        "keywords": list(opendata.DATASETS[0].keywords),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "relations",
                "path": f"{base}/api/v1/relations.csv",
                "title": "Internationale Beziehungen (CSV)",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "licenses": [{"name": lic.spdx, "path": lic.url, "title": lic.title}],
                "sources": [{"title": opendata.attribution(), "path": f"{base}/api/v1/catalog"}]
                + [
                    {"title": f"{data.covers_en}: {data.notice}, {data.licence}", "path": f"{base}/de/offene-daten/"}
                    for data in opendata.THIRD_PARTY
                ],
                "schema": {
                    "fields": [{"name": name, **spec} for name, spec in CSV_FIELDS.items()],
                    "primaryKey": ["id"],
                    "missingValues": [""],
                },
            }
        ],
    }


@router.get(
    "/datapackage.json",
    response={200: dict, **ERRORS},
    url_name="datapackage",
    openapi_extra={
        "responses": {
            200: {
                "description": "Frictionless Data Package (tabular) of the CSV export",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def datapackage_json(request: HttpRequest) -> HttpResponse:
    """Frictionless Data Package: the CSV export's table schema, licence and publisher (the CSV's sidecar)."""
    from .caching import json_bytes

    return cached_response(request, lambda: datapackage(_site(request)), render=json_bytes)
