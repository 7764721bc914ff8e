"""The editors' feedback inbox: every message from the accessibility form, to read and close."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import FeedbackSubmission


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Feedback comes from the public form only: nobody adds or copies it in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class FeedbackViewSet(ModelViewSet):
    model = FeedbackSubmission
    icon = "mail"
    menu_label = _("Feedback")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["submit_time", "summary", "status", "closed_at"]
    list_filter = ["status"]
    form_fields = ["status", "note"]
    inspect_view_enabled = True
    inspect_view_fields = ["submit_time", "page", "message", "status", "note", "closed_at"]
    copy_view_enabled = False


register_permission_policy(FeedbackSubmission, FeedbackPermissionPolicy(FeedbackSubmission))
feedback_viewset = FeedbackViewSet("feedback")


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset
