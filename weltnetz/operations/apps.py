from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Operating an instance: backup and restore, client addresses behind proxies, deployment checks."""

    name = "weltnetz.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import checks  # noqa: F401
