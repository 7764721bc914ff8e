"""The list's count is taken once at most (or from a facet's counts) and always equals the selection (#14)."""

import pytest

pytestmark = pytest.mark.django_db

FILTERS = ["", "kind=state_partnership", "country=JP", "q=Partnerschaft", "status=active", "kind=representation"]


@pytest.mark.parametrize("query", FILTERS)
@pytest.mark.parametrize("facets", ["", "&facets=country", "&facets=kind,status", "&facets=topic"])
def test_count_is_the_same_with_and_without_facets(client, query, facets):
    from weltnetz.register.models import Relation

    plain = client.get(f"/api/v1/relations?{query}&page_size=500").json()
    faceted = client.get(f"/api/v1/relations?{query}{facets}&page_size=1").json()
    assert faceted["count"] == plain["count"] == len(plain["results"])
    assert plain["count"] <= Relation.objects.filter(live=True).count()


def test_pages_add_up_to_the_count(client):
    first = client.get("/api/v1/relations?page_size=7").json()
    seen = [r["id"] for r in first["results"]]
    for page in range(2, first["pages"] + 1):
        seen += [r["id"] for r in client.get(f"/api/v1/relations?page_size=7&page={page}").json()["results"]]
    assert len(seen) == len(set(seen)) == first["count"]
    assert client.get(f"/api/v1/relations?page_size=7&page={first['pages'] + 1}").status_code == 404
