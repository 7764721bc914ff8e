"""Language-neutral URLs: the root redirects to the visitor's language."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
]
