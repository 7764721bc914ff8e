"""The Wagtail "Editors" group may add, change, delete and publish every register record (post_migrate)."""

from __future__ import annotations

from django.contrib.auth import get_permission_codename
from django.db import DEFAULT_DB_ALIAS

EDITORS_GROUP = "Editors"
REGISTER_MODELS = ["actor", "relation", "agreement", "person", "role", "source", "topic"]
ACTIONS = ["add", "change", "delete"]
# Drafts need "publish" to go live; locks are Wagtail's extra permissions for LockableMixin models.
EXTRA_ACTIONS = {"relation": ["publish", "lock", "unlock"], "agreement": ["publish", "lock", "unlock"]}


def grant_register_permissions(sender=None, using: str = DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """Give the Editors group every register permission and admin access; idempotent, silent if absent."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        ContentType = apps.get_model("contenttypes", "ContentType")
        apps.get_model("register", "Relation")
    except LookupError:
        return
    group = Group.objects.using(using).filter(name=EDITORS_GROUP).first()
    if group is None:
        return
    wanted = []
    for model_name in REGISTER_MODELS:
        try:
            model = apps.get_model("register", model_name)
        except LookupError:
            continue
        ct, _ = ContentType.objects.using(using).get_or_create(app_label="register", model=model_name)
        for action in ACTIONS + EXTRA_ACTIONS.get(model_name, []):
            codename = get_permission_codename(action, model._meta)
            perm, _ = Permission.objects.using(using).get_or_create(
                content_type=ct,
                codename=codename,
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )
            wanted.append(perm)
    access = (
        Permission.objects.using(using).filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    )
    if access is not None:
        wanted.append(access)
    group.permissions.add(*wanted)
