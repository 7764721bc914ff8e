"""Keep each relation's cached current status in step with its status history."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import StatusChange


@receiver([post_save, post_delete], sender=StatusChange)
def refresh_relation_status(sender, instance: StatusChange, **kwargs) -> None:
    instance.relation.refresh_status()
