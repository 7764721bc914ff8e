"""The portal's register views under /de/ and /en/ (Wagtail serves the page tree after these)."""

from django.urls import path

from . import views, views_twinnings

app_name = "portal"
urlpatterns = [
    path("partner/<slug:slug>/", views.partner_detail, name="partner"),
    path("vereinbarung/<int:pk>/", views.agreement_detail, name="agreement"),
    path("karte/", views.map_view, name="map"),
    path("zeitleiste/", views.timeline, name="timeline"),
    path("beziehungen/", views.relation_list, name="relations"),
    path("suche/", views.search, name="search"),
    path("offene-daten/", views.open_data, name="open_data"),
    path("staedtepartnerschaften/", views_twinnings.twinning_list, name="twinnings"),
    path("staedtepartnerschaften/karte/", views_twinnings.twinning_map, name="twinnings_map"),
    path("staedtepartnerschaften/orte.json", views_twinnings.twinning_points, name="twinnings_points"),
    path("ort/<slug:slug>/", views_twinnings.town_detail, name="town"),
]
