"""Admin URLs of the editorial desk (mounted under /admin/desk/ by wagtail_hooks): checks and the planner."""

from django.urls import path

from . import desk

app_name = "desk"
urlpatterns = [
    path("checks/", desk.checks_page, name="checks"),
    path("anniversaries/", desk.planner_page, name="planner"),
    path("anniversaries.csv", desk.planner_csv, name="planner_csv"),
    path("anniversaries.ics", desk.planner_ics, name="planner_ics"),
]
