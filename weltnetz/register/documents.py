"""Uploaded documents stay private until an editor publishes them.

Every document lives in one of two Wagtail collections: "Unveröffentlichte Dokumente", restricted to signed-in
users, or "Veröffentlichte Dokumente", open to everyone. An upload that names no collection (Wagtail's root)
lands in the private one; an editor publishes a document by moving it to the public collection. Documents are
only ever served through Wagtail's document view (/documents/<id>/<file>), which enforces the restriction;
/media/ serves images only.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Collection, CollectionViewRestriction

PRIVATE_NAME = "Unveröffentlichte Dokumente"
PUBLIC_NAME = "Veröffentlichte Dokumente"


def _child(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing if existing is not None else root.add_child(name=name)


def private_collection() -> Collection:
    """The collection new documents go to; visible to signed-in users (editors) only."""
    collection = _child(PRIVATE_NAME)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


def public_collection() -> Collection:
    """The collection of published documents, open to everyone."""
    return _child(PUBLIC_NAME)


def publish(document: Any) -> None:
    """Make a document public (what an editor does by moving it to the public collection in the admin)."""
    document.collection = public_collection()
    document.save(update_fields=["collection"])


def keep_new_documents_private(sender: Any, instance: Any, **kwargs: Any) -> None:
    """pre_save receiver for Wagtail's Document: a document in the root collection goes to the private one."""
    if instance.collection_id is None or instance.collection.is_root():
        instance.collection = private_collection()
