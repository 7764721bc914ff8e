"""PostgreSQL answers the twinnings' questions from indexes (issue #14): the trigram and full-text indexes exist,
and with a register of a few thousand twinnings (and its statistics) the country question, a town's twins and
the name-substring lookup of `q=` read no table whole. Skipped on SQLite, which has FTS5 and its own planner.

bench/bench_twins.py --postgres prints the same plans for the real 24,673 twinnings.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from weltnetz.importers.twin_cities import _refresh_statistics

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes and query plans"),
]

COUNTRIES = ["FR", "PL", "IT", "US", "JP", "CZ", "HU", "AT", "ES", "GB"]
KIND = "kind=municipal_partnership"
TWINNING_TABLES = ("register_relation", "register_actor")


def explain(sql: str, params: list | tuple | None = None) -> str:
    """The plan of `sql` with its `params`, or of a captured query (its values written in, no parameters)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def sequential_scans(plan: str) -> list[str]:
    return [t for t in re.findall(r"Seq Scan on (\w+)", plan) if t in TWINNING_TABLES]


TOWNS = """
    INSERT INTO register_actor (slug, kind, name, name_en, aliases, name_key, country_code, subdivision_code,
        continent, wikidata_id, is_home, description, description_en, website)
    SELECT 'twin-town-' || i, 'municipality', n, '', '[]', lower(n), c, '', '', '', false, '', '', ''
    FROM generate_series(0, 14999) i,
        LATERAL (SELECT 'Partnerstadt ' || i || CASE WHEN mod(i, 1500) = 0 THEN ' furt' ELSE ' dorf' END AS n,
                 CASE WHEN mod(i, 7) = 0 THEN 'DE' ELSE (%s::text[])[1 + mod(i, %s)] END AS c) x
"""
PAIRS = """
    WITH towns AS (SELECT id, country_code FROM register_actor WHERE slug LIKE 'twin-town-%%'),
         g AS (SELECT array_agg(id ORDER BY id) a FROM towns WHERE country_code = 'DE'),
         f AS (SELECT array_agg(id ORDER BY id) a FROM towns WHERE country_code <> 'DE')
    INSERT INTO register_relation (live, has_unpublished_changes, expired, locked, kind, title, title_en, country_code,
        since_note, since_note_en, status, category, note, note_en, updated_at, home_id, partner_id)
    SELECT true, false, false, false, 'municipal_partnership', '', '', p.country_code, '', '', 'active', '', '', '',
        now(), x.h, x.p
    FROM (SELECT CASE WHEN mod(i, 6) = 0 THEN g.a[1 + mod(i, cardinality(g.a))]
                      ELSE f.a[1 + mod(i * 7 + i / cardinality(g.a) + 1, cardinality(f.a))] END h,
                 f.a[1 + mod(i * 7 + i / cardinality(g.a), cardinality(f.a))] p
          FROM g, f, generate_series(0, 23999) i) x JOIN register_actor p ON p.id = x.p
    ON CONFLICT DO NOTHING
"""


@pytest.fixture
def twinnings():
    """15,000 towns (one in seven in Germany) and 24,000 twinnings, one in six of a German town (as in the real
    file, 17 %), written in bulk and then ANALYZEd as the importer does: the planner sees a register of the real
    one's size and proportions (smaller tables it reads whole, rightly). Returns a German town's id."""
    with connection.cursor() as cursor:
        cursor.execute(TOWNS, [COUNTRIES, len(COUNTRIES)])
        cursor.execute(PAIRS, [])
        _refresh_statistics()  # what the importer does after its writes
        cursor.execute(
            "SELECT home_id FROM register_relation WHERE kind = 'municipal_partnership' AND home_country = 'DE' LIMIT 1"
        )
        return cursor.fetchone()[0]


