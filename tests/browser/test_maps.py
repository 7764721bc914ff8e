"""The maps as keyboard and screen-reader users and sighted visitors meet them (what axe-core cannot judge)."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from weltnetz.register.models import Actor

# Karlsruhe's twins here all lie inland, where the country shapes cover the map.
TWINS = """city1,country1,lat1,lng1,city2,country2,lat2,lng2
Karlsruhe,Germany,49.0092,8.404,Nancy,France,48.6936,6.1846
Karlsruhe,Germany,49.0092,8.404,Timișoara,Romania,45.7489,21.2087
Karlsruhe,Germany,49.0092,8.404,Halle,Germany,51.48,11.97
"""

FIRST_FOCUSABLE = """el => {
  const f = el.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
  return f ? f.className + '|' + (f.getAttribute('title') || '') + '|' + (f.getAttribute('aria-label') || '') : null;
}"""


@pytest.fixture
def karlsruhe(tmp_path) -> Actor:
    path = tmp_path / "twins.csv"
    path.write_text(TWINS, encoding="utf-8")
    call_command("import_twin_cities", str(path), stdout=StringIO(), stderr=StringIO())
    return Actor.objects.get(name="Karlsruhe", kind="municipality")


def test_partner_map_controls_come_first_speak_german_and_markers_leave_the_path_to_the_table(page):
    page.goto("/de/karte/")
    page.wait_for_selector("#map path.leaflet-interactive")
    first = page.locator("#map").evaluate(FIRST_FOCUSABLE)
    assert first.startswith("leaflet-control-zoom-in") and "Vergrößern" in first
    assert page.locator("#map .leaflet-control-zoom-out").get_attribute("title") == "Verkleinern"
    # Markers are out of the tab order; the table below the map links every one of them.
    assert page.locator("#map path[tabindex], #map .leaflet-marker-icon[tabindex='0']").count() == 0
    markers = page.evaluate("JSON.parse(document.getElementById('map-markers').textContent).length")
    assert page.locator("table.data tbody tr a").count() >= markers
    assert "Tabelle" in page.locator("#map-note").inner_text()
    # A popup's close button is named in German.
    page.locator("#map path.leaflet-interactive").first.click(force=True)
    close = page.locator(".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == "Popup schließen"


def test_english_map_controls_speak_english(open_page):
    page = open_page(locale="en-GB")
    page.goto("/en/karte/")
    page.wait_for_selector("#map .leaflet-control-zoom-in")
    assert page.locator("#map .leaflet-control-zoom-in").get_attribute("title") == "Zoom in"


def test_twinnings_map_controls_come_first_and_cluster_markers_have_names(page, karlsruhe):
    page.goto("/de/staedtepartnerschaften/karte/")
    page.wait_for_selector("#twin-map[data-drawn-ms]")
    first = page.locator("#twin-map").evaluate(FIRST_FOCUSABLE)
    assert first.startswith("leaflet-control-zoom-in") and "Vergrößern" in first
    for marker in page.locator("#twin-map .leaflet-marker-icon[tabindex='0']").all():
        assert marker.get_attribute("title"), "a focusable marker without a name"


def red_pixels(png: bytes) -> int:
    """Pixels of the twin markers' and lines' red (#a10000, also blended with the land colour by the lines)."""
    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()  # r, g, b, r, g, b, ...
    return sum(1 for i in range(0, len(data), 3) if data[i] > 140 and data[i + 1] < 90 and data[i + 2] < 90)


def test_town_map_draws_twins_and_lines_above_the_country_shapes(page, karlsruhe):
    page.goto(f"/de/ort/{karlsruhe.slug}/")
    page.wait_for_selector("#town-map .leaflet-pane svg path", state="attached")  # the shapes are in
    page.wait_for_load_state("networkidle")
    assert page.locator("#town-map").get_attribute("role") != "img"  # it holds interactive controls
    assert page.locator("[role=img] a, [role=img] button, [role=img] [tabindex]").count() == 0
    assert red_pixels(page.locator("#town-map").screenshot()) > 100
