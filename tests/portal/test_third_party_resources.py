"""Nothing from third parties: no page references another host for a resource, and the CSP is sent."""

import re
from urllib.parse import urlparse

import pytest

from weltnetz.register.models import Agreement

pytestmark = pytest.mark.django_db

RESOURCE_PATTERNS = [
    r"<script\b[^>]*\bsrc=[\"']([^\"']+)",
    r"<link\b[^>]*\brel=[\"'][^\"']*(?:stylesheet|icon|preload|modulepreload|prefetch)[^\"']*[\"'][^>]*\bhref=[\"']([^\"']+)",
    r"<link\b[^>]*\bhref=[\"']([^\"']+)[^>]*\brel=[\"'][^\"']*(?:stylesheet|icon|preload|modulepreload|prefetch)",
    r"<img\b[^>]*\bsrc=[\"']([^\"']+)",
    r"\bsrcset=[\"']([^\"']+)",
    r"<source\b[^>]*\bsrc=[\"']([^\"']+)",
    r"<iframe\b[^>]*\bsrc=[\"']([^\"']+)",
    r"url\(\s*[\"']?([^\"')]+)",
    r"@import\s+[\"']([^\"']+)",
]


def external(html: str) -> list[str]:
    """Every resource URL in `html` that points to another host (or is protocol-relative)."""
    found = []
    for pattern in RESOURCE_PATTERNS:
        for match in re.findall(pattern, html, re.I):
            for url in [u.strip().split(" ")[0] for u in match.split(",")]:
                if url.startswith("//") or urlparse(url).netloc not in ("", "testserver"):
                    found.append(url)
    return found


def test_the_checker_catches_foreign_resources():
    assert external('<script src="https://cdn.example.com/x.js"></script>') == ["https://cdn.example.com/x.js"]
    assert external('<link rel="stylesheet" href="//fonts.example.com/a.css">')
    assert external('<div style="background:url(https://tiles.example.com/1.png)">')
    assert external('<img srcset="/a.png 1x, https://x.example/b.png 2x">') == ["https://x.example/b.png"]
    assert not external('<a href="https://www.facebook.com/sharer/sharer.php">share</a>')


def portal_urls() -> list[str]:
    agreement = Agreement.objects.get(title="Gemeinsame Absichtserklärung")
    return [
        "/de/",
        "/en/",
        "/de/partner/kanagawa/",
        "/en/partner/moskau/",
        "/de/karte/",
        "/de/zeitleiste/",
        "/de/beziehungen/",
        "/de/beziehungen/?kind=state_partnership",
        f"/de/vereinbarung/{agreement.pk}/",
        "/de/aktuelles/",
        "/de/aktuelles/baden-wuerttemberg-und-kanagawa-vertiefen-kooperation/",
        "/en/news/baden-wuerttemberg-and-kanagawa-deepen-cooperation/",
        "/de/impressum/",
        "/de/datenschutz/",
        "/de/barrierefreiheit/",
        "/de/suche/?q=Partnerschaften",
        "/de/partner/atlantis/",
        "/admin/login/",
    ]


def test_no_page_loads_anything_from_another_host(client):
    for url in portal_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert external(response.content.decode()) == [], url


def test_static_css_loads_nothing_from_another_host():
    from django.contrib.staticfiles import finders

    for name in ["portal/css/portal.css", "vendor/leaflet/leaflet.css"]:
        css = open(finders.find(name), encoding="utf-8").read()
        assert external(css) == [], name


def test_map_script_asks_no_tile_server():
    from django.contrib.staticfiles import finders

    js = open(finders.find("portal/js/map.js"), encoding="utf-8").read()
    assert "tileLayer" not in js and "http" not in js


@pytest.mark.parametrize("url", ["/de/", "/de/karte/", "/de/aktuelles/"])
def test_csp_allows_only_self(client, url):
    csp = client.get(url)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    for directive in ("default-src", "script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert "http" not in directives.get(directive, ""), directive


def test_pages_have_no_inline_scripts(client):
    for url in ["/de/", "/de/karte/", "/de/partner/kanagawa/"]:
        html = client.get(url).content.decode()
        for attrs, _body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs, url
