"""What the open data is published under and what it consists of: licence, publisher, datasets, formats.

The licence is a setting (WELTNETZ_DATA_LICENCE, default Datenlizenz Deutschland – Namensnennung 2.0); the
API states it in every answer and its catalogue (DCAT-AP.de), the portal on its "Offene Daten" page. Both
read it from here, so neither imports the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from .models import in_language


@dataclass(frozen=True)
class Licence:
    key: str
    title: str  # the licence's own (German or international) name
    uri: str  # the URI of DCAT-AP.de's licence vocabulary, for dct:license
    url: str  # the licence text
    spdx: str  # the SPDX identifier, for the Frictionless data package
    attribution_required: bool


# Licences public bodies in Germany publish open data under (DCAT-AP.de licence vocabulary).
LICENCES: dict[str, Licence] = {
    licence.key: licence
    for licence in [
        Licence(
            "dl-de/by-2-0",
            "Datenlizenz Deutschland – Namensnennung – Version 2.0",
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
            "https://www.govdata.de/dl-de/by-2-0",
            "DL-DE-BY-2.0",
            True,
        ),
        Licence(
            "dl-de/zero-2-0",
            "Datenlizenz Deutschland – Zero – Version 2.0",
            "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
            "https://www.govdata.de/dl-de/zero-2-0",
            "DL-DE-ZERO-2.0",
            False,
        ),
        Licence(
            "cc-by-4.0",
            "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
            "http://dcat-ap.de/def/licenses/cc-by/4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            "CC-BY-4.0",
            True,
        ),
        Licence(
            "cc-zero",
            "Creative Commons CC Zero License (CC0 1.0)",
            "http://dcat-ap.de/def/licenses/cc-zero",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "CC0-1.0",
            False,
        ),
    ]
}


def licence() -> Licence:
    """The licence the register's data is published under (settings.WELTNETZ_DATA_LICENCE)."""
    return LICENCES[settings.WELTNETZ_DATA_LICENCE]


def publisher() -> dict[str, str]:
    """Who publishes the data and whom to ask (settings.WELTNETZ_PUBLISHER_*)."""
    return {
        "name": settings.WELTNETZ_PUBLISHER_NAME,
        "url": settings.WELTNETZ_PUBLISHER_URL,
        "email": settings.WELTNETZ_CONTACT_EMAIL,
    }


def attribution(year: int | None = None) -> str:
    """The attribution text the licence asks reusers to give (the form GovData recommends for dl-de/by)."""
    lic = licence()
    year = year or dt.date.today().year
    return f"© {settings.WELTNETZ_PUBLISHER_NAME} ({year}), {lic.title}, {lic.url}"


@dataclass(frozen=True)
class ThirdPartyData:
    """Data the register holds under another licence, whose notice must travel with every copy."""

    key: str
    covers: str  # which records, in German
    covers_en: str
    licence: str
    licence_file: Path  # the licence text as it came with the data

    @property
    def label(self) -> str:
        return in_language(self.covers, self.covers_en)

    @property
    def text(self) -> str:
        return _read(self.licence_file)

    @property
    def notice(self) -> str:
        """The copyright line of the licence text ("Copyright (c) 2026 …")."""
        lines = [line.strip() for line in self.text.splitlines()]
        return next((line for line in lines if line.lower().startswith("copyright")), self.licence)


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# The town twinnings come from an MIT-licensed collection (bundled with the importer); MIT asks that its
# copyright and permission notice go with every copy, so the exports and the catalogue name it beside ours.
THIRD_PARTY: tuple[ThirdPartyData, ...] = (
    ThirdPartyData(
        "twin-cities",
        "Städtepartnerschaften (aus Wikipedias Listen gesammelt und geokodiert)",
        "Town twinnings (collected from Wikipedia's lists and geocoded)",
        "MIT",
        Path(__file__).resolve().parent.parent / "importers" / "data" / "twin_cities.LICENSE",
    ),
)


def licence_info() -> dict[str, object]:
    """The licence as the API's answers carry it, with the notices of third-party data in the register."""
    lic = licence()
    return {
        "id": lic.key,
        "title": lic.title,
        "uri": lic.uri,
        "url": lic.url,
        "attribution": attribution(),
        "attribution_required": lic.attribution_required,
        "third_party": [
            {"covers": data.covers_en, "licence": data.licence, "notice": data.notice} for data in THIRD_PARTY
        ],
    }


