"""The editors' admin loads nothing from another host: no Gravatar, no update check, no CDN."""

import re

import pytest
from django.urls import reverse

from weltnetz.register.models import Actor, Agreement, Relation

pytestmark = pytest.mark.django_db

RESOURCE = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']([^\"']+)"
    r"|url\(\s*[\"']?([^\"')]+)",
    re.IGNORECASE,
)


def foreign_resources(html: str) -> list[str]:
    found = [next(g for g in m.groups() if g) for m in RESOURCE.finditer(html)]
    return [
        u
        for u in found
        if re.match(r"(?:[a-z]+:)?//", u, re.I)
        and not re.match(r"(?:https?:)?//(?:testserver|127\.0\.0\.1|localhost)(?:[:/]|$)", u, re.I)
    ]


@pytest.fixture
def pages(admin_client_user):
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    return [
        "/admin/",
        reverse("wagtailsnippets_register_relation:list"),
        reverse("wagtailsnippets_register_relation:edit", args=[relation.pk]),
        reverse("wagtailsnippets_register_relation:history", args=[relation.pk]),
        reverse("wagtailsnippets_register_actor:edit", args=[Actor.objects.get(slug="kanagawa").pk]),
        reverse("wagtailsnippets_register_agreement:edit", args=[Agreement.objects.first().pk]),
        reverse("wagtailsnippets_register_actor:add"),
        "/admin/account/",
    ]


def test_admin_pages_reference_no_other_host(client, admin_client_user, pages):
    client.force_login(admin_client_user)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert foreign_resources(html) == [], url
        assert "gravatar" not in html.lower(), url


def test_admin_speaks_german(client, admin_client_user):
    client.force_login(admin_client_user)
    html = client.get(reverse("wagtailsnippets_register_relation:list"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Register" in html
    assert "Hinzufügen" in html or "hinzufügen" in html


def test_relation_editor_shows_status_history_and_sources_inline(client, admin_client_user):
    client.force_login(admin_client_user)
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    html = client.get(
        reverse("wagtailsnippets_register_relation:edit", args=[relation.pk]), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert 'name="status_changes-TOTAL_FORMS"' in html
    assert 'name="citations-TOTAL_FORMS"' in html
    assert "Statusverlauf" in html


def test_admin_login_page_references_no_other_host(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert foreign_resources(response.content.decode()) == []


def test_foreign_resources_are_detected():
    html = '<script src="https://cdn.example.com/x.js"></script><img src="/static/a.png"><a href="https://x.org">x</a>'
    assert foreign_resources(html) == ["https://cdn.example.com/x.js"]
    link = '<link rel="stylesheet" href="//fonts.example.com/f.css">'
    assert foreign_resources(link) == ["//fonts.example.com/f.css"]
