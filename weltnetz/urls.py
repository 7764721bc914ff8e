"""URL map: admin for editors, the open-data API, and the bilingual portal (/de/, /en/)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path
from django_ratelimit.decorators import ratelimit
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from weltnetz.operations.security import ratelimit_key

# Wagtail's password forms for password-protected pages and documents are sign-ins too: at most 10 tries per
# client and hour (HTTP 403 beyond), on the same shared counters as the feedback form. Same names, listed first.
password_throttle = ratelimit(group="restriction-password", key=ratelimit_key, rate="10/h", method="POST", block=True)

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        password_throttle(wagtaildocs_serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("weltnetz.api.urls")),
    path("", include("weltnetz.portal.root_urls")),
]
urlpatterns += i18n_patterns(
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        password_throttle(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include("weltnetz.portal.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
