"""SQLite: no trigger on inserting a relation (migration 0011 made one).

Any row trigger on inserts cost SQLite about 18 µs a row whatever it did (a twin import took 0.45 s longer
for 24,673 relations), and every writer of relations writes home_country itself: Relation.save() and the
recording service's bulk path. The triggers on a relation's new home and on a place's new country stay, as
does PostgreSQL's BEFORE INSERT trigger, which costs little there.
"""

from django.db import migrations


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS relation_home_country_insert")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from importlib import import_module

        previous = import_module("weltnetz.register.migrations.0011_relation_home_country")
        schema_editor.execute(previous.SQLITE[0])


class Migration(migrations.Migration):
    dependencies = [("register", "0011_relation_home_country")]

    operations = [migrations.RunPython(drop, restore)]
