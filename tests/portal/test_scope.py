"""The state's portal shows the state's relations; town twinnings have their own section and appear elsewhere only
when asked for (issue #8: after the twin import "Alle Beziehungen" began with "'s-Hertogenbosch mit Leuven", a
search for "Partnerschaften" found 24,688 hits with Albanian town pairs first, and the Schanghai page opened with
twinning cards)."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from weltnetz.register.models import Actor, Relation
from weltnetz.register.vocab import RelationKind
from weltnetz.search.models import SearchEntry
from weltnetz.search.query import search

pytestmark = pytest.mark.django_db

ROWS = """city1,country1,lat1,lng1,city2,country2,lat2,lng2
's-Hertogenbosch,Netherlands,51.69,5.30,Leuven,Belgium,50.88,4.70
Berat,Albania,40.7022,19.9583,Amasya,Turkey,40.65,35.8331
Tirana,Albania,41.33,19.82,Bursa,Turkey,40.18,29.06
Shanghai,China,31.23,121.47,Barcelona,Spain,41.39,2.17
Yokohama,Japan,35.44,139.64,Lyon,France,45.76,4.84
Antwerp,Belgium,51.22,4.40,Shanghai,China,31.23,121.47
"""
TWINNINGS = 6


@pytest.fixture
def twinnings(tmp_path: Path) -> int:
    path = tmp_path / "twins.csv"
    path.write_text(ROWS, encoding="utf-8")
    call_command("import_twin_cities", str(path), stdout=StringIO(), stderr=StringIO())
    assert Relation.objects.municipal().count() == TWINNINGS
    return Relation.objects.public().of_home_region().count()


def rows(html: str) -> list[str]:
    return re.findall(r'<th scope="row">(.*?)</th>', html, re.S)


def test_all_relations_lists_the_states_relations_and_twinnings_only_when_asked(page, twinnings):
    html = page("/de/beziehungen/")
    assert f"{twinnings} Beziehungen" in html
    assert not any("Hertogenbosch" in r or "Berat" in r for r in rows(html))
    assert "Albanien" not in html  # nor in the country filter: its choices are the listed relations'
    assert f"{twinnings + TWINNINGS} Beziehungen" in page("/de/beziehungen/?scope=all")
    only = page("/de/beziehungen/?scope=twinnings")
    assert f"{TWINNINGS} Beziehungen" in only and "/de/ort/" in only
    assert f"{TWINNINGS} Beziehungen" in page("/de/beziehungen/?kind=municipal_partnership")
    assert "2 Beziehungen" in page("/de/beziehungen/?scope=all&country=TR")  # Amasya, Bursa
    assert f"{twinnings} Beziehungen" in page("/de/beziehungen/?scope=region")  # the API's value, the default
    page("/de/beziehungen/?scope=nonsense", status=400)


def test_search_finds_the_states_records_and_counts_the_twinnings_apart(page, twinnings):
    region = search("Partnerschaften", limit=200)
    assert region.total > 0 and all(hit.regional for hit in region)
    assert not any("Berat" in hit.title or "Hertogenbosch" in hit.title for hit in region)
    assert region.outside == TWINNINGS
    every = search("Partnerschaften", limit=200, twinnings=True)
    assert every.total == region.total + TWINNINGS and every.outside == 0
    flags = [hit.regional for hit in every]
    assert flags == sorted(flags, reverse=True)  # the state's own records first, then the twinnings
    html = page("/de/suche/?q=Partnerschaften")
    assert f"{region.total} Treffer" in html and "Berat" not in html
    assert "?q=Partnerschaften&amp;scope=all" in html
    assert "Berat" in page("/de/suche/?q=Partnerschaften&scope=all")


def test_a_town_of_the_twinnings_only_is_found_when_asked_and_links_its_town_page(page, twinnings):
    assert search("Berat").total == 0 and search("Berat").outside == 2  # the town and its twinning
    hits = search("Berat", twinnings=True)
    town = next(hit for hit in hits if hit.kind == "actor")
    assert town.url.startswith("/de/ort/") and not town.regional
    assert "Städtepartnerschaften" in page("/de/suche/?q=Berat")


def test_the_schanghai_page_shows_the_states_relation_and_its_twinnings_apart(page, twinnings):
    html = page("/de/partner/schanghai/")
    relations, rest = html.split('id="h-twins"', 1)
    assert "German Centre" in relations and "Barcelona" not in relations
    assert "Städtepartnerschaften von Schanghai" in rest and "Barcelona" in rest


def test_the_schanghai_pages_json_ld_names_the_states_relation_the_apis_the_twinnings_too(client, page, twinnings):
    html = page("/de/partner/schanghai/")
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["subjectOf"] and not any("Kommunale" in s["name"] for s in data["subjectOf"])
    schanghai = Actor.objects.get(slug="schanghai")
    api = json.loads(client.get(f"/api/v1/places/{schanghai.pk}.jsonld").content)
    assert len(api["subjectOf"]) > len(data["subjectOf"])


def test_a_partner_region_names_the_twinnings_of_towns_in_its_country(page, twinnings):
    html = page("/de/partner/kanagawa/")
    assert "Städtepartnerschaften von Orten in diesem Land" in html
    assert "/de/staedtepartnerschaften/?country=JP" in html and "Lyon" not in html


def test_a_town_known_only_from_the_twinnings_has_its_town_page(client, twinnings):
    berat = Actor.objects.get(name="Berat")
    response = client.get(f"/de/partner/{berat.slug}/")
    assert response.status_code == 302 and response["Location"] == f"/de/ort/{berat.slug}/"


def test_overview_map_and_timeline_leave_the_twinnings_out(page, twinnings):
    for url in ("/de/", "/de/karte/", "/de/zeitleiste/"):
        html = page(url)
        assert "Berat" not in html and "Hertogenbosch" not in html, url


def test_a_town_becomes_a_record_of_the_state_with_a_relation_of_the_state(twinnings):
    from weltnetz.register.models import home_region

    lyon = Actor.objects.get(name="Lyon")
    assert not SearchEntry.objects.get(kind="actor", object_id=lyon.pk).regional
    Relation.objects.create(kind=RelationKind.COOPERATION, home=home_region(), partner=lyon)
    entry = SearchEntry.objects.get(kind="actor", object_id=lyon.pk)
    assert entry.regional and entry.url == f"/de/partner/{lyon.slug}/"


def test_dated_twinnings_stay_out_of_the_states_anniversaries(client, tmp_path: Path, twinnings):
    """A file that dates its twinnings (an association's list) must not fill the state's calendar."""
    path = tmp_path / "verband.csv"
    path.write_text(
        "city1,country1,city2,country2,since,status\nTübingen,Germany,Aix-en-Provence,France,1960,aktiv\n",
        encoding="utf-8",
    )
    call_command("import_twin_cities", str(path), stdout=StringIO(), stderr=StringIO())
    answer = client.get("/api/v1/anniversaries", {"year": 2030}).json()
    assert answer["count"] > 0  # the state's own: Kanagawa's 40 years ...
    assert all(item["relation"]["kind"] != "municipal_partnership" for item in answer["results"])
    calendar = client.get("/api/v1/feeds/anniversaries.ics").content.decode()
    assert "Aix-en-Provence" not in calendar


def test_the_api_lists_everything_and_either_scope_when_asked(client, twinnings):
    def count(**params) -> int:
        response = client.get("/api/v1/relations", {**params, "page_size": 1})
        assert response.status_code == 200, response.content
        return response.json()["count"]

    assert count(scope="region") == twinnings
    assert count(scope="twinnings") == TWINNINGS
    assert count() == count(scope="all") == twinnings + TWINNINGS
    refused = client.get("/api/v1/relations", {"scope": "state"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "scope"
