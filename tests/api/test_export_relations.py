"""Exports with the list's filters: CSV, GeoJSON, and schema.org JSON-LD per partner (API and template tag)."""

import csv
import io
import json

import pytest
from django.template import Context, Template

from weltnetz.register.models import Actor, Relation

pytestmark = pytest.mark.django_db


def test_csv_has_a_header_and_one_row_per_relation(client):
    response = client.get("/api/v1/relations.csv?kind=state_partnership")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 12
    moskau = next(r for r in rows if r["partner_slug"] == "moskau")
    assert moskau["since"] == "2007" and moskau["status"] == "dormant" and moskau["country"] == "RU"
    assert any(r["home_name"] == "Baden-Württemberg" for r in rows)  # UTF-8 intact


def test_csv_takes_the_same_filters_as_the_list(client):
    listing = client.get("/api/v1/relations?country=CN&page_size=500").json()
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/relations.csv?country=CN").content.decode())))
    assert sorted(int(r["id"]) for r in rows) == sorted(r["id"] for r in listing["results"])
    assert client.get("/api/v1/relations.csv?country=XYZ").status_code == 400
    assert client.get("/api/v1/relations.csv?country=XX").status_code == 404


def test_geojson_is_one_feature_per_partner_place(client):
    response = client.get("/api/v1/relations.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    ids = [f["id"] for f in data["features"]]
    assert len(ids) == len(set(ids))
    assert sum(len(f["properties"]["relations"]) for f in data["features"]) == Relation.objects.public().count()
    kanagawa = next(f for f in data["features"] if f["properties"]["slug"] == "kanagawa")
    lon, lat = kanagawa["geometry"]["coordinates"]
    assert (lat, lon) == (pytest.approx(35.45), pytest.approx(139.36))  # GeoJSON order: longitude first
    assert kanagawa["properties"]["relations"][0]["kind"] == "state_partnership"


def test_place_jsonld(client):
    kanagawa = Actor.objects.get(slug="kanagawa")
    response = client.get(f"/api/v1/places/{kanagawa.pk}.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "AdministrativeArea"
    assert {"@value": "Kanagawa", "@language": "de"} in data["name"]
    assert data["geo"]["latitude"] == pytest.approx(35.45)
    assert data["sameAs"][0].startswith("https://www.wikidata.org/wiki/Q")
    assert any("1989" in s.get("temporalCoverage", "") for s in data["subjectOf"])


def test_template_tag_embeds_escaped_jsonld(rf):
    actor = Actor.objects.get(slug="kanagawa")
    actor.description = "</script><script>alert(1)</script>"
    html = Template("{% load portal_tags %}{% partner_jsonld actor %}").render(
        Context({"actor": actor, "request": rf.get("/")})
    )
    assert html.startswith('<script type="application/ld+json">') and html.endswith("</script>")
    inner = html[len('<script type="application/ld+json">') : -len("</script>")]
    assert "</script>" not in inner and "<script>" not in inner
    assert json.loads(inner)["description"] == actor.description


def test_partner_page_embeds_jsonld(client):
    response = client.get("/de/partner/kanagawa/")
    assert response.status_code == 200
    assert b'<script type="application/ld+json">' in response.content
