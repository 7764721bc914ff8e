from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "weltnetz.search"
    label = "weltnetz_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import editors, signals

        signals.connect()
        # Without a sender: the register's and Wagtail's permissions must exist before the group gets them.
        post_migrate.connect(editors.grant_register_permissions, dispatch_uid="weltnetz_editors_permissions")
