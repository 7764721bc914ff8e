"""The open-data catalogue (DCAT-AP.de 2.0), the Frictionless data package and the licence in every answer."""

import json

import pytest
from icalendar import Calendar
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

pytestmark = pytest.mark.django_db

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DL_DE_BY = URIRef("http://dcat-ap.de/def/licenses/dl-by-de/2.0")
BW = URIRef("http://dcat-ap.de/def/politicalGeocoding/stateKey/08")

# DCAT-AP.de 2.0: mandatory properties per class (Pflichtfelder), and those the issue asks for besides.
REQUIRED = {
    DCAT.Catalog: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset],
    DCAT.Dataset: [DCTERMS.title, DCTERMS.description],
    DCAT.Distribution: [DCAT.accessURL, DCTERMS.license],
}
ASKED = {
    DCAT.Dataset: [DCTERMS.publisher, DCAT.contactPoint, DCATDE.politicalGeocodingURI, DCTERMS.modified],
    DCAT.Distribution: [DCTERMS.format, DCTERMS.modified, DCATDE.licenseAttributionByText],
}


def catalogue(client, fmt: str) -> Graph:
    response = client.get(f"/api/v1/catalog?format={fmt}")
    assert response.status_code == 200
    return Graph().parse(data=response.content, format={"turtle": "turtle", "jsonld": "json-ld"}[fmt])


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_catalogue_has_the_required_dcat_ap_de_properties(client, fmt):
    g = catalogue(client, fmt)
    [cat] = g.subjects(RDF.type, DCAT.Catalog)
    datasets = set(g.subjects(RDF.type, DCAT.Dataset))
    assert set(g.objects(cat, DCAT.dataset)) == datasets
    assert len(datasets) >= 6
    distributions = set(g.subjects(RDF.type, DCAT.Distribution))
    assert {"CSV", "JSON", "GEOJSON", "ATOM", "RSS", "JSON_LD"} <= {
        str(f).rsplit("/", 1)[-1] for f in g.objects(None, DCTERMS.format)
    }
    for cls, props in REQUIRED.items():
        for subject in g.subjects(RDF.type, cls):
            for prop in props:
                assert g.value(subject, prop) is not None, f"{subject} lacks {prop}"
    for dataset in datasets:
        assert set(g.objects(dataset, DCAT.distribution)) <= distributions
        assert g.value(dataset, DCAT.distribution) is not None
        for prop in ASKED[DCAT.Dataset]:
            assert g.value(dataset, prop) is not None, f"{dataset} lacks {prop}"
        assert g.value(dataset, DCATDE.politicalGeocodingURI) == BW
        contact = g.value(dataset, DCAT.contactPoint)
        assert str(g.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))).startswith("mailto:")
    for dist in distributions:
        for prop in [DCTERMS.modified, DCATDE.licenseAttributionByText]:
            assert g.value(dist, prop) is not None
        assert g.value(dist, DCTERMS.license) == DL_DE_BY
        assert "Datenlizenz Deutschland" in str(g.value(dist, DCATDE.licenseAttributionByText))
    publisher = g.value(cat, DCTERMS.publisher)
    assert "Staatsministerium" in str(g.value(publisher, FOAF.name))


def test_turtle_and_json_ld_say_the_same(client):
    assert catalogue(client, "turtle").isomorphic(catalogue(client, "jsonld"))


