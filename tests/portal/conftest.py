"""Portal fixtures: an HTML getter that fails loudly on a non-200 answer."""

import pytest


@pytest.fixture
def page(client):
    """GET a portal URL and return its HTML (asserting the status, 200 by default)."""

    def get(url: str, status: int = 200) -> str:
        response = client.get(url)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return response.content.decode()

    return get
