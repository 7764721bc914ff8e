"""API test helpers: a JSON getter and a fresh response cache per test (tests roll back, the cache would not)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def get_json(client, db):
    """GET an API path and return (status, parsed JSON body)."""

    def get(path: str, **headers):
        response = client.get(path, **headers)
        return response.status_code, response.json()

    return get
