"""weltnetz against Datasette on the 25,917 town twinnings: import time, then four questions under load.

    .venv/bin/python bench/bench_twins.py [--csv ../shared/data/twin_cities.csv] [--requests 400] [--concurrency 4]
                                          [--million] [--map]

Datasette side: `sqlite-utils insert twins.db twin_cities FILE --csv`, `sqlite-utils enable-fts` on city1 and
city2, `datasette serve` on a loopback port. weltnetz side: a fresh var dir prepared as `make db` does (migrate,
load_register, setup_portal, collectstatic), `weltnetz import twins FILE`, then `weltnetz serve` (gunicorn) as
the README's run command. The same questions go to both from client processes of this script with the same
concurrency: (a) the twinnings of one country, 50 per page, (b) facet counts by country, (c) a full-text search
for a town, (d) one town's twins. Prints req/s, p50, p99 per side and the ratio weltnetz/Datasette, and the
counts each side answers, checked against the raw rows de-duplicated by SQL (a pair and its reverse once).
--million also imports a generated 1,000,000-row file with --dry-run and prints time and peak memory;
--map runs bench/bench_map.py against the weltnetz server.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))
from common import free_port, load, make_db, start, stop  # noqa: E402

BIN = Path(sys.executable).parent
COUNTRY, COUNTRY_NAME = "JP", "Japan"
SEARCH = "Frankfurt"
TOWN, TOWN_COUNTRY = "Stuttgart", "Germany"


def run(cmd: list[str], env: dict | None = None) -> float:
    """Run a command to completion and return its wall time; fail loudly with its output."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t


