"""One check of filter values (weltnetz.register.filters) for the API, the portal's list and the twinnings list."""

from __future__ import annotations

import html

import pytest

from weltnetz.register import filters
from weltnetz.register.models import Relation

pytestmark = pytest.mark.django_db


def test_values_are_checked_once_with_the_status_the_api_answers():
    assert filters.countries("fr,IT") == ["FR", "IT"]
    assert filters.state("de-bw") == "DE-BW"
    assert filters.kinds("state_partnership,cooperation") == ["state_partnership", "cooperation"]
    assert filters.statuses(None) == []
    for check, value, status in [
        (filters.countries, "F", 400),
        (filters.countries, "ZZ", 404),
        (filters.state, "DE-XX", 404),
        (filters.state, "Baden", 400),
        (filters.kinds, "partnership", 400),
        (filters.statuses, "active,", 400),  # an empty item
    ]:
        with pytest.raises(filters.InvalidFilter) as err:
            check(value)
        assert err.value.status == status, value


def test_api_portal_and_twinnings_list_refuse_the_same_value_the_same_way(client):
    api = client.get("/api/v1/relations", {"country": "ZZ"})
    assert api.status_code == 404
    assert api.json()["errors"] == [
        {"field": "country", "reason": "unknown country 'ZZ'; expected an ISO 3166-1 alpha-2 code such as FR"}
    ]
    for url in ("/de/beziehungen/", "/de/staedtepartnerschaften/"):
        page = client.get(url, {"country": "ZZ"})
        assert page.status_code == 400, url
        assert "unbekanntes Land „ZZ“" in page.content.decode(), url
    english = html.unescape(client.get("/en/beziehungen/", {"status": "asleep"}).content.decode())
    assert "unknown value 'asleep'; expected one of: active, dormant, ended" in english


def test_a_country_without_relations_is_an_empty_list_not_an_error(client):
    assert not Relation.objects.filter(country_code="IS").exists()
    response = client.get("/de/beziehungen/", {"country": "IS"})
    assert response.status_code == 200 and "0 Beziehungen" in response.content.decode()


def test_the_portal_list_and_the_api_apply_the_same_queryset_methods(client):
    """The same filters give the same relations on both sides (the state's relations: the list's default scope)."""
    params = {"kind": "state_partnership", "status": "active", "continent": "asia"}
    api = client.get("/api/v1/relations", {**params, "page_size": 100}).json()
    page = client.get("/de/beziehungen/", params).content.decode()
    expected = Relation.objects.public().of_kind("state_partnership").with_status("active").on_continent("asia")
    assert api["count"] == expected.count() > 0
    assert f"{expected.count()} Beziehungen" in page
