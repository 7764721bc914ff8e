"""Admin URLs of the review queue (mounted under /admin/ingest/ by wagtail_hooks)."""

from django.urls import path

from . import views

app_name = "ingest"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/requeue/", views.requeue, name="requeue"),
]
