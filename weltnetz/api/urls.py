"""The versioned open-data API and its feeds, under /api/ (included by weltnetz/urls.py)."""

from django.urls import include, path

from . import feeds
from .errors import not_found
from .v1 import api

feed_patterns = (
    [
        path("news.atom", feeds.news_atom, name="news_atom"),
        path("news.rss", feeds.news_rss, name="news_rss"),
        path("anniversaries.ics", feeds.anniversaries_ics, name="anniversaries_ics"),
    ],
    "api-feeds",
)

urlpatterns = [
    path("v1/feeds/", include(feed_patterns)),
    path("v1/", api.urls),
    path("<path:rest>", not_found),
    path("", not_found),
]
