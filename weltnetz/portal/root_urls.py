"""Language-neutral URLs: the root redirects to the visitor's language; uploaded images are served here."""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from . import sitemaps, views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    # Editors' images for the embedded single-machine setup. Documents are never served from here: they go
    # through Wagtail's document view (/documents/<id>/<file>), which keeps unpublished ones private.
    re_path(r"^media/(?P<path>(?:original_images|images)/.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
