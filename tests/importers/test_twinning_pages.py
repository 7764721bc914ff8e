"""The portal's twinnings pages and the map's point data, after importing a small file."""

from __future__ import annotations

import gzip
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from weltnetz.register.models import Actor

pytestmark = pytest.mark.django_db

ROWS = """city1,country1,lat1,lng1,city2,country2,lat2,lng2
Karlsruhe,Germany,49.0092,8.404,Nancy,France,48.6936,6.1846
Karlsruhe,Germany,49.0092,8.404,Timișoara,Romania,45.7489,21.2087
Tübingen,Germany,48.52,9.0556,Aix-en-Provence,France,43.5283,5.4497
Dresden,Germany,51.05,13.74,Straßburg,France,48.5833,7.7458
Lyon,France,45.76,4.84,Birmingham,England,52.48,-1.9
Osaka,Japan,34.69,135.5,Chicago,United States,41.88,-87.63
"""


@pytest.fixture
def imported(tmp_path: Path) -> None:
    path = tmp_path / "twins.csv"
    path.write_text(ROWS, encoding="utf-8")
    call_command("import_twin_cities", str(path), stdout=StringIO(), stderr=StringIO())


def facet(html: str, label: str) -> str:
    """The count printed after a facet link with this label."""
    after = html.split(f">{label}</a>", 1)[1]
    return after.split('class="count">', 1)[1].split("<", 1)[0]


def test_list_counts_facets_by_partner_country_within_a_state(client, imported):
    response = client.get("/de/staedtepartnerschaften/", {"state": "DE-BW"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="status">3 ' in html
    assert facet(html, "Frankreich") == "2" and facet(html, "Rumänien") == "1"
    assert facet(html, "Baden-Württemberg") == "3"
    assert "Dresden" not in html.split('class="tw-results"', 1)[1]


def test_list_filters_by_country_on_either_side_and_by_town_name(client, imported):
    html = client.get("/de/staedtepartnerschaften/", {"country": "FR"}).content.decode()
    assert all(name in html for name in ("Nancy", "Aix-en-Provence", "Straßburg", "Birmingham"))
    assert "Osaka" not in html
    html = client.get("/en/staedtepartnerschaften/", {"q": "karlsruhe"}).content.decode()
    assert 'role="status">2 ' in html and "Timișoara" in html


def test_list_refuses_unknown_filter_values(client, imported):
    response = client.get("/de/staedtepartnerschaften/", {"continent": "atlantis", "state": "XX-1"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_town_page_lists_twins_with_map_data(client, imported):
    karlsruhe = Actor.objects.get(name="Karlsruhe", kind="municipality")
    response = client.get(f"/de/ort/{karlsruhe.slug}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Baden-Württemberg" in html
    assert "Nancy" in html and "Timișoara" in html and 'id="h-twins">2 ' in html
    points = json.loads(html.split('id="town-points" type="application/json">', 1)[1].split("</script>", 1)[0])
    assert points["town"][:2] == [49.0092, 8.404] and len(points["twins"]) == 2


def test_points_are_one_compressed_array_revalidated_by_etag(client, imported):
    response = client.get("/de/staedtepartnerschaften/orte.json", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    points = json.loads(gzip.decompress(response.content))
    nancy = Actor.objects.get(name="Nancy")
    assert [nancy.pk, 48.6936, 6.1846] in points and len(points) == 11
    again = client.get("/de/staedtepartnerschaften/orte.json", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    plain = client.get("/de/staedtepartnerschaften/orte.json")
    assert json.loads(plain.content) == points


def test_map_page_loads_self_hosted_scripts_only(client, imported):
    html = client.get("/de/staedtepartnerschaften/karte/").content.decode()
    assert "supercluster.min" in html and "vendor/leaflet/leaflet" in html
    assert 'src="http' not in html and 'href="http' not in html


def test_api_relations_by_country_on_either_side(client, imported):
    data = client.get("/api/v1/relations", {"kind": "municipal_partnership", "place_country": "JP"}).json()
    assert data["count"] == 1 and {data["results"][0]["home"]["name"], data["results"][0]["partner"]["name"]} == {
        "Osaka",
        "Chicago",
    }
    data = client.get("/api/v1/relations", {"kind": "municipal_partnership", "place_country": "ZZ"})
    assert data.status_code == 404  # well formed, but no such country


def test_api_counts_twinnings_by_german_state(client, imported):
    data = client.get(
        "/api/v1/relations", {"kind": "municipal_partnership", "facets": "state,country", "state": "DE-BW"}
    ).json()
    assert {"value": "DE-BW", "count": 3} in data["facets"]["state"]
    assert {"value": "FR", "count": 2} in data["facets"]["country"]


def test_odd_queries_get_an_answer_not_an_error(client, imported):
    for params in ({"q": "Karls\x00ruhe"}, {"q": "x" * 5000}, {"q": '"*NEAR(-:)'}, {"page": "999"}, {"page": "x"}):
        assert client.get("/de/staedtepartnerschaften/", params).status_code == 200
    assert client.get("/de/staedtepartnerschaften/", {"country": "F"}).status_code == 400
    assert client.get("/de/ort/gibt-es-nicht/").status_code == 404


def test_twinnings_cite_their_line_and_say_once_what_the_file_does_not_state(client, imported):
    """Issue #8: status, category and start year appear where the file states them; where it does not, the page
    says so once (not "nicht angegeben" on every row); every twinning cites its line of the file."""
    karlsruhe = Actor.objects.get(name="Karlsruhe", kind="municipality")
    html = client.get(f"/de/ort/{karlsruhe.slug}/").content.decode()
    assert "twins.csv, Zeile 2" in html and "twins.csv, Zeile 3" in html
    assert html.count("nennt die Quelle sie nicht") == 1 and "nicht angegeben" not in html
    listing = client.get("/de/staedtepartnerschaften/").content.decode()
    assert listing.count("nennt die Quelle sie nicht") == 1
    assert listing.count("Städtepartnerschaften: twins.csv") == 1  # the source, named once under the table


def test_a_file_with_status_and_category_shows_them(client, tmp_path: Path):
    path = tmp_path / "verband.csv"
    path.write_text(
        "city1,country1,city2,country2,category,since,status\n"
        "Tübingen,Germany,Aix-en-Provence,France,Partnerschaft,1960,aktiv\n",
        encoding="utf-8",
    )
    call_command("import_twin_cities", str(path), stdout=StringIO(), stderr=StringIO())
    tuebingen = Actor.objects.get(name="Tübingen", kind="municipality")
    html = client.get(f"/de/ort/{tuebingen.slug}/").content.decode()
    row = html.split("Aix-en-Provence</a></th>", 1)[1].split("</tr>", 1)[0]
    assert "Partnerschaft" in row and "1960" in row and "aktiv" in row
    assert "nennt die Quelle sie nicht" not in html


def test_large_counts_are_grouped_as_each_language_writes_them(client, tmp_path: Path):
    """24,673 twinnings read "24.673 Partnerschaften" in German and "24,673 twinnings" in English."""
    lines = [ROWS.splitlines()[0]]
    lines += [f"Ort{i},Germany,49.0,8.4,Ville{i},France,48.0,6.0" for i in range(1001)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_twin_cities", str(path), stdout=StringIO(), stderr=StringIO())
    german = client.get("/de/staedtepartnerschaften/").content.decode()
    english = client.get("/en/staedtepartnerschaften/").content.decode()
    assert re.search(r'role="status">1\.0\d\d Partnerschaften', german)
    assert re.search(r'role="status">1,0\d\d twinnings', english)
