"""The versioned open-data API and its feeds, under /api/ (included by weltnetz/urls.py)."""

from django.urls import path, re_path

from .errors import not_found
from .v1 import api

urlpatterns = [
    path("v1/", api.urls),
    # Any other path under /api/, newlines included (path converters stop at them), answers the JSON 404.
    re_path(r"^(?P<rest>[\s\S]*)$", not_found),
]
