from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "weltnetz.register"
    verbose_name = _("Register")

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .version import connect_signals

        connect_signals()
