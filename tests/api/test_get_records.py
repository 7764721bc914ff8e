"""Detail routes: a relation with its history and sources, a place with both sides, agreements, news, topics."""

import pytest

from weltnetz.register.models import Actor, Relation

pytestmark = pytest.mark.django_db


def test_relation_detail_has_status_history_and_sources(get_json):
    rel = Relation.objects.get(partner__slug="moskau", kind="state_partnership")
    status, body = get_json(f"/api/v1/relations/{rel.pk}")
    assert status == 200
    assert [h["status"] for h in body["status_history"]] == ["active", "dormant"]
    assert body["status_history"][0]["date"] == "2007-01-01"
    assert body["status_history"][0]["precision"] == "year"
    dormant = body["status_history"][1]
    assert dormant["date"] is None
    assert "ruhen derzeit" in dormant["sources"][0]["passage"]
    assert dormant["sources"][0]["source"]["title"]
    assert body["sources"] and body["sources"][0]["field"] == "record"
    assert body["status"] == "dormant"


def test_relation_detail_lists_its_agreements(get_json):
    rel = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    _, body = get_json(f"/api/v1/relations/{rel.pk}")
    assert any(a["date"] == "2024-07-17" for a in body["agreements"])


def test_draft_relations_are_not_public(get_json):
    rel = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    Relation.objects.filter(pk=rel.pk).update(live=False)
    status, _ = get_json(f"/api/v1/relations/{rel.pk}")
    assert status == 404
    _, listing = get_json("/api/v1/relations?country=JP")
    assert rel.pk not in [r["id"] for r in listing["results"]]


def test_place_detail_shows_relations_on_either_side(get_json):
    home = Actor.objects.get(slug="baden-wuerttemberg")
    _, body = get_json(f"/api/v1/places/{home.pk}")
    assert body["is_home"] is True
    assert len(body["relations"]) >= 30
    assert {r["role"] for r in body["relations"]} == {"home"}
    kanagawa = Actor.objects.get(slug="kanagawa")
    _, partner = get_json(f"/api/v1/places/{kanagawa.pk}")
    assert {r["role"] for r in partner["relations"]} == {"partner"}
    assert partner["relations"][0]["other"]["slug"] == "baden-wuerttemberg"
    assert partner["portal_url"].endswith("/partner/kanagawa/")


def test_place_list_filters(get_json):
    _, body = get_json("/api/v1/places?country=CN&kind=region")
    assert {p["slug"] for p in body["results"]} == {"liaoning", "jiangsu"}
    _, by_name = get_json("/api/v1/places?q=Kanagawa")
    assert "kanagawa" in {p["slug"] for p in by_name["results"]}
    _, state = get_json("/api/v1/places?state=DE-BW")
    assert all(p["subdivision"] == "DE-BW" for p in state["results"]) and state["count"] >= 1


def test_agreement_list_and_detail(get_json):
    _, body = get_json("/api/v1/agreements?partner=kanagawa")
    [agreement] = [a for a in body["results"] if a["date"] == "2024-07-17"]
    assert agreement["place"]["slug"] == "stuttgart"
    _, detail = get_json(agreement["url"])
    assert detail["signatories"]
    assert detail["sources"]
    assert "robotics" in detail["topics"]


def test_news_list_and_detail(get_json):
    _, body = get_json("/api/v1/news")
    assert body["count"] >= 1
    item = body["results"][0]
    assert item["title"] and item["date"] and item["page_url"].startswith("http")
    assert "kanagawa" in item["partners"]
    _, detail = get_json(item["url"])
    assert any(b["type"] == "paragraph" and b["value"]["html"] for b in detail["body"])
    assert any(b["type"] == "quote" and b["value"]["attribution"] for b in detail["body"])


def test_unpublished_news_stays_private(get_json):
    from weltnetz.portal.models import NewsPage

    page = NewsPage.objects.live().first()
    page.unpublish()
    status, _ = get_json(f"/api/v1/news/{page.pk}")
    assert status == 404
    _, body = get_json("/api/v1/news")
    assert page.pk not in [n["id"] for n in body["results"]]


def test_topics(get_json):
    _, body = get_json("/api/v1/topics?page_size=100")
    assert body["count"] == 20
    energy = next(t for t in body["results"] if t["slug"] == "energy")
    assert energy["name"] == "Energie" and energy["name_en"] == "Energy" and energy["relations"] >= 1
    _, detail = get_json("/api/v1/topics/energy")
    assert len(detail["relation_ids"]) == energy["relations"]


def test_anniversaries_by_year_are_round(get_json):
    _, body = get_json("/api/v1/anniversaries?year=2027")
    assert body["count"] == len(body["results"]) > 0
    for a in body["results"]:
        assert a["year"] == 2027 and a["age"] % 5 == 0 and a["age"] == 2027 - a["relation"]["since"]
    liaoning = [a for a in body["results"] if a["relation"]["partner"]["slug"] == "liaoning"]
    assert liaoning and liaoning[0]["age"] == 45


def test_anniversaries_within_days(get_json):
    import datetime as dt

    _, body = get_json("/api/v1/anniversaries?within_days=730")
    this_year = dt.date.today().year
    assert all(this_year <= a["year"] <= this_year + 2 for a in body["results"])
    assert all(a["age"] % 5 == 0 for a in body["results"])
    _, none = get_json("/api/v1/anniversaries?within_days=0")
    assert none["count"] <= body["count"]
