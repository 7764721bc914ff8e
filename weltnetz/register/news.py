"""The news that the register's outputs list (the API, the feeds, the search): a hook, so that none of them imports
the portal.

The news articles are Wagtail pages of the portal; settings.WELTNETZ_NEWS_MODEL names their model
("portal.NewsPage"), and everything else asks this module for it.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models import Model, QuerySet


def news_model() -> type[Model] | None:
    """The model of the news pages, or None while no installed app defines it."""
    try:
        return apps.get_model(settings.WELTNETZ_NEWS_MODEL)
    except (LookupError, ValueError):
        return None


def live_news() -> QuerySet:
    """Published public news pages, the originals in the site's first language (translations are pages of the
    other language's tree); nothing when no news model is installed."""
    model = news_model()
    if model is None:
        return QuerySet().none()
    qs = model.objects.live().public()  # type: ignore[attr-defined]
    return qs.filter(locale__language_code=settings.LANGUAGE_CODE)
