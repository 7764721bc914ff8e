from django.db import migrations

from weltnetz.register.vocab import TOPICS


def add_topics(apps, schema_editor):
    Topic = apps.get_model("register", "Topic")
    for slug, name, name_en in TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]
    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
