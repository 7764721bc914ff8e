"""The overview page is generated from the register: counted partnerships, continents, years, status."""

import re

import pytest

from weltnetz.portal.numbers import number_word
from weltnetz.register.models import Actor, Relation, StatusChange, home_region

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    """The visible text of a page, whitespace collapsed, for assertions a reader would make."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_german_overview_counts_state_partnerships_in_words(page):
    body = text(page("/de/"))
    assert "zwölf Landespartnerschaften" in body
    assert "Drei davon ruhen derzeit." in body
    assert "In der ganzen Welt vernetzt" in body


def test_english_overview_is_english(page):
    body = text(page("/en/"))
    assert "twelve state partnerships" in body
    assert "Connected around the world" in body
    assert "Offices abroad" in body
    assert "Landespartnerschaften" not in body


def test_partners_grouped_by_continent_with_years_and_status(page):
    html = page("/de/")
    asia = html.split('<h3 id="h-cont-2">')[1].split("</section>")[0]
    assert "Asien" in asia
    assert re.search(r'href="/de/partner/kanagawa/">Kanagawa</a>.*?seit 1989', asia, re.S)
    europe = html.split('<h3 id="h-cont-1">')[1].split("</section>")[0]
    moscow = europe.split('href="/de/partner/moskau/"')[1].split("</li>")[0]
    assert "seit 2007" in moscow and "ruht" in moscow
    lodz = europe.split('href="/de/partner/lodzkie/"')[1].split("</li>")[0]
    assert "ruht" not in lodz
    assert "Anfang der 80er Jahre" in text(html)  # Burundi, whose year the source does not give


def test_sections_for_neighbours_networks_institutions_offices(page):
    body = text(page("/de/"))
    for heading, member in [
        ("Nachbarn und weitere Kooperationen", "Schweiz"),
        ("Netzwerke", "Under2 Coalition"),
        ("Institutionen", "Deutsch-Amerikanisches Institut Tübingen"),
        ("Büros im Ausland", "German Centre Singapur"),
    ]:
        assert heading in body
        assert member in body.split(heading, 1)[1]


def test_count_follows_the_register(page):
    new = Actor.objects.create(slug="bretagne", kind="region", name="Bretagne", country_code="FR", continent="europe")
    relation = Relation.objects.create(kind="state_partnership", home=home_region(), partner=new, since=2025, live=True)
    StatusChange.objects.create(relation=relation, status="active", date="2025-01-01")
    relation.refresh_status()
    assert "dreizehn Landespartnerschaften" in text(page("/de/"))
    assert "thirteen state partnerships" in text(page("/en/"))


def test_editor_intro_is_shown(page):
    from weltnetz.portal.models import HomePage

    home = HomePage.objects.get(locale__language_code="de")
    home.intro = "<p>Willkommen im Register.</p>"
    home.save_revision().publish()
    assert "Willkommen im Register." in page("/de/")


@pytest.mark.parametrize(
    ("n", "lang", "word"),
    [
        (1, "de", "eine"),
        (3, "de", "drei"),
        (12, "de", "zwölf"),
        (12, "en", "twelve"),
        (25, "de", "25"),
        (1200, "de", "1.200"),
    ],
)
def test_number_words(n, lang, word):
    assert number_word(n, lang) == word


def test_national_park_partnership_of_a_body_inside_the_region_is_listed(page):
    html = page("/de/")
    coop = html.split('id="h-coop"')[1].split("</section>")[0]
    assert "Nationalpark-Partnerschaft" in coop and "seit 2017" in coop
    assert '<time datetime="2017">' in page("/de/zeitleiste/")
