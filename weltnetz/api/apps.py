from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "weltnetz.api"
    verbose_name = _("Open data API")

    def ready(self) -> None:
        """Drop this process's cached register version whenever a record or page is saved or deleted."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import forget_version

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(forget_version, dispatch_uid=f"weltnetz-api-version-{signal!r}")
