"""The register's own signals, and the receivers that keep derived values in step on every save.

`recorded` is how the register tells the apps above it (search) that facts were written: the recording
service sends it once per model after a batch, and after every bulk write (which sends no post_save). The
register imports nothing above it; the search app connects to this signal.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from .models import Actor, StatusChange
from .names import name_key

# Sent with `sender` = the model class and `ids` = the primary keys of the rows written (created or changed).
recorded = Signal()


@receiver(pre_save, sender=Actor)
def set_name_key(sender, instance: Actor, **kwargs) -> None:
    """Every save (the admin's too) keeps the folded lookup key of the name."""
    instance.name_key = name_key(instance.name)


@receiver([post_save, post_delete], sender=StatusChange)
def refresh_relation_status(sender, instance: StatusChange, raw: bool = False, **kwargs) -> None:
    """The cached current status follows the status history."""
    if not raw:
        instance.relation.refresh_status()