@dataclass(frozen=True)
class Distribution:
    format: str  # the EU file type authority's code (CSV, JSON, GEOJSON, JSON_LD, ATOM, RSS, ICAL)
    media_type: str
    path: str  # the download or access path under the site
    example: str = ""  # an example call (path and query)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    title_en: str
    description: str
    description_en: str
    keywords: tuple[str, ...]
    distributions: tuple[Distribution, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return in_language(self.title, self.title_en)

    @property
    def text(self) -> str:
        return in_language(self.description, self.description_en)


API = "/api/v1"
DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "relations",
        "Internationale Beziehungen",
        "International relations",
        "Landespartnerschaften, Kooperationen, Netzwerke, Institutionen, Vertretungen und Städtepartnerschaften "
        "mit Beginn, Status und Statusverlauf, Themenfeldern und den Quellen jeder Angabe.",
        "State partnerships, cooperations, networks, institutions, offices abroad and town twinnings with their "
        "start, status and status history, fields of cooperation and the source of every fact.",
        ("Partnerschaft", "Städtepartnerschaft", "Internationale Beziehungen", "Kooperation"),
        (
            Distribution("JSON", "application/json", f"{API}/relations", f"{API}/relations?as_of=2015&status=active"),
            Distribution("CSV", "text/csv", f"{API}/relations.csv", f"{API}/relations.csv?kind=state_partnership"),
            Distribution(
                "GEOJSON",
                "application/geo+json",
                f"{API}/relations.geojson",
                f"{API}/relations.geojson?continent=asia",
            ),
        ),
    ),
    Dataset(
        "places",
        "Orte und Partner",
        "Places and partners",
        "Regionen, Städte, Länder, Netzwerke und Einrichtungen mit deutschen und englischen Namen, Koordinaten "
        "und Kennungen (ISO 3166, Wikidata); je Partner auch als JSON-LD (schema.org).",
        "Regions, towns, countries, networks and institutions with German and English names, coordinates and "
        "identifiers (ISO 3166, Wikidata); each partner also as JSON-LD (schema.org).",
        ("Region", "Ort", "Geodaten"),
        (
            Distribution("JSON", "application/json", f"{API}/places", f"{API}/places?kind=region&country=CN"),
            Distribution("JSON_LD", "application/ld+json", f"{API}/places/1.jsonld", f"{API}/places/1.jsonld"),
        ),
    ),
    Dataset(
        "agreements",
        "Vereinbarungen",
        "Agreements",
        "Unterzeichnete Erklärungen, Absichtserklärungen und Verträge mit Datum, Ort, Unterzeichnenden, "
        "Themenfeldern und Quellen.",
        "Signed declarations, memoranda and treaties with date, place, signatories, fields and sources.",
        ("Vereinbarung", "Absichtserklärung"),
        (Distribution("JSON", "application/json", f"{API}/agreements", f"{API}/agreements?date_from=2024-01-01"),),
    ),
    Dataset(
        "news",
        "Meldungen",
        "News",
        "Meldungen zu den internationalen Beziehungen mit Partnern und Themenfeldern.",
        "News on the international relations with their partners and fields of cooperation.",
        ("Pressemitteilung", "Meldung"),
        (
            Distribution("JSON", "application/json", f"{API}/news", f"{API}/news"),
            Distribution("ATOM", "application/atom+xml", f"{API}/feeds/news.atom"),
            Distribution("RSS", "application/rss+xml", f"{API}/feeds/news.rss"),
        ),
    ),
    Dataset(
        "anniversaries",
        "Jubiläen",
        "Anniversaries",
        "Runde Jahrestage der Beziehungen, aus den Anfangsjahren berechnet; als Kalender zum Abonnieren.",
        "Round anniversaries of the relations computed from their start years; as a calendar to subscribe to.",
        ("Jubiläum", "Jahrestag"),
        (
            Distribution("JSON", "application/json", f"{API}/anniversaries", f"{API}/anniversaries?year=2027"),
            Distribution("ICAL", "text/calendar", f"{API}/feeds/anniversaries.ics"),
        ),
    ),
    Dataset(
        "topics",
        "Themenfelder",
        "Fields of cooperation",
        "Die Themenfelder der Zusammenarbeit mit der Zahl der Beziehungen je Feld.",
        "The fields of cooperation with the number of relations in each.",
        ("Thema",),
        (Distribution("JSON", "application/json", f"{API}/topics", f"{API}/topics"),),
    ),
)
