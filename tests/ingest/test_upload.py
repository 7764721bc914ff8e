"""Editors ingest documents in the admin; what was read is shown, bad input proposes nothing wrong."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weltnetz.ingest.models import ProposedFact
from weltnetz.register.models import Actor, Relation, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _upload(client, name: str, content: bytes, **data):
    return client.post(reverse("ingest:upload"), {"document": SimpleUploadedFile(name, content), **data})


def test_a_press_release_is_read_and_its_facts_proposed(editor_client, press_release):
    response = _upload(editor_client, press_release.name, press_release.read_bytes())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Was gelesen wurde" in html and "2025-03-12" in html and "Pressemitteilung" in html
    fact = ProposedFact.objects.get(kind="relation", payload__partner="Auvergne-Rhône-Alpes")
    assert fact.state == ProposedFact.State.PENDING
    assert reverse("ingest:review", args=[fact.pk]) in html
    assert Source.objects.get(file_name=press_release.name).kind == Source.Kind.PRESS_RELEASE


def test_a_newsletter_without_relations_proposes_nothing_and_says_what_was_read(editor_client):
    text = (
        "Newsletter March\n\nDear readers,\n\nthe state library opens an exhibition on bookbinding. "
        "Our cafeteria serves regional food on Fridays. Register for the summer party by 1 June.\n"
    )
    relations, actors = Relation.objects.count(), Actor.objects.count()
    html = _upload(editor_client, "newsletter.txt", text.encode()).content.decode()
    assert "Was gelesen wurde" in html and "Newsletter March" in html
    assert "Webseite" in html  # no date: not filed as a press release
    assert not ProposedFact.objects.filter(source__file_name="newsletter.txt").exclude(kind="person").exists()
    assert (Relation.objects.count(), Actor.objects.count()) == (relations, actors)


def test_an_english_page_about_a_known_partnership_confirms_the_register(editor_client):
    text = (
        "Partner regions\n\nBaden-Württemberg and the Japanese prefecture of Kanagawa have been partners since 1989.\n"
    )
    _upload(editor_client, "partners.md", text.encode())
    facts = ProposedFact.objects.filter(source__file_name="partners.md", kind="relation")
    assert facts.exists()
    for fact in facts:
        assert fact.state == ProposedFact.State.ALREADY_IN_REGISTER, fact.payload  # nothing wrong proposed
    assert not ProposedFact.objects.open().filter(source__file_name="partners.md", kind="relation").exists()


def test_an_unreadable_file_is_refused_with_its_reason(editor_client):
    sources = Source.objects.count()
    html = _upload(editor_client, "leer.txt", b"  \n").content.decode()
    assert 'role="alert"' in html and Source.objects.count() == sources
    response = _upload(editor_client, "programm.exe", b"MZ\x00\x00")
    assert "HTML, Markdown" in response.content.decode() and Source.objects.count() == sources


def test_only_reviewers_may_upload(client, django_user_model, press_release):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("gast", "gast@example.org", "correct horse battery")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = _upload(client, press_release.name, press_release.read_bytes())
    assert response.status_code in (302, 403)
    assert not Source.objects.filter(file_name=press_release.name).exists()
