"""Benchmark of the full-text search: index build time and queries/s on the BW data plus synthetic towns.

    python bench/bench_search.py [--actors 30000] [--relations 26000] [--seconds 1]

Builds a fresh database in a temporary folder (SQLite; set DATABASE_URL to an empty PostgreSQL database to
measure that instead - it is migrated and filled), loads the Baden-Württemberg data and the portal, adds
synthetic towns and twinnings as the twin-town import would (inside `deferred()`), then runs each query
repeatedly for a fixed time and prints a table.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

QUERIES = [
    "Kanagawa",
    "Partnerschaften",
    "Kooperationen",
    "Baden-Württemberg",
    "Städtepartnerschaft Frankreich",
    "Lodz",
    '"NEAR(*) -: ^',
    "zzzznotfound",
]
SYLLABLES = [
    "berg",
    "dorf",
    "heim",
    "hausen",
    "stadt",
    "bach",
    "feld",
    "burg",
    "au",
    "wil",
    "ingen",
    "lingen",
    "sur",
    "ville",
    "mont",
    "court",
    "ach",
    "weiler",
    "brück",
    "kirch",
    "rode",
    "see",
    "tal",
    "horn",
]
COUNTRIES = ["FR", "IT", "PL", "GB", "AT", "CH", "HU", "CZ", "ES", "US", "JP", "CN", "NL", "BE", "RO"]


def setup(tmp: str) -> None:
    os.environ["WELTNETZ_VAR_DIR"] = tmp
    os.environ.setdefault("WELTNETZ_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weltnetz.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_register", verbosity=0)
    call_command("setup_portal", verbosity=0)


def synthetic(n_actors: int, n_relations: int) -> float:
    """Create towns and twinnings in bulk inside deferred(); returns the seconds the indexing at the end took."""
    from weltnetz.register.models import Actor, Relation
    from weltnetz.register.names import fold
    from weltnetz.search import index

    rng = random.Random(42)
    towns = []
    for i in range(n_actors):
        name = (
            rng.choice(SYLLABLES).capitalize()
            + rng.choice(SYLLABLES)
            + rng.choice(["", "en", "er"])
            + (f" {i}" if i % 3 else "")
        )
        towns.append(
            Actor(
                slug=f"town-{i}",
                kind="municipality",
                name=name,
                name_key=fold(name),
                country_code=rng.choice(COUNTRIES),
                aliases=[],
            )
        )
    towns = Actor.objects.bulk_create(towns, batch_size=2000)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_relations:
        a, b = rng.sample(range(n_actors), 2)
        pairs.add((a, b))
    relations = [
        Relation(
            kind="municipal_partnership",
            home=towns[a],
            partner=towns[b],
            since=rng.randint(1950, 2020),
            category="partnership",
            country_code=towns[b].country_code,
            live=True,
        )
        for a, b in sorted(pairs)
    ]
    Relation.objects.bulk_create(relations, batch_size=2000)
    t0 = time.perf_counter()
    index.reindex_all(kinds=["actor", "relation"])
    return time.perf_counter() - t0


def rate(q: str, seconds: float) -> tuple[float, int, float | None]:
    from weltnetz.search.query import search

    runs, t0 = 0, time.perf_counter()
    first = None
    while (elapsed := time.perf_counter() - t0) < seconds or runs == 0:
        start = time.perf_counter()
        results = search(q, limit=20)
        first = first if first is not None else (time.perf_counter() - start) * 1000
        runs += 1
    return runs / elapsed, results.total, first


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=30_000, help="synthetic towns to add (default 30000)")
    parser.add_argument("--relations", type=int, default=26_000, help="synthetic twinnings to add (default 26000)")
    parser.add_argument("--seconds", type=float, default=1.0, help="seconds to run each query (default 1)")
    parser.add_argument("--inner", help=argparse.SUPPRESS)  # the worker process, given its folder
    args = parser.parse_args(argv)
    if not args.inner:
        # A process of its own: `python -m bench` may already have set Django up for another benchmark.
        with tempfile.TemporaryDirectory(prefix="weltnetz-bench-") as tmp:
            cmd = [
                sys.executable,
                __file__,
                "--inner",
                tmp,
                "--actors",
                str(args.actors),
                "--relations",
                str(args.relations),
                "--seconds",
                str(args.seconds),
            ]
            return subprocess.run(cmd, env={**os.environ, "WELTNETZ_VAR_DIR": tmp}, check=False).returncode
    setup(args.inner)
    from django.db import connection

    index_seconds = synthetic(args.actors, args.relations)
    from weltnetz.search.models import SearchEntry

    print(
        f"database: {connection.vendor}   entries: {SearchEntry.objects.count()}   "
        f"index build (actors + relations): {index_seconds:.1f} s"
    )
    print(f"{'query':<32} {'hits':>7} {'first ms':>9} {'queries/s':>10}")
    for q in QUERIES:
        qps, total, first = rate(q, args.seconds)
        print(f"{q[:32]:<32} {total:>7} {first:>9.1f} {qps:>10.1f}")
    qps, total, first = rate("Kanagawa " * 1200, args.seconds)
    print(f"{'(10,000 characters)':<32} {total:>7} {first:>9.1f} {qps:>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
