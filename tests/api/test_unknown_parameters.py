"""A query parameter an endpoint does not declare is refused with 400 in the one error shape (issue #14).

Every parameter is part of the answer cache's key: were unknown ones accepted, `&x=1`, `&x=2` ... would each
compute the answer afresh, and a misspelt filter would silently list everything.
"""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/relations?x=1",
        "/api/v1/relations?kind=municipal_partnership&facets=country&x=1",
        "/api/v1/relations?contry=FR",
        "/api/v1/relations/1?page=2",
        "/api/v1/places?q=Stuttgart&foo=bar",
        "/api/v1/relations.csv?x=1",
        "/api/v1/topics?x=",  # an empty unknown parameter is absent, like every empty one
    ],
)
def test_unknown_parameters_are_refused(client, path):
    response = client.get(path)
    if path.endswith("x="):
        assert response.status_code == 200
        return
    assert response.status_code == 400, path
    body = response.json()
    assert set(body) == {"errors"}
    unknown = path.split("?")[1].split("&")[-1].split("=")[0]
    assert body["errors"][0]["field"] == unknown
    assert body["errors"][0]["reason"].startswith("unknown parameter; this endpoint takes:")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_reason_names_the_known_parameters(client):
    reason = client.get("/api/v1/relations?contry=FR").json()["errors"][0]["reason"]
    assert "country" in reason and "page_size" in reason


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/relations?kind=municipal_partnership&place_country=JP&page_size=50&facets=country&page=1",
        "/api/v1/catalog?format=jsonld",
        "/api/v1/places?q=Stuttgart&kind=municipality&page_size=5",
        "/api/v1/relations.csv?kind=state_partnership",
        "/api/v1/anniversaries?year=2027",
    ],
)
def test_declared_parameters_are_served(client, path):
    assert client.get(path).status_code == 200
