from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "weltnetz.register"
    verbose_name = _("Register")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401
        from .version import after_migrate

        post_migrate.connect(after_migrate, sender=self, dispatch_uid="weltnetz-data-version-triggers")

        from django.db.models.signals import pre_save
        from wagtail.documents import get_document_model

        from .documents import keep_new_documents_private

        pre_save.connect(keep_new_documents_private, sender=get_document_model(), dispatch_uid="weltnetz-private-docs")
