"""ETag and Last-Modified on lists, details and exports; 304 when the client's copy is current."""

import pytest

from weltnetz.register.models import Relation

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/relations?facets=kind",
    "/api/v1/relations/1",
    "/api/v1/places",
    "/api/v1/relations.csv",
    "/api/v1/relations.geojson",
    "/api/v1/news",
    "/api/v1/feeds/news.atom",
    "/api/v1/anniversaries?year=2027",
]


@pytest.mark.parametrize("path", PATHS)
def test_matching_etag_answers_304(client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag and first["Last-Modified"]
    again = client.get(path, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_if_modified_since_answers_304(client):
    first = client.get("/api/v1/relations")
    again = client.get("/api/v1/relations", headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_different_queries_have_different_etags(client):
    assert client.get("/api/v1/relations?kind=cooperation")["ETag"] != client.get("/api/v1/relations")["ETag"]


def test_a_change_in_the_register_changes_the_etag_and_the_body(client):
    first = client.get("/api/v1/relations?country=JP")
    rel = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    rel.since_note = "seit 1989"
    rel.save()
    again = client.get("/api/v1/relations?country=JP", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["results"][0]["since_note"] == "seit 1989"


def test_bodies_are_reused_until_the_register_changes(client, monkeypatch):
    from weltnetz.api import caching

    monkeypatch.setattr(caching, "reuse_allowed", lambda: True)  # as outside a transaction, like a server
    built = []
    real_json_bytes = caching.json_bytes
    monkeypatch.setattr(caching, "json_bytes", lambda data: built.append(1) or real_json_bytes(data))
    first = client.get("/api/v1/relations?country=JP").json()
    assert client.get("/api/v1/relations?country=JP").json() == first
    assert len(built) == 1, "the second answer was built again instead of reused"
    # A bulk update bypasses save() and every signal; the database's triggers still change the version.
    Relation.objects.filter(country_code="JP").update(since_note="bulk")
    assert client.get("/api/v1/relations?country=JP").json()["results"][0]["since_note"] == "bulk"
    assert len(built) == 2


def test_large_answers_are_gzipped_for_clients_that_accept_it(client):
    import gzip
    import json

    plain = client.get("/api/v1/relations.geojson")
    packed = client.get("/api/v1/relations.geojson", headers={"accept-encoding": "gzip, deflate"})
    assert packed["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert json.loads(gzip.decompress(packed.content)) == plain.json()
    assert packed["ETag"] != plain["ETag"]
    again = client.get(
        "/api/v1/relations.geojson", headers={"accept-encoding": "gzip", "if-none-match": packed["ETag"]}
    )
    assert again.status_code == 304
