"""Reindex an object when it is saved, published, unpublished or deleted, and the rows the register's recording
service announces (`weltnetz.register.signals.recorded`: after a batch, and for rows written in bulk).

Per-object indexing on save waits while a recording batch is open (the batch announces what it wrote at its
end) and inside `index.deferred()`.
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from weltnetz.register import recording
from weltnetz.register.models import Actor, Agreement, Person, Relation, Topic
from weltnetz.register.signals import recorded
from weltnetz.register.vocab import ActorKind, RelationKind

from . import documents, index
from .models import Kind

KIND_OF: dict[type[models.Model], Kind] = {Actor: Kind.ACTOR, Relation: Kind.RELATION, Agreement: Kind.AGREEMENT}


def on_save(sender, instance, raw: bool = False, **kwargs) -> None:
    """Re-read the saved object from the database, so a draft kept in a revision never reaches the index."""
    if raw or recording.in_batch():
        return
    kind = KIND_OF.get(sender) or Kind.NEWS
    index.update_objects(kind, [instance.pk])
    if sender is Actor and not instance.is_home:
        _actors_named_in([instance.pk])
    elif sender is Relation:
        _towns_in_scope([instance.pk])


def _towns_in_scope(relation_ids: list[int]) -> None:
    """A town on either side of one of the home region's relations is a record of the region's (the search ranks
    it with them and links its partner page): reindex the towns of these relations.

    The sides are read first by id (a twinning import's batch of 2,000 finds none and stops there): joining the
    towns to the relations instead scanned every relation per batch, most of a large import's time."""
    sides = (
        Relation.objects.filter(documents.ids_in("pk", relation_ids))
        .exclude(kind=RelationKind.MUNICIPAL_PARTNERSHIP)
        .values_list("home_id", "partner_id")
    )
    actor_ids = sorted({actor for pair in sides for actor in pair})
    if not actor_ids:
        return
    towns = Actor.objects.filter(documents.ids_in("pk", actor_ids), kind=ActorKind.MUNICIPALITY, is_home=False)
    index.update_objects(Kind.ACTOR, towns.values_list("pk", flat=True))


def _actors_named_in(actor_ids: list[int]) -> None:
    """Relations and agreements show their places' names: reindex those of these actors."""
    named = documents.ids_in("partner_id", actor_ids) | documents.ids_in("home_id", actor_ids)
    index.update_objects(Kind.RELATION, Relation.objects.filter(named).values_list("pk", flat=True))
    agreements = Agreement.objects.filter(documents.ids_in("partner_id", actor_ids)).values_list("pk", flat=True)
    index.update_objects(Kind.AGREEMENT, agreements)


def on_label_save(sender, instance, raw: bool = False, **kwargs) -> None:
    """A renamed topic or person changes the text of the relations and agreements that name it."""
    if raw or recording.in_batch():
        return
    if sender is Topic:
        index.update_objects(Kind.RELATION, instance.relations.values_list("pk", flat=True))
        index.update_objects(Kind.AGREEMENT, instance.agreements.values_list("pk", flat=True))
    else:
        index.update_objects(Kind.AGREEMENT, instance.signed.values_list("pk", flat=True))


def on_recorded(sender, ids: list[int], **kwargs) -> None:
    """The register recorded these rows (at the end of a batch, or a bulk write): index them and what names them."""
    if sender in KIND_OF:
        index.update_objects(KIND_OF[sender], ids)
    if sender is Relation:
        _towns_in_scope(ids)
    elif sender is Actor:
        places = list(Actor.objects.filter(documents.ids_in("pk", ids), is_home=False).values_list("pk", flat=True))
        if places:
            _actors_named_in(places)
    elif sender is Person:
        index.update_objects(Kind.AGREEMENT, Agreement.objects.filter(signatories__in=ids).values_list("pk", flat=True))


def on_delete(sender, instance, **kwargs) -> None:
    index.remove_object(KIND_OF.get(sender) or Kind.NEWS, instance.pk)


def on_publish(sender, instance, **kwargs) -> None:
    """After publishing, the many-to-many fields (topics, signatories) are stored too: index again."""
    model = type(instance)
    if model in KIND_OF or model is documents.news_model():
        on_save(model, instance)


def connect() -> None:
    """Wire the handlers to the indexed models (NewsPage only when the portal defines it)."""
    models = list(KIND_OF)
    if (news := documents.news_model()) is not None:
        models.append(news)
    for model in models:
        uid = f"weltnetz_search_{model.__name__}"
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"{uid}_delete")
    for model in (Topic, Person):
        post_save.connect(on_label_save, sender=model, dispatch_uid=f"weltnetz_search_{model.__name__}_label")
    for signal in (published, unpublished, page_published, page_unpublished):
        signal.connect(on_publish, dispatch_uid=f"weltnetz_search_{id(signal)}")
    recorded.connect(on_recorded, dispatch_uid="weltnetz_search_recorded")
