"""The "Offene Daten" page, sitemap.xml and robots.txt."""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

from weltnetz.register.opendata import DATASETS

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_open_data_page_lists_every_dataset_with_formats_licence_date_and_examples(client):
    response = client.get("/de/offene-daten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in html
    assert "https://www.govdata.de/dl-de/by-2-0" in html
    assert "© Staatsministerium Baden-Württemberg" in html  # the attribution to give
    for dataset in DATASETS:
        section = html[html.index(f'id="{dataset.key}"') :]
        section = unescape(section[: section.index("</section>")])
        assert dataset.title in section
        for dist in dataset.distributions:
            assert f'href="{dist.path}"' in section
            if dist.example:
                assert f'href="{dist.example}"' in section
        assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', section)
    assert 'href="/api/v1/catalog"' in html and 'href="/api/v1/datapackage.json"' in html
    third = unescape(html[html.index('id="third-party"') :])
    assert "Daten Dritter" in third and "Städtepartnerschaften" in third
    assert "Lizenz: MIT, Copyright (c)" in third and "Permission is hereby granted" in third  # MIT's notice


def test_open_data_page_in_english(client):
    html = client.get("/en/offene-daten/").content.decode()
    assert "<h1>Open data</h1>" in html
    assert "International relations" in html
    assert "Data from third parties" in html and "Town twinnings" in html
    assert 'lang="de"' in html  # the licence's German name is marked as German


def test_every_example_call_answers(client):
    for dataset in DATASETS:
        for dist in dataset.distributions:
            for url in filter(None, [dist.path, dist.example]):
                if url.endswith(".jsonld"):
                    continue  # a place id; covered by the API tests
                assert client.get(url).status_code == 200, url


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_index_and_sections(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SM}loc")]
    assert {s.rsplit("/", 1)[-1] for s in sections} >= {
        "sitemap-pages.xml",
        "sitemap-partners.xml",
        "sitemap-views.xml",
    }
    urls = []
    for section in sections:
        response = client.get(section.removeprefix("http://testserver"))
        assert response.status_code == 200
        urls += [loc.text for loc in ET.fromstring(response.content).iter(f"{SM}loc")]
    paths = {re.sub(r"^https?://[^/]+", "", u) for u in urls}
    assert {"/de/", "/de/impressum/", "/de/offene-daten/", "/en/offene-daten/", "/de/partner/kanagawa/"} <= paths
    assert "/en/partner/kanagawa/" in paths
