"""Every public page type in a real browser: no console error or CSP violation, no axe-core WCAG 2.1 A/AA
violation, at 1280 px and on a 390 px phone; the screenshots of the main pages are written as well."""

from io import StringIO

import pytest
from django.core.management import call_command

from browser.support import PHONE
from weltnetz.portal.models import NewsPage
from weltnetz.register.models import Actor, Agreement

TWINS = """city1,country1,lat1,lng1,city2,country2,lat2,lng2
Karlsruhe,Germany,49.0092,8.404,Nancy,France,48.6936,6.1846
Karlsruhe,Germany,49.0092,8.404,Timișoara,Romania,45.7489,21.2087
Tübingen,Germany,48.52,9.0556,Aix-en-Provence,France,43.5283,5.4497
Halle,Germany,51.48,11.97,Karlsruhe,Germany,49.0092,8.404
Osaka,Japan,34.69,135.5,Chicago,United States,41.88,-87.63
"""


@pytest.fixture
def twinnings(tmp_path):
    path = tmp_path / "twins.csv"
    path.write_text(TWINS, encoding="utf-8")
    call_command("import_twin_cities", str(path), stdout=StringIO(), stderr=StringIO())


def pages() -> dict[str, str]:
    news = NewsPage.objects.live().filter(locale__language_code="de").first()
    agreement = Agreement.objects.get(partner__slug="kanagawa", title="Gemeinsame Absichtserklärung")
    return {
        "overview": "/de/",
        "partner": "/de/partner/kanagawa/",
        "agreement": f"/de/vereinbarung/{agreement.pk}/",
        "map": "/de/karte/",
        "timeline": "/de/zeitleiste/",
        "relations": "/de/beziehungen/?continent=asia",
        "search": "/de/suche/?q=Partnerschaft",
        "news-index": "/de/aktuelles/",
        "news": news.url,
        "imprint": "/de/impressum/",
        "accessibility": "/de/barrierefreiheit/",
        "twinnings": "/de/staedtepartnerschaften/",
        "twinnings-map": "/de/staedtepartnerschaften/karte/",
        "town": f"/de/ort/{Actor.objects.get(name='Karlsruhe', kind='municipality').slug}/",
        "overview-en": "/en/",
        "partner-en": "/en/partner/kanagawa/",
        "open-data": "/de/offene-daten/",
        "open-data-en": "/en/offene-daten/",
        "news-en": "/en/news/baden-wuerttemberg-and-kanagawa-deepen-cooperation/",
        "relations-as-of": "/de/beziehungen/?as_of=2015-06-30&status=active",
    }


MAIN = {"overview", "partner", "map", "news", "twinnings", "town", "relations"}
NAMES = [
    "overview", "partner", "agreement", "map", "timeline", "relations", "search", "news-index", "news", "imprint",
    "accessibility", "twinnings", "twinnings-map", "town", "overview-en", "partner-en", "open-data", "open-data-en",
    "news-en", "relations-as-of",
]  # fmt: skip


def settle(page) -> None:
    """Wait until maps have drawn (their scripts mark the element) and fonts and images are in."""
    page.wait_for_load_state("networkidle")
    if page.locator(".leaflet-container").count():
        page.wait_for_selector(".leaflet-container path, .leaflet-marker-icon, .leaflet-container canvas")


@pytest.mark.parametrize("name", NAMES)
def test_public_page_is_accessible_on_desktop_and_phone(name, open_page, twinnings, axe, screenshot):
    url = pages()[name]
    for viewport in (None, PHONE):
        page = open_page(viewport=viewport)
        page.goto(url)
        settle(page)
        axe(page)
        if name in MAIN:
            screenshot(page, name)


def test_not_found_page_is_accessible(page, axe):
    page.problems.allow(r"HTTP 404 for document")
    response = page.goto("/de/partner/gibt-es-nicht/")
    assert response.status == 404
    assert page.locator("h1").inner_text()
    axe(page)
