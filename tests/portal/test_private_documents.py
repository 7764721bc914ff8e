"""Uploaded documents stay private until an editor publishes them; /media/ never serves them."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from weltnetz.register.documents import PRIVATE_NAME, PUBLIC_NAME, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    """A PDF an editor has just uploaded without choosing a collection."""
    model = get_document_model()
    doc = model(title="Entwurf Absichtserklärung", collection=Collection.get_first_root_node())
    doc.file.save("entwurf-absichtserklaerung.pdf", ContentFile(b"%PDF-1.4 draft, not for the public"), save=False)
    doc.save()
    return doc


def test_a_new_upload_is_private_until_published(client, document):
    assert document.collection.name == PRIVATE_NAME
    response = client.get(document.url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")
    publish(document)
    assert document.collection.name == PUBLIC_NAME
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 draft, not for the public"


def test_editors_see_unpublished_documents(client, document, editor):
    client.force_login(editor)
    response = client.get(document.url)
    assert response.status_code == 200


def test_media_never_serves_documents(client, document):
    path = "/media/" + document.file.name
    assert client.get(path).status_code == 404
    publish(document)
    assert client.get(path).status_code == 404  # published ones go through /documents/ too


def test_images_are_still_served_from_media(client):
    from wagtail.images import get_image_model

    image = get_image_model().objects.first()
    assert image is not None, "setup_portal's seed news has an image"
    assert client.get("/media/" + image.file.name).status_code == 200


def test_an_editor_moving_a_document_to_the_root_does_not_publish_it(document):
    publish(document)
    document.collection = Collection.get_first_root_node()
    document.save()
    assert document.collection.name == PRIVATE_NAME
