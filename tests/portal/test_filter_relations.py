"""The relation list's filters, the map's data and table, and the timeline."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def rows(html: str) -> list[str]:
    """The partner names in the result table, in order."""
    tbody = html.split("<tbody>")[1].split("</tbody>")[0]
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r'<th scope="row">(.*?)</th>', tbody, re.S)]


def test_filter_by_kind_and_status(page):
    html = page("/de/beziehungen/?kind=state_partnership&status=dormant")
    assert sorted(rows(html)) == ["Moskau", "St. Petersburg", "Swerdlowsker Gebiet"]
    assert "3 Beziehungen" in html


def test_filter_by_country_continent_topic(page):
    assert rows(page("/de/beziehungen/?kind=state_partnership&country=CN")) == ["Jiangsu", "Liaoning"]
    africa = rows(page("/de/beziehungen/?continent=africa"))
    assert sorted(africa) == ["Burundi", "KwaZulu Natal"]
    assert "Kanagawa" in rows(page("/de/beziehungen/?topic=robotics"))


def test_filter_form_has_labelled_selects(page):
    html = page("/de/beziehungen/")
    for name in ["kind", "country", "continent", "topic", "status"]:
        assert re.search(rf'<label for="id_{name}">[^<]+</label>\s*<select name="{name}"[^>]*id="id_{name}"', html)


def test_unknown_filter_value_is_a_clear_400(client):
    response = client.get("/de/beziehungen/?status=vielleicht")
    assert response.status_code == 400
    assert "Status" in response.content.decode()
    assert "vielleicht" in response.content.decode()


def test_pagination(page):
    html = page("/de/beziehungen/")
    assert "Seite 1 von 2" in html
    assert 'href="?page=2"' in html
    second = page("/de/beziehungen/?page=2")
    assert set(rows(html)).isdisjoint(rows(second)) or len(rows(second)) < 25
    kept = page("/de/beziehungen/?kind=cooperation&page=1")
    assert "Seite" not in kept.split("<tbody>")[1]


def test_map_has_markers_json_leaflet_and_table(page):
    html = page("/de/karte/")
    markers = json.loads(html.split('<script id="map-markers" type="application/json">')[1].split("</script>")[0])
    by_name = {m["name"]: m for m in markers}
    assert by_name["Kanagawa"]["lat"] == pytest.approx(35.45)
    assert by_name["Kanagawa"]["url"] == "/de/partner/kanagawa/"
    assert "Singapur" in by_name  # an office abroad
    assert '/static/vendor/leaflet/leaflet.js"' in html
    assert 'data-shapes="/static/portal/geo/countries-110m.geojson"' in html
    table = html.split("<table")[1]
    assert "German Centre Singapur" in table and "Kanagawa" in table


def test_timeline_orders_by_start_year(page):
    html = page("/de/zeitleiste/")
    years = [int(y) for y in re.findall(r'<time datetime="(\d{4})">', html)]
    assert years == sorted(years)
    assert years[0] == 1982
    section_1989 = html.split('<time datetime="1989">')[1].split("</li>\n  \n")[0]
    assert "Kanagawa" in section_1989
    assert "Anfang der 80er Jahre" in html
