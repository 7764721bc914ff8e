"""The Content-Security-Policy: strict on the public site, widened for the Wagtail admin's inline scripts only."""

import pytest
from django.urls import reverse

from weltnetz.register.models import Relation

pytestmark = pytest.mark.django_db

PUBLIC = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'"
)
ADMIN = PUBLIC.replace("script-src 'self';", "script-src 'self' 'unsafe-inline';")


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize(
    "url", ["/de/", "/de/partner/kanagawa/", "/de/karte/", "/de/suche/?q=Japan", "/api/v1/relations", "/admin/login/"]
)
def test_public_pages_and_the_admin_login_page_allow_scripts_from_this_site_only(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert directives(policy) == directives(PUBLIC)
    assert "'unsafe-inline'" not in directives(policy)["script-src"]
    assert "'unsafe-eval'" not in policy


def test_admin_pages_allow_the_inline_scripts_wagtail_needs_and_nothing_else(client, admin_client_user):
    client.force_login(admin_client_user)
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    for url in ["/admin/", reverse("wagtailsnippets_register_relation:edit", args=[relation.pk])]:
        policy = client.get(url)["Content-Security-Policy"]
        assert directives(policy) == directives(ADMIN), url
        assert "'unsafe-eval'" not in policy


def test_a_public_path_that_merely_contains_admin_keeps_the_strict_policy(client):
    response = client.get("/de/suche/?q=/admin/")
    assert directives(response["Content-Security-Policy"]) == directives(PUBLIC)
