"""Portal pages are cached per data version, gzipped, and revalidated by ETag; an edit shows at once (#14)."""

import gzip

import pytest
from django.core.cache import cache

from weltnetz.portal import caching
from weltnetz.register.models import Actor

pytestmark = pytest.mark.django_db

PAGES = ["/de/", "/de/partner/kanagawa/", "/de/beziehungen/", "/de/suche/?q=Partnerschaft", "/en/"]


@pytest.fixture
def served(monkeypatch):
    """As under a server: requests run outside a transaction, so rendered pages are stored and reused."""
    cache.clear()
    monkeypatch.setattr(caching, "reuse_allowed", lambda: True)
    yield
    cache.clear()


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_etag_cache_control_and_answer_304(client, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert first["Cache-Control"].startswith("public, max-age=")
    assert "Accept-Encoding" in first["Vary"]
    again = client.get(path, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]


def test_pages_are_gzipped_for_clients_that_accept_it(client):
    plain = client.get("/de/")
    packed = client.get("/de/", headers={"accept-encoding": "gzip, deflate, br"})
    assert packed["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] != plain["ETag"]
    assert packed["Content-Security-Policy"] == plain["Content-Security-Policy"]


def test_a_page_is_rendered_once_and_reused(client, served):
    from django.test.signals import template_rendered

    rendered = []

    def count(sender, **kwargs):
        rendered.append(1)

    template_rendered.connect(count)
    try:
        first = client.get("/de/beziehungen/")
        assert rendered, "the first request rendered nothing"
        rendered.clear()
        second = client.get("/de/beziehungen/")
    finally:
        template_rendered.disconnect(count)
    assert second.content == first.content
    assert not rendered, "the second request rendered the page again"


def test_an_edit_shows_at_once(client, served):
    before = client.get("/de/partner/kanagawa/")
    assert "Präfektur Kanagawa" in before.content.decode() or before.status_code == 200
    actor = Actor.objects.get(slug="kanagawa")
    actor.name = "Kanagawa-Ken Neu"
    actor.save()
    after = client.get("/de/partner/kanagawa/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Kanagawa-Ken Neu" in after.content.decode()


def test_a_bulk_update_that_bypasses_signals_shows_at_once(client, served):
    client.get("/de/beziehungen/?country=JP")
    client.get("/de/partner/kanagawa/")
    Actor.objects.filter(slug="kanagawa").update(name="Bulk-Kanagawa")
    assert "Bulk-Kanagawa" in client.get("/de/beziehungen/?country=JP").content.decode()
    assert "Bulk-Kanagawa" in client.get("/de/partner/kanagawa/").content.decode()


def test_signed_in_editors_and_forms_are_not_cached(client, served, admin_client_user):
    client.force_login(admin_client_user)
    response = client.get("/de/")
    assert response.status_code == 200
    assert "ETag" not in response or not response["Cache-Control"].startswith("public")


def test_api_and_admin_are_not_cached_by_the_page_cache(client, served):
    assert client.get("/admin/login/").get("Cache-Control", "").find("public") < 0
    api = client.get("/api/v1/topics")
    assert api.status_code == 200 and "Content-Security-Policy" in api  # the API's own caching answers
