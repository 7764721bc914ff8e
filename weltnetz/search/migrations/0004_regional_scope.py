"""Search entries know their scope: the home region's own records, or the town twinnings (issue #8).

Existing entries are marked in SQL (twinnings, and towns that take part in no other relation); a rebuild
(`weltnetz rebuild_search_index`) computes it from the register's one definition. On SQLite, adding the column
rebuilds the table, which drops the trigger that keeps the FTS5 table in step: it is created again.
"""

from django.db import migrations, models

TRIGGER = """CREATE TRIGGER IF NOT EXISTS weltnetz_search_fts_delete AFTER DELETE ON weltnetz_search_searchentry
       BEGIN DELETE FROM weltnetz_search_fts WHERE rowid = old.id; END"""
MARK = [
    """UPDATE weltnetz_search_searchentry SET regional = %s WHERE kind = 'relation' AND object_id IN
       (SELECT id FROM register_relation WHERE kind = 'municipal_partnership')""",
    """UPDATE weltnetz_search_searchentry SET regional = %s WHERE kind = 'actor' AND object_id IN
       (SELECT a.id FROM register_actor a WHERE a.kind = 'municipality' AND NOT a.is_home AND NOT EXISTS
         (SELECT 1 FROM register_relation r WHERE (r.home_id = a.id OR r.partner_id = a.id)
          AND r.kind <> 'municipal_partnership'))""",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(TRIGGER)
    for sql in MARK:
        schema_editor.execute(sql, [False])


class Migration(migrations.Migration):
    dependencies = [
        ("weltnetz_search", "0003_keywords_stemmed"),
        ("register", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="regional",
            field=models.BooleanField(
                default=True,
                help_text="A record of the home region's own; False for town twinnings and towns known only from "
                "them, which the search shows when asked for, after the region's records.",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
