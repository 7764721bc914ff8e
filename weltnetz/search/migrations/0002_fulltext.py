"""The full-text index over SearchEntry, one per database: FTS5 on SQLite, a tsvector column + GIN on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    # Pre-stemmed text (weltnetz.search.text), rowid = SearchEntry.id; Python writes rows, the trigger deletes them.
    "CREATE VIRTUAL TABLE weltnetz_search_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')",
    """CREATE TRIGGER weltnetz_search_fts_delete AFTER DELETE ON weltnetz_search_searchentry
       BEGIN DELETE FROM weltnetz_search_fts WHERE rowid = old.id; END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS weltnetz_search_fts_delete",
    "DROP TABLE IF EXISTS weltnetz_search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE weltnetz_search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A')
         || setweight(to_tsvector('english'::regconfig, coalesce(title_en, '')), 'A')
         || setweight(to_tsvector('german'::regconfig, coalesce(body, '')), 'B')
         || setweight(to_tsvector('english'::regconfig, coalesce(body_en, '')), 'B')
         || setweight(to_tsvector('simple'::regconfig, coalesce(keywords, '')), 'C')
       ) STORED""",
    "CREATE INDEX weltnetz_search_vector_gin ON weltnetz_search_searchentry USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS weltnetz_search_vector_gin",
    "ALTER TABLE weltnetz_search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("weltnetz_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
