"""EXPLAIN ANALYZE of every query weltnetz issues to answer some API paths, on the database DATABASE_URL names.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/weltnetz .venv/bin/python bench/plans_postgresql.py PATH...

Each path is answered once in this process (answer cache off; Django's test client) to warm up, then again
with its queries captured; each query is run again under EXPLAIN (ANALYZE, BUFFERS). Prints Markdown: per path
the queries' SQL (shortened) and plans, planning and execution times, and the twinnings' tables that a plan
reads whole (a Seq Scan on the relations, the places or the search entries), which should be none.
`bench/bench_twins.py --postgres` runs it for one URL per question.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weltnetz.settings.dev")
os.environ["WELTNETZ_API_CACHE_SECONDS"] = "0"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TWINNING_TABLES = ("register_relation", "register_actor", "weltnetz_search_searchentry", "register_relationcitation")
VERSION_QUERY = "FROM weltnetz_data_version"  # the data version's one-row lookup: left out of the notes


def shorten(sql: str, limit: int = 700) -> str:
    """The SQL with long literal lists cut ("{1,2,3,...}") and the whole cut to `limit` characters."""
    sql = re.sub(r"'\{([^}]{60})[^}]*\}'", r"'{\1...}'", sql)
    return sql if len(sql) <= limit else sql[:limit] + " ..."


def plans(paths: list[str]) -> str:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    if connection.vendor != "postgresql":
        raise SystemExit(f"DATABASE_URL names a {connection.vendor} database; this prints PostgreSQL's plans")
    client = Client()
    out = []
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        out.append(f"\n### `{path}` ({status})\n")
        planning = execution = 0.0
        whole: list[str] = []
        queries = [q["sql"] for q in captured.captured_queries if VERSION_QUERY not in q["sql"]]
        for sql in queries:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                lines = [row[0] for row in cursor.fetchall()]
            plan = "\n".join(lines)
            planning += sum(float(m) for m in re.findall(r"Planning Time: ([\d.]+) ms", plan))
            execution += sum(float(m) for m in re.findall(r"Execution Time: ([\d.]+) ms", plan))
            whole += [t for t in re.findall(r"Seq Scan on (\w+)", plan) if t in TWINNING_TABLES]
            out.append(f"```sql\n{shorten(sql)}\n```\n```\n{plan}\n```\n")
        out.append(
            f"{len(queries)} queries (and the data version's lookup): planning {planning:.2f} ms, execution "
            f"{execution:.2f} ms; tables of the twinnings read whole (Seq Scan): {', '.join(whole) or 'none'}\n"
        )
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    print(plans(sys.argv[1:]))
