"""The portal's register views under /de/ and /en/."""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("partner/<slug:slug>/", views.partner_detail, name="partner"),
]
