"""The OpenAPI description and the documentation page, whose assets come from this site only."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_describes_every_resource(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for path in [
        "/api/v1/relations",
        "/api/v1/relations/{relation_id}",
        "/api/v1/places",
        "/api/v1/places/{place_id}",
        "/api/v1/agreements",
        "/api/v1/news",
        "/api/v1/topics",
        "/api/v1/anniversaries",
        "/api/v1/relations.csv",
        "/api/v1/relations.geojson",
        "/api/v1/places/{place_id}.jsonld",
    ]:
        assert path in paths
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())  # read-only


def test_docs_page_loads_nothing_from_other_hosts(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and any("swagger-ui-bundle" in r for r in refs)
    assert all(r.startswith("/static/") for r in refs), refs
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_write_endpoints(client, method):
    response = getattr(client, method)("/api/v1/relations/1")
    assert response.status_code == 405
    assert getattr(client, method)("/api/v1/relations").status_code == 405