def test_the_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
        indexes = dict(cursor.fetchall())
        cursor.execute(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = 'weltnetz_search_searchentry'::regclass AND attname = 'search_vector'"
        )
        (vector_type,) = cursor.fetchone()
    assert vector_type == "tsvector"
    assert "USING gin (search_vector)" in indexes["weltnetz_search_vector_gin"]
    for name, column in [
        ("actor_name_key_trgm", "name_key gin_trgm_ops"),
        ("actor_name_upper_trgm", "upper((name)::text) gin_trgm_ops"),
        ("actor_name_en_upper_trgm", "upper((name_en)::text) gin_trgm_ops"),
    ]:
        assert f"USING gin ({column})" in indexes[name]
    assert "(kind, country_code, live)" in indexes["relation_kind_country_live"]


def test_the_twinnings_questions_read_no_table_whole(client, twinnings):
    """Every query of each answer (page ids, count, the page's rows) reads the twinnings through an index."""
    questions = ["place_country=FR", "place_country=DE", "place_country=JP&page=2", "q=furt", f"place={twinnings}"]
    for question in questions:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/relations?{KIND}&{question}&page_size=50")
        assert response.status_code == 200 and response.json()["count"] > 0, question
        plans = {q["sql"]: explain(q["sql"]) for q in queries.captured_queries if "register_relation" in q["sql"]}
        assert len(plans) >= 2, question  # the page's ids and its rows at least
        for sql, plan in plans.items():
            assert sequential_scans(plan) == [], f"{question}: {sql}\n{plan}"


def test_a_part_of_a_name_is_found_by_the_trigram_index(twinnings):
    from weltnetz.register.models import Actor

    found = Actor.objects.filter(name_key__contains="furt")
    assert found.count() == 10  # towns 0, 1500, ... 13500
    plan = explain(*found.values("id").query.sql_with_params())
    assert "actor_name_key_trgm" in plan and sequential_scans(plan) == [], plan
    named = Actor.objects.filter(name__icontains="FURT")
    plan = explain(*named.values("id").query.sql_with_params())
    assert "actor_name_upper_trgm" in plan and sequential_scans(plan) == [], plan


def test_the_country_count_is_one_index_read_per_side(twinnings):
    """`country IN (...) OR home IN (places of the country)`: a bitmap index scan for each side, never a hashed
    subplan over the whole table (what `IN (subquery)` inside an OR gives on PostgreSQL)."""
    from weltnetz.register.models import Relation

    selection = Relation.objects.public().municipal().touching_country("FR")
    plan = explain(*selection.order_by().values("id").query.sql_with_params())
    assert "BitmapOr" in plan and "hashed SubPlan" not in plan, plan
    assert (
        selection.count()
        == Relation.objects.filter(live=True, kind="municipal_partnership").filter(country_code="FR").count()
        + Relation.objects.filter(kind="municipal_partnership", home__country_code="FR")
        .exclude(country_code="FR")
        .count()
    )


def test_a_text_search_is_one_statement(client, twinnings):
    """The search's hits for `q` are looked up inside the page's statement: besides the data version, one
    statement answers a small selection, whether the full text finds the places (Kanagawa, a partner of the
    register's data) or only the folded names do (furt, part of the twin towns' names)."""
    for question in ("q=furt", "q=Kanagawa", f"{KIND}&q=furt&place_country=FR"):
        statements: list[str] = []

        def record(execute, sql, params, many, context, statements=statements):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            response = client.get(f"/api/v1/relations?{question}&page_size=50")
        assert response.status_code == 200 and response.json()["count"] > 0, question
        searching = [s for s in statements if "weltnetz_search_searchentry" in s or "name_key" in s]
        assert len(searching) == 1 and "register_relation" in searching[0], (question, statements)


def test_a_facet_page_reads_its_rows_in_one_statement(client, twinnings):
    """A page with facets: the data version, the facet's counts, and one statement for the page's rows (its ids
    a subquery); as two statements, the rows' one was planned afresh on every request."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(f"/api/v1/relations?{KIND}&facets=country&page_size=1&page=3")
    assert response.status_code == 200 and len(response.json()["results"]) == 1
    relations = [s for s in statements if 'FROM "register_relation"' in s and "weltnetz_data_version" not in s]
    assert len(relations) == 2, statements  # the facet's counts, and the page with its rows
    assert any("= ANY(ARRAY(SELECT" in s for s in relations), relations
