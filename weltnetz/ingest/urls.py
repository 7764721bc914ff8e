"""Admin URLs of the review queue (mounted under /admin/ingest/ by wagtail_hooks)."""

from django.urls import path

from . import desk, views

app_name = "ingest"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/requeue/", views.requeue, name="requeue"),
    path("checks/", desk.checks_page, name="checks"),
    path("anniversaries/", desk.planner_page, name="planner"),
    path("anniversaries.csv", desk.planner_csv, name="planner_csv"),
    path("anniversaries.ics", desk.planner_ics, name="planner_ics"),
]
