"""PostgreSQL: trigram indexes for the name-substring lookups (nothing on SQLite).

`q=` on the relations and places lists also matches a part of a place's name: `name_key LIKE '%furt%'` (the
folded key) and `UPPER(name) LIKE UPPER('%furt%')` (icontains on the German and English names). A b-tree serves
no pattern with a leading wildcard, so each was a sequential scan of the 17,000 places; a GIN index over pg_trgm's
trigrams serves it. pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
The expressions are the ones Django writes for `contains` and `icontains`, so the planner matches them.
"""

from django.db import migrations

INDEXES = {
    "actor_name_key_trgm": "(name_key gin_trgm_ops)",
    "actor_name_upper_trgm": "(UPPER(name::text) gin_trgm_ops)",
    "actor_name_en_upper_trgm": "(UPPER(name_en::text) gin_trgm_ops)",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON register_actor USING gin {expression}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("register", "0008_twinning_category_unknown_is_empty")]

    operations = [migrations.RunPython(forward, backward)]
