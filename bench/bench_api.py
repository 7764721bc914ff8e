"""Benchmark of the open-data API under load, with the Baden-Württemberg data plus the 25,917 town twinnings.

    .venv/bin/python bench/bench_api.py [--csv ../shared/data/twin_cities.csv] [--requests 400] [--concurrency 4]

Prepares a fresh var dir as `make db` does (migrate, load_register, setup_portal, collectstatic), imports the
twinnings with `weltnetz import twins` when the CSV is found, starts `weltnetz serve` (gunicorn, the README's
run command) on a free loopback port, and fires requests from client processes for (a) a country filter,
(b) facet counts, (c) a full-text query, (d) the GeoJSON export. Prints the first (uncached) answer's time,
requests/s, p50 and p99 for each.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import free_port, load, make_db, start, stop  # noqa: E402

BIN = Path(sys.executable).parent
DEFAULT_CSV = next(
    (p for p in (REPO / "data" / "twin_cities.csv", REPO.parent / "shared" / "data" / "twin_cities.csv") if p.exists()),
    None,
)
QUESTIONS = [
    ("(a) country filter, 50/page", "/api/v1/relations?country=FR&page_size=50"),
    ("(b) facet counts (5 facets)", "/api/v1/relations?facets=kind,country,status,topic,continent&page_size=1"),
    ("(c) full-text query", "/api/v1/relations?q=Partnerschaft&page_size=50"),
    ("(d) GeoJSON export (all)", "/api/v1/relations.geojson"),
]


def prepare(var: Path, csv: Path | None) -> dict[str, str]:
    """A fresh database as `make db` builds it, plus the twinnings; returns the server's environment."""
    env = {**os.environ, "WELTNETZ_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "weltnetz.settings.dev"}
    make_db(env, *([["import", "twins", str(csv)]] if csv is not None else []), report=True)
    return env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="twin-town CSV to import (default: shipped)")
    parser.add_argument("--no-twins", action="store_true", help="only the Baden-Württemberg data")
    parser.add_argument("--requests", type=int, default=400, help="requests per question")
    parser.add_argument("--concurrency", type=int, default=4, help="client processes")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: the serve default)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="weltnetz-bench-api-") as tmp:
        print("preparing a fresh database:")
        env = prepare(Path(tmp), None if args.no_twins else args.csv)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [str(BIN / "weltnetz"), "serve", "--bind", f"127.0.0.1:{port}"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        server = start(cmd, f"{base}/api/v1/topics", env)
        rows = []
        try:
            with httpx.Client(timeout=120) as client:
                total = client.get(f"{base}/api/v1/relations?page_size=1").json()["count"]
                for label, path in QUESTIONS:
                    t = time.perf_counter()
                    first = client.get(base + path)
                    cold = (time.perf_counter() - t) * 1000
                    first.raise_for_status()
                    with client.stream("GET", base + path, headers={"Accept-Encoding": "gzip"}) as streamed:
                        wire = sum(len(chunk) for chunk in streamed.iter_raw())
                    result = load(base + path, requests=args.requests, concurrency=args.concurrency)
                    rows.append((label, cold, result, len(first.content), wire))
        finally:
            stop(server)

    print(
        f"\nweltnetz API, {total} published relations, gunicorn via `weltnetz serve`, "
        f"{args.concurrency} keep-alive clients, {args.requests} requests per question"
    )
    head = (
        f"{'question':34} {'first ms':>9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'bytes':>10}"
        f" {'gzipped':>9}"
    )
    print(head)
    print("-" * len(head))
    for label, cold, r, size, wire in rows:
        print(
            f"{label:34} {cold:9.1f} {r.rps:8.1f} {r.p50_ms:7.1f} {r.p99_ms:7.1f} {r.errors:6d} {size:10,d} {wire:9,d}"
        )
    print(
        "first ms: the first, uncached answer; the rest reuse the response cached per register version and query.\n"
        "bytes: the answer; gzipped: what goes over the wire to a client that accepts gzip (the load clients do,\n"
        "and decompress every answer on the same two cores the server uses)."
    )


if __name__ == "__main__":
    main()
