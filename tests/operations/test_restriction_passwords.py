"""Password-protected documents: guessing the password is throttled like a sign-in."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


def test_guessing_a_document_password_is_throttled(client):
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Für den Ausschuss")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="geheim-2026"
    )
    doc = get_document_model()(title="Vorlage", collection=collection)
    doc.file.save("vorlage.pdf", ContentFile(b"%PDF-1.4 Vorlage"), save=False)
    doc.save()
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    statuses = [client.post(url, {"password": f"rate {i}", "return_url": doc.url}).status_code for i in range(12)]
    assert statuses[:10] == [200] * 10  # the form again, with "wrong password"
    assert statuses[10:] == [403, 403]
    # Even the right password is refused now, for this client.
    assert client.post(url, {"password": "geheim-2026", "return_url": doc.url}).status_code == 403