def test_distribution_urls_are_served(client):
    g = catalogue(client, "turtle")
    for url in set(g.objects(None, DCAT.downloadURL)):
        path = str(url).removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_accept_header_chooses_the_format(client):
    response = client.get("/api/v1/catalog", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"].startswith("application/ld+json")
    assert client.get("/api/v1/catalog")["Content-Type"].startswith("text/turtle")


@pytest.mark.parametrize(("query", "accept", "field"), [("?format=xlsx", "*/*", "format"), ("", "image/png", "Accept")])
def test_unknown_format_is_406_listing_the_formats(client, query, accept, field):
    response = client.get(f"/api/v1/catalog{query}", HTTP_ACCEPT=accept)
    assert response.status_code == 406
    [error] = response.json()["errors"]
    assert error["field"] == field
    assert all(name in error["reason"] for name in ("turtle", "jsonld"))


def test_datapackage_validates_with_frictionless(client, tmp_path):
    from frictionless import validate

    package = client.get("/api/v1/datapackage.json").json()
    [resource] = package["resources"]
    # The published path is the live CSV; validate the package against the CSV the API serves right now.
    (tmp_path / "relations.csv").write_bytes(client.get(resource["path"].removeprefix("http://testserver")).content)
    resource["path"] = "relations.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] >= 37
    assert package["licenses"][0]["name"] == "DL-DE-BY-2.0"


def test_datapackage_catches_a_csv_that_breaks_its_schema(client, tmp_path):
    from frictionless import validate

    package = client.get("/api/v1/datapackage.json").json()
    csv_text = client.get("/api/v1/relations.csv").content.decode()
    lines = csv_text.split("\r\n")
    cells = lines[1].split(",")
    cells[0] = "not-a-number"
    lines[1] = ",".join(cells)
    (tmp_path / "relations.csv").write_text("\r\n".join(lines), encoding="utf-8")
    package["resources"][0]["path"] = "relations.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert not validate(str(tmp_path / "datapackage.json")).valid


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/relations",
        "/api/v1/relations/1",
        "/api/v1/places",
        "/api/v1/agreements",
        "/api/v1/news",
        "/api/v1/topics",
        "/api/v1/anniversaries",
    ],
)
def test_every_json_answer_states_the_licence(client, path):
    response = client.get(path)
    assert response.status_code == 200
    lic = response.json()["license"]
    assert lic["id"] == "dl-de/by-2-0"
    assert lic["url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in lic["attribution"]
    assert 'rel="license"' in response["Link"]


def test_exports_and_feeds_state_the_licence(client):
    geo = client.get("/api/v1/relations.geojson").json()
    assert geo["license"]["uri"] == str(DL_DE_BY)
    assert 'rel="license"' in client.get("/api/v1/relations.csv")["Link"]
    assert "Datenlizenz Deutschland" in client.get("/api/v1/feeds/news.atom").content.decode()
    assert "<copyright>" in client.get("/api/v1/feeds/news.rss").content.decode()
    calendar = Calendar.from_ical(client.get("/api/v1/feeds/anniversaries.ics").content)
    assert "Datenlizenz Deutschland" in str(calendar["X-WR-CALDESC"])
    place = client.get("/api/v1/places?q=Kanagawa").json()["results"][0]["id"]
    assert client.get(f"/api/v1/places/{place}.jsonld").json()["license"] == "https://www.govdata.de/dl-de/by-2-0"


def test_openapi_info_states_licence_and_contact(client):
    info = client.get("/api/v1/openapi.json").json()["info"]
    assert info["license"]["url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert info["contact"]["email"]


def test_the_licence_is_configurable(client, settings):
    settings.WELTNETZ_DATA_LICENCE = "cc-by-4.0"
    assert client.get("/api/v1/topics").json()["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    g = catalogue(client, "turtle")
    assert set(g.objects(None, DCTERMS.license)) == {URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")}


def test_contributor_id_is_stated_once_govdata_has_assigned_one(client, settings):
    assert not set(catalogue(client, "turtle").objects(None, DCATDE.contributorID))
    settings.WELTNETZ_DCAT_CONTRIBUTOR_ID = "http://dcat-ap.de/def/contributors/example"
    g = catalogue(client, "turtle")
    for dataset in g.subjects(RDF.type, DCAT.Dataset):
        assert g.value(dataset, DCATDE.contributorID) == URIRef("http://dcat-ap.de/def/contributors/example")


def test_the_twinnings_keep_their_mit_notice_beside_the_licence(client):
    """The twin-town data is MIT-licensed: its copyright notice travels with the API, catalogue and package."""
    [third] = client.get("/api/v1/topics").json()["license"]["third_party"]
    assert third["licence"] == "MIT" and third["notice"].startswith("Copyright (c)")
    g = catalogue(client, "turtle")
    [relations] = [d for d in g.subjects(RDF.type, DCAT.Dataset) if str(d).endswith("dataset-relations")]
    assert "MIT" in str(g.value(relations, DCTERMS.rights))
    sources = client.get("/api/v1/datapackage.json").json()["resources"][0]["sources"]
    assert any(third["notice"] in source["title"] for source in sources)
