"""The versioned open-data API and its feeds, under /api/ (included by weltnetz/urls.py)."""

from django.urls import path

from .errors import not_found
from .v1 import api

urlpatterns = [
    path("v1/", api.urls),
    path("<path:rest>", not_found),
    path("", not_found),
]
