"""Every refusal has one JSON shape naming the field and the reason; nothing answers 500."""

import pytest

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, field: str, *words: str) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    if status == 400 or field != "path":
        assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert list(body) == ["errors"]
    [error] = body["errors"]
    assert set(error) == {"field", "reason"}
    assert error["field"] == field
    for word in words:
        assert word in error["reason"]
    return error["reason"]


@pytest.mark.parametrize(
    ("path", "field", "words"),
    [
        ("/api/v1/relations?kind=friendship", "kind", ["friendship", "state_partnership"]),
        ("/api/v1/relations?status=sleeping", "status", ["sleeping"]),
        ("/api/v1/relations?country=FRA", "country", ["FRA", "ISO 3166-1"]),
        ("/api/v1/relations?kind=state_partnership,", "kind", ["empty item"]),
        ("/api/v1/relations?continent=atlantis", "continent", ["atlantis"]),
        ("/api/v1/relations?topic=knitting", "topic", ["knitting"]),
        ("/api/v1/relations?home=no%20where", "home", ["no where"]),
        ("/api/v1/relations?state=DE_BW", "state", ["DE_BW"]),
        ("/api/v1/relations?facets=colour", "facets", ["colour"]),
        ("/api/v1/relations?ordering=-colour", "ordering", ["colour"]),
        ("/api/v1/relations?as_of=2015-02-30", "as_of", ["date"]),
        ("/api/v1/relations?as_of=yesterday", "as_of", []),
        ("/api/v1/relations?since_from=abc", "since_from", ["integer"]),
        ("/api/v1/places?kind=planet", "kind", ["planet"]),
        ("/api/v1/agreements?date_from=17.07.2024", "date_from", []),
        ("/api/v1/anniversaries?year=twenty", "year", ["integer"]),
        ("/api/v1/agreements?date_to=0", "date_to", ["YYYY-MM-DD"]),
    ],
)
def test_unknown_or_malformed_filter_values_are_refused(client, path, field, words):
    assert_error(client.get(path), 400, field, *words)


@pytest.mark.parametrize(
    ("path", "field", "words"),
    [
        ("/api/v1/relations?country=XX", "country", ["XX", "ISO 3166-1"]),
        ("/api/v1/relations?place_country=FR,QQ", "place_country", ["QQ"]),
        ("/api/v1/relations?state=DE-XX", "state", ["DE-XX"]),
        ("/api/v1/relations?home=nowhere", "home", ["nowhere"]),
    ],
)
def test_well_formed_references_to_nothing_are_not_found(client, path, field, words):
    assert_error(client.get(path), 404, field, *words)


def test_page_size_over_the_limit_names_the_limit(client):
    assert_error(client.get("/api/v1/relations?page_size=501"), 400, "page_size", "500")


def test_page_past_the_end(client):
    reason = assert_error(client.get("/api/v1/relations?page=99"), 404, "page", "99")
    assert "last page (1)" in reason


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/relations/abc", "relation_id"),
        ("/api/v1/places/1.5", "place_id"),
        ("/api/v1/agreements/x", "agreement_id"),
        ("/api/v1/news/%20", "news_id"),
        ("/api/v1/relations/99999999999999999999", "relation_id"),
    ],
)
def test_non_integer_ids_are_refused(client, path, field):
    assert_error(client.get(path), 400, field)


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/relations/999999", "relation_id"),
        ("/api/v1/places/999999", "place_id"),
        ("/api/v1/agreements/999999", "agreement_id"),
        ("/api/v1/news/999999", "news_id"),
        ("/api/v1/topics/knitting", "slug"),
    ],
)
def test_missing_records_are_404_not_a_redirect(client, path, field):
    assert_error(client.get(path), 404, field, "999999" if field != "slug" else "knitting")


def test_unknown_endpoint_is_a_json_404(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "path", "/api/v1/nothing-here")


@pytest.mark.parametrize("path", ["/api/v1/api/v1/topics/a%0Ab", "/api/v1/nothing%0D%0Ahere", "/api/%09"])
def test_unknown_paths_with_control_characters_are_a_json_404(client, path):
    assert_error(client.get(path), 404, "path")
