"""The review queue in the Wagtail admin: its URLs and a menu item for editors allowed to review."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

# The views (and through them the extractor) are imported when the admin first needs them, not when Django
# starts: every command and worker start would otherwise load them (a tenth of a second).


class ReviewQueueMenuItem(MenuItem):
    """Shown only to editors with the review permission."""

    def is_shown(self, request) -> bool:
        from .views import PERMISSION

        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    from . import desk_urls, urls

    return [path("ingest/", include(urls, namespace="ingest")), path("desk/", include(desk_urls, namespace="desk"))]


@hooks.register("register_admin_menu_item")
def register_menu_item() -> MenuItem:
    return ReviewQueueMenuItem(
        _("Review queue"), reverse("ingest:queue"), name="review-queue", icon_name="tasks", order=250
    )


@hooks.register("register_admin_menu_item")
def register_checks_menu_item() -> MenuItem:
    return MenuItem(
        _("Consistency checks"), reverse("desk:checks"), name="register-checks", icon_name="warning", order=260
    )


@hooks.register("register_admin_menu_item")
def register_planner_menu_item() -> MenuItem:
    return MenuItem(
        _("Anniversary planner"), reverse("desk:planner"), name="anniversary-planner", icon_name="date", order=270
    )


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels) -> None:
    """The dashboard shows what is waiting: proposed facts, drafts, failed checks and coming anniversaries."""
    from .desk import WaitingPanel

    panels.insert(0, WaitingPanel())
