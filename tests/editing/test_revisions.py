"""An editor edits the register in the Wagtail admin: revisions record who and when; drafts stay private."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from weltnetz.register.models import Actor, Relation
from weltnetz.search.query import matching_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def edit_form(client, relation):
    url = reverse("wagtailsnippets_register_relation:edit", args=[relation.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, querydict_from_html(response.content.decode(), form_id="w-editor-form")


def test_editor_publishes_an_edit_and_a_revision_records_who_and_when(editor_client, editor):
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    url, data = edit_form(editor_client, relation)
    data["note"] = "Partnerschaft mit Zauberwort-Programm"
    data["action-publish"] = "action-publish"
    started = timezone.now()
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    relation.refresh_from_db()
    assert relation.note == "Partnerschaft mit Zauberwort-Programm"
    revision = relation.latest_revision
    assert revision.user == editor
    assert revision.created_at >= started
    assert relation.status_changes.count() == 1  # the inline status history survived the round trip
    assert matching_ids("Zauberwort", "relation") == [relation.pk]

    history = editor_client.get(reverse("wagtailsnippets_register_relation:history", args=[relation.pk]))
    assert "editor" in history.content.decode()


def test_a_saved_draft_is_not_public_until_published(editor_client, editor):
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    url, data = edit_form(editor_client, relation)
    data["note"] = "Entwurf Zauberwort"
    assert editor_client.post(url, data).status_code == 302  # "save draft" is the default action

    relation.refresh_from_db()
    assert relation.note != "Entwurf Zauberwort"  # visitors still see the published version
    assert relation.has_unpublished_changes
    assert relation.latest_revision.user == editor
    assert matching_ids("Zauberwort", "relation") == []


def test_a_new_relation_saved_as_draft_is_hidden_until_published(editor_client):
    partner = Actor.objects.create(slug="zauberland", kind="region", name="Zauberland", country_code="FR")
    add_url = reverse("wagtailsnippets_register_relation:add")
    response = editor_client.get(add_url)
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    data.update(
        {
            "kind": "cooperation",
            "home": str(Actor.objects.get(is_home=True).pk),
            "partner": str(partner.pk),
            "since": "2020",
        }
    )
    response = editor_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    relation = Relation.objects.get(partner=partner)
    assert not relation.live
    assert not Relation.objects.public().filter(pk=relation.pk).exists()
    assert matching_ids("Zauberland", "relation") == []

    url, data = edit_form(editor_client, relation)
    data["action-publish"] = "action-publish"
    assert editor_client.post(url, data).status_code == 302
    relation.refresh_from_db()
    assert relation.live
    assert Relation.objects.public().filter(pk=relation.pk).exists()
    assert matching_ids("Zauberland", "relation") == [relation.pk]
