"""PostgreSQL: stem the other spellings and synonyms too ("Städtepartnerschaften" must meet the keyword
"Städtepartnerschaft"); 0002 indexed them unstemmed only."""

from django.db import migrations

VECTOR = """setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A')
         || setweight(to_tsvector('english'::regconfig, coalesce(title_en, '')), 'A')
         || setweight(to_tsvector('german'::regconfig, coalesce(body, '')), 'B')
         || setweight(to_tsvector('english'::regconfig, coalesce(body_en, '')), 'B')
         || setweight(to_tsvector('german'::regconfig, coalesce(keywords, '')), 'C')
         || setweight(to_tsvector('simple'::regconfig, coalesce(keywords, '')), 'C')"""
OLD_VECTOR = """setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A')
         || setweight(to_tsvector('english'::regconfig, coalesce(title_en, '')), 'A')
         || setweight(to_tsvector('german'::regconfig, coalesce(body, '')), 'B')
         || setweight(to_tsvector('english'::regconfig, coalesce(body_en, '')), 'B')
         || setweight(to_tsvector('simple'::regconfig, coalesce(keywords, '')), 'C')"""


def _swap(vector: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS weltnetz_search_vector_gin")
        schema_editor.execute("ALTER TABLE weltnetz_search_searchentry DROP COLUMN IF EXISTS search_vector")
        schema_editor.execute(
            f"ALTER TABLE weltnetz_search_searchentry ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector}) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX weltnetz_search_vector_gin ON weltnetz_search_searchentry USING gin (search_vector)"
        )

    return run


class Migration(migrations.Migration):
    dependencies = [("weltnetz_search", "0002_fulltext")]

    operations = [migrations.RunPython(_swap(VECTOR), _swap(OLD_VECTOR))]
