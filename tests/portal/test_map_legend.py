"""The map explains its marker colours and places every entry where it is."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def markers(html: str) -> list[dict]:
    found = re.search(r'<script id="map-markers" type="application/json">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found[1])


def test_legend_names_the_colour_of_every_kind_on_the_map(client):
    html = client.get("/en/karte/").content.decode()
    legend = html[html.index('class="map-legend"') : html.index("</figure>")]
    used = {m["colour"] for m in markers(html)}
    shown = set(re.findall(r"background: (#[0-9a-f]{6})", legend))
    assert used == shown
    for label in ("State partnership", "Institution", "Representation abroad"):
        assert label in legend


def test_german_american_institutes_are_in_germany_and_serve_the_usa(client):
    html = client.get("/en/karte/").content.decode()
    institutes = [m for m in markers(html) if m["kind"] == "institution"]
    assert len(institutes) == 4
    for marker in institutes:
        assert marker["country"] == "Germany"
        assert 47 < marker["lat"] < 50 and 7 < marker["lon"] < 10  # in Baden-Württemberg
        assert [r["serves"] for r in marker["relations"]] == ["United States"]
    row = html[html.index(">German-American Institute Heidelberg</a>") :]
    row = row[: row.index("</tr>")]
    assert "Germany" in row and "serves: United States" in row
    assert "United States</td>" not in row
