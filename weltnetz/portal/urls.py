"""The portal's register views under /de/ and /en/ (Wagtail serves the page tree after these)."""

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("partner/<slug:slug>/", views.partner_detail, name="partner"),
    path("vereinbarung/<int:pk>/", views.agreement_detail, name="agreement"),
    path("karte/", views.map_view, name="map"),
    path("zeitleiste/", views.timeline, name="timeline"),
    path("beziehungen/", views.relation_list, name="relations"),
    path("suche/", views.search, name="search"),
]
