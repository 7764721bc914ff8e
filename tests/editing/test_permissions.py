"""Who may reach the admin and change the register: anonymous visitors cannot, editors can."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from weltnetz.register.models import Actor, Relation

pytestmark = pytest.mark.django_db


def edit_url(obj):
    meta = obj._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[obj.pk])


def add_url(model):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")


def test_anonymous_admin_visit_redirects_to_the_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_cannot_open_a_snippet_editor(client):
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    response = client.get(edit_url(relation))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_post_changes_nothing(client):
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    before = (relation.note, relation.since, relation.live, relation.revisions.count())
    client.post(edit_url(relation), {"note": "vandalised", "since": "1999", "action-publish": "1"})
    relation.refresh_from_db()
    assert (relation.note, relation.since, relation.live, relation.revisions.count()) == before

    count = Actor.objects.count()
    response = client.post(add_url(Actor), {"slug": "fake", "name": "Fake", "kind": "region"})
    assert response.status_code == 302
    assert Actor.objects.count() == count


def test_anonymous_post_without_csrf_is_refused_even_before_login(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "editor", "password": "x"})
    assert response.status_code == 403


def test_editors_group_has_every_register_permission():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    for model in ["actor", "relation", "agreement", "person", "role", "source", "topic"]:
        assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= codenames
    assert {"publish_relation", "publish_agreement", "access_admin"} <= codenames


def test_editor_signs_in_and_sees_the_register(client, editor):
    response = client.post("/admin/login/", {"username": "editor", "password": "correct horse battery"})
    assert response.status_code == 302
    response = client.get(reverse("wagtailsnippets_register_relation:list"))
    assert response.status_code == 200
    assert "Kanagawa" in response.content.decode()


def test_a_signed_in_user_outside_the_editors_group_cannot_edit(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", "v@example.org", "correct horse battery")
    client.force_login(user)
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    response = client.get(edit_url(relation))
    assert response.status_code in (302, 403)


def test_editor_filters_and_searches_the_relation_list(client, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_register_relation:list")
    html = client.get(url, {"q": "Kanagawa"}).content.decode()
    assert "Kanagawa" in html
    assert "Ontario" not in html
    html = client.get(url, {"kind": "network_membership"}).content.decode()
    assert "Kanagawa" not in html
