"""Language-neutral URLs: the root redirects to the visitor's language; uploaded media are served here."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from . import sitemaps, views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    # Editors' uploads (news images, documents) for the embedded single-machine setup; a deployment with a
    # front web server serves MEDIA_ROOT itself and never reaches this route.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
