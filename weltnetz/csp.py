"""Content-Security-Policy: strict for the public site, widened only where the Wagtail admin needs it.

The portal, the API and everything public get settings.CONTENT_SECURITY_POLICY: scripts from this site only,
no inline script, no eval. The Wagtail admin (under /admin/) initialises its inline panels, choosers and
date pickers with inline <script> elements that carry no nonce, so its pages get the policy with the
additions in settings.WELTNETZ_ADMIN_CSP_UPDATE ('unsafe-inline' for scripts), and only when served to a
signed-in user: the login page keeps the strict policy. Every other directive stays as strict as the public
site's.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class ScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's additions for signed-in users on paths under the admin's prefix."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        user = getattr(request, "user", None)
        if (
            not report_only
            and request.path_info.startswith(admin_prefix())
            and user is not None
            and user.is_authenticated
        ):
            update = dict(parts.update or {})
            for directive, sources in settings.WELTNETZ_ADMIN_CSP_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
