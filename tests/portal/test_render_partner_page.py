"""A partner's page: relations with status history and sources, agreements, topics, news, anniversary."""

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_moscow_shows_dormant_status_history_and_source_passage(page):
    body = text(page("/de/partner/moskau/"))
    assert "Moskau" in body
    assert "Landespartnerschaft" in body
    assert "Statusverlauf" in body
    history = body.split("Statusverlauf", 1)[1]
    assert "aktiv ab 2007" in history
    assert "ruht" in history
    assert history.index("aktiv ab 2007") < history.index("ruht (seit wann unbekannt)")  # time order
    assert "Baden-Württemberg in der Welt" in body  # the source's title
    assert "Moskau seit 2007) – ruhen derzeit" in history  # the quoted passage that states the rest
    assert "Nächstes rundes Jubiläum" not in body  # a resting partnership has no anniversary to plan


def test_moscow_in_english(page):
    body = text(page("/en/partner/moskau/"))
    assert "Moscow" in body
    assert "State partnership" in body
    assert "dormant" in body
    assert "Status history" in body


def test_kanagawa_agreement_signatories_place_date_topics_news_anniversary(page):
    body = text(page("/de/partner/kanagawa/"))
    assert "Gemeinsame Absichtserklärung" in body
    assert "17. Juli 2024" in body
    assert "Stuttgart" in body
    assert "Winfried Kretschmann" in body and "Yuji Kuroiwa" in body
    for topic in ["Energie", "Robotik", "Künstliche Intelligenz", "Gesundheit"]:
        assert topic in body
    assert "Baden-Württemberg und Kanagawa vertiefen Kooperation" in body  # related news
    assert "Nächstes rundes Jubiläum" in body
    year = dt.date.today().year
    next_year = year + (5 - (year - 1989) % 5) % 5
    assert f"{next_year}: {next_year - 1989} Jahre Landespartnerschaft" in body


def test_agreement_register_entry(page, client):
    from weltnetz.register.models import Agreement

    agreement = Agreement.objects.get(title="Gemeinsame Absichtserklärung")
    body = text(page(f"/de/vereinbarung/{agreement.pk}/"))
    assert "Noch keine Datei veröffentlicht." in body
    assert "Zum 35-jährigen Jubiläum der Partnerschaft" in body
    assert client.get("/de/vereinbarung/999999/").status_code == 404


def test_unknown_partner_is_404(client):
    response = client.get("/de/partner/atlantis/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_partner_page_embeds_json_ld(page):
    import json

    html = page("/de/partner/kanagawa/")
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(block)
    assert "Kanagawa" in json.dumps(data, ensure_ascii=False)


def test_a_town_page_lists_relations_on_either_side(page, client):
    """A town known only from a twinning has its town page (the partner page sends it there), whichever side the
    convention made home."""
    from weltnetz.register.models import Actor, Relation

    a = Actor.objects.create(
        slug="reutlingen",
        kind="municipality",
        name="Reutlingen",
        country_code="DE",
        subdivision_code="DE-BW",
        continent="europe",
    )
    b = Actor.objects.create(slug="aarau", kind="municipality", name="Aarau", country_code="CH", continent="europe")
    Relation.objects.create(kind="municipal_partnership", home=a, partner=b, live=True)
    for slug, other in [("reutlingen", "Aarau"), ("aarau", "Reutlingen")]:
        assert client.get(f"/de/partner/{slug}/")["Location"] == f"/de/ort/{slug}/"
        assert other in text(page(f"/de/ort/{slug}/"))
    assert "Aarau" not in text(page("/de/"))  # the overview leaves town twinnings out