MEASURED = """import resource, sys
from weltnetz.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(f"peak-rss-kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


def import_measured(path: Path, env: dict, *flags: str) -> tuple[float, int, float, str]:
    """`weltnetz import twins` in a child: (seconds, exit code, peak memory in MiB, last line of stderr)."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", MEASURED, "import", "twins", str(path), *flags],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    t = time.perf_counter() - t
    lines = proc.stderr.strip().splitlines()
    peak = next((int(x.split()[1]) for x in lines if x.startswith("peak-rss-kib")), 0) / 1024
    message = next((x for x in reversed(lines) if not x.startswith("peak-rss-kib")), "")
    if proc.returncode and not flags:
        raise SystemExit(f"import failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return t, proc.returncode, peak, message


def reference_pairs(path: Path) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    """The CSV's distinct unordered pairs of (folded name, ISO country), read with the importer's parser: the
    answer both sides should give once a pair and its reverse and the spellings of a country count once."""
    import django

    django.setup()
    from weltnetz.importers.twin_cities import Pair, read_pairs
    from weltnetz.register.names import fold

    pairs = set()
    with path.open("rb") as f:
        for item in read_pairs(f):
            if isinstance(item, Pair):
                a, b = (fold(item.a.name), item.a.country), (fold(item.b.name), item.b.country)
                if a != b:
                    pairs.add((min(a, b), max(a, b)))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=REPO.parent / "shared" / "data" / "twin_cities.csv")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--map", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (databases, var dir)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-twins-"))
    var = tmp / "var"
    var.mkdir()
    env = {
        "WELTNETZ_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "weltnetz.settings.dev",
        "WELTNETZ_SECRET_KEY": "bench-only",
        "DATABASE_URL": "",
    }
    env.pop("DATABASE_URL")
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)

    # -- import ---------------------------------------------------------------------------------------------
    db = tmp / "twins.db"
    t_insert = run([str(BIN / "sqlite-utils"), "insert", str(db), "twin_cities", str(args.csv), "--csv"])
    t_fts = run([str(BIN / "sqlite-utils"), "enable-fts", str(db), "twin_cities", "city1", "city2"])
    weltnetz = str(BIN / "weltnetz")
    make_db(env)
    t_import, _, peak_import, _ = import_measured(args.csv, env)
    print(f"\nImport of {args.csv.name}")
    print(f"  sqlite-utils insert --csv        {t_insert:7.2f} s   (+ enable-fts {t_fts:.2f} s)")
    print(
        f"  weltnetz import twins            {t_import:7.2f} s   (normalise, merge places, states, relations,"
        f" citations, search index); peak memory {peak_import:.0f} MiB"
    )
    print(
        f"  ratio weltnetz/sqlite-utils      {t_import / t_insert:7.1f} x slower"
        f"   ({t_import / (t_insert + t_fts):.1f} x against insert + FTS)"
    )

    # -- servers --------------------------------------------------------------------------------------------
    dport, wport = free_port(), free_port()
    dbase, wbase = f"http://127.0.0.1:{dport}", f"http://127.0.0.1:{wport}"
    datasette = start(
        [str(BIN / "datasette"), "serve", str(db), "-p", str(dport), "-h", "127.0.0.1"], f"{dbase}/-/versions.json"
    )
    server = start([weltnetz, "serve", "--bind", f"127.0.0.1:{wport}"], f"{wbase}/api/v1/topics", env)
    # The same server with its answer cache switched off: what each question costs when computed afresh.
    uport = free_port()
    ubase = f"http://127.0.0.1:{uport}"
    uncached = start(
        [weltnetz, "serve", "--bind", f"127.0.0.1:{uport}"],
        f"{ubase}/api/v1/topics",
        {**env, "WELTNETZ_API_CACHE_SECONDS": "0"},
    )
    try:
        with httpx.Client(timeout=30) as c:
            found = c.get(
                f"{wbase}/api/v1/places", params={"q": TOWN, "country": "DE", "kind": "municipality", "page_size": 500}
            ).json()["results"]
            town_id = next(p["id"] for p in found if p["name"] == TOWN)
        either = f"(country1 = '{COUNTRY_NAME}' or country2 = '{COUNTRY_NAME}')"
        town = (
            f"((city1 = '{TOWN}' and country1 = '{TOWN_COUNTRY}') or "
            f"(city2 = '{TOWN}' and country2 = '{TOWN_COUNTRY}'))"
        )
        fts = f"rowid in (select rowid from twin_cities_fts where twin_cities_fts match '{SEARCH}')"
        kind = "kind=municipal_partnership"
        questions = [
            (
                "(a) twinnings of one country, 50/page",
                f"/api/v1/relations?{kind}&place_country={COUNTRY}&page_size=50",
                f"/twins/twin_cities.json?_where={quote(either)}&_size=50&_nosuggest=1",
                either,
            ),
            (
                "(b) facet counts by country",
                f"/api/v1/relations?{kind}&facets=country&page_size=1",
                "/twins/twin_cities.json?_facet=country1&_facet=country2&_size=1&_nosuggest=1",
                "1",
            ),
            (
                "(c) full-text search for a town",
                f"/api/v1/relations?{kind}&q={SEARCH}&page_size=50",
                f"/twins/twin_cities.json?_search={SEARCH}&_size=50&_nosuggest=1",
                fts,
            ),
            (
                "(d) one town's twins",
                f"/api/v1/relations?{kind}&place={town_id}&page_size=50",
                f"/twins/twin_cities.json?_where={quote(town)}&_size=50&_nosuggest=1",
                town,
            ),
        ]
        pairs = reference_pairs(args.csv)
        checks = [
            lambda a, b: COUNTRY in (a[1], b[1]),
            lambda a, b: True,
            lambda a, b: SEARCH.lower() in a[0].split() or SEARCH.lower() in b[0].split(),
            lambda a, b: (TOWN.lower(), "DE") in (a, b),
        ]
        rows = []
        for (title, wpath, dpath, _where), check in zip(questions, checks, strict=True):
            with httpx.Client(timeout=30) as c:
                wcount = c.get(wbase + wpath).json()["count"]
                dcount = c.get(dbase + dpath).json()["filtered_table_rows_count"]
            ref = sum(1 for a, b in pairs if check(a, b))
            w = load(wbase + wpath, requests=args.requests, concurrency=args.concurrency)
            u = load(ubase + wpath, requests=args.requests, concurrency=args.concurrency)
            d = load(dbase + dpath, requests=args.requests, concurrency=args.concurrency)
            rows.append((title, w, u, d, wcount, dcount, ref))
    finally:
        stop(server)
        stop(uncached)
        stop(datasette)

    print(
        f"\n{args.requests} requests per question and side, {args.concurrency} keep-alive clients"
        f" (country {COUNTRY}, search '{SEARCH}', town {TOWN})"
    )
    head = (
        f"{'question':40} {'weltnetz req/s':>14} {'p50 ms':>7} {'p99 ms':>7}  {'Datasette req/s':>15}"
        f" {'p50 ms':>7} {'p99 ms':>7}  {'ratio':>6}  {'count W':>7} {'rows D':>7} {'CSV pairs':>9}  same"
    )
    print(head)
    print("-" * len(head))
    for title, w, _u, d, wcount, dcount, ref in rows:
        print(
            f"{title:40} {w.rps:14.0f} {w.p50_ms:7.1f} {w.p99_ms:7.1f}  {d.rps:15.0f} {d.p50_ms:7.1f}"
            f" {d.p99_ms:7.1f}  {w.rps / d.rps:6.2f}  {wcount:7d} {dcount:7d} {ref:9d}  "
            f"{'yes' if wcount == ref else 'no'}{'' if not (w.errors or d.errors) else '  errors!'}"
        )
    print("\nThe same with weltnetz's answer cache off (WELTNETZ_API_CACHE_SECONDS=0): every answer computed afresh")
    head = f"{'question':40} {'weltnetz req/s':>14} {'p50 ms':>7} {'p99 ms':>7}  {'Datasette req/s':>15}  {'ratio':>6}"
    print(head)
    print("-" * len(head))
    for title, _w, u, d, *_ in rows:
        print(
            f"{title:40} {u.rps:14.0f} {u.p50_ms:7.1f} {u.p99_ms:7.1f}  {d.rps:15.0f}  {u.rps / d.rps:6.2f}"
            f"{'' if not u.errors else '  errors!'}"
        )
    print(
        "count W: weltnetz's count; rows D: Datasette's matching rows (a pair and its reverse are two rows);"
        "\nCSV pairs: the file's distinct unordered pairs (folded name, ISO country) - the de-duplicated answer;"
        "\nweltnetz may be lower where it merged places written differently (same name within 5 km, parts)."
    )

    if args.million:
        million(tmp, env, args.csv)
    if args.map:
        subprocess.run([sys.executable, str(REPO / "bench" / "bench_map.py"), "--var", str(var)], check=False)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


def million(tmp: Path, env: dict, source: Path) -> None:
    """A 1,000,001-row file (the real rows repeated, one bad row last) with --strict: time, memory, message."""
    path = tmp / "million.csv"
    with source.open(encoding="utf-8") as f, path.open("w", encoding="utf-8", newline="") as out:
        rows = list(csv.reader(f))
        w = csv.writer(out)
        w.writerow(rows[0])
        for i in range(1_000_000):
            w.writerow(rows[1 + i % (len(rows) - 1)])
        w.writerow(["Ulm", "Germany", "95.0", "9.99", "Wien", "Austria", "48.2", "16.37"])
    del rows
    t, code, peak, message = import_measured(path, env, "--strict")
    print(
        f"\n1,000,001-row file ({path.stat().st_size / 1e6:.0f} MB, the real rows repeated, a latitude of 95 in the"
        f" last row), --strict: {t:.1f} s, exit {code}, peak memory {peak:.0f} MiB\n  {message[:400]}"
    )


if __name__ == "__main__":
    main()
