"""Give Wagtail's Editors and Moderators groups the feedback inbox: read and close messages (not add or delete)."""

from django.db import migrations

GROUPS = ("Editors", "Moderators")
PERMISSIONS = {"view_feedbacksubmission": "Can view feedback", "change_feedbacksubmission": "Can change feedback"}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="portal", model="feedbacksubmission")
    permissions = [
        Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]
        for codename, name in PERMISSIONS.items()
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_feedback_submission"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
