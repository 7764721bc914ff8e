"""Reindex an object when it is saved, published, unpublished or deleted (suspended inside `index.deferred()`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from weltnetz.register.models import Actor, Agreement, Person, Relation, Topic

from . import documents, index
from .models import Kind

KIND_OF: dict[type[models.Model], Kind] = {Actor: Kind.ACTOR, Relation: Kind.RELATION, Agreement: Kind.AGREEMENT}


def on_save(sender, instance, raw: bool = False, **kwargs) -> None:
    """Re-read the saved object from the database, so a draft kept in a revision never reaches the index."""
    if raw:
        return
    kind = KIND_OF.get(sender) or Kind.NEWS
    index.update_objects(kind, [instance.pk])
    if sender is Actor and not instance.is_home:
        # Relations and agreements show the partner's names.
        index.update_objects(
            Kind.RELATION, Relation.objects.filter(Q(partner=instance) | Q(home=instance)).values_list("pk", flat=True)
        )
        index.update_objects(Kind.AGREEMENT, Agreement.objects.filter(partner=instance).values_list("pk", flat=True))


def on_label_save(sender, instance, raw: bool = False, **kwargs) -> None:
    """A renamed topic or person changes the text of the relations and agreements that name it."""
    if raw:
        return
    if sender is Topic:
        index.update_objects(Kind.RELATION, instance.relations.values_list("pk", flat=True))
        index.update_objects(Kind.AGREEMENT, instance.agreements.values_list("pk", flat=True))
    else:
        index.update_objects(Kind.AGREEMENT, instance.signed.values_list("pk", flat=True))


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
