"""URL map: admin for editors, the open-data API, and the bilingual portal (/de/, /en/)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("weltnetz.api.urls")),
    path("", include("weltnetz.portal.root_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("weltnetz.portal.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
