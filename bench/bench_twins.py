"""weltnetz against Datasette on the 25,917 town twinnings: the import, four questions under wrk, portal pages.

    .venv/bin/python bench/bench_twins.py [--csv ../shared/data/twin_cities.csv] [--duration 10] [--repeats 1]
                                          [--connections 16] [--sizes 200000,1000000] [--skip-import-sizes]
                                          [--map] [--keep] [--postgres URL [--only-postgres]] [--ports 8400-8499]
                                          [--only import] [--import-repeats N]

Import: `sqlite-utils insert --csv` + `enable-fts` (city1, city2) + indexes (country1, country2, city1, city2)
against `weltnetz import twins` (countries, place merging, states, citations, search index), on the real file
and on synthetic files of `--sizes` distinct pairs that this script generates (same columns, new town names,
coordinates near real towns of the same country); time, peak memory, ratio, and `--dry-run`. The largest size is
also imported with 1 % broken rows, with and without `--strict`. `--only import` runs this part alone (no servers,
no wrk); `--import-repeats 3` measures each file three times (sqlite-utils and weltnetz taking turns, each on a fresh
copy of the register) and shows the median ratio. Every row names the load average seen while it was measured.

Questions: Datasette 0.65.5 (`datasette serve`) over the sqlite-utils database, and `weltnetz serve` (gunicorn, as
`make run` serves it) with its answer cache off (WELTNETZ_API_CACHE_SECONDS=0): every answer computed afresh. wrk
(compiled, `apt-get install wrk`) sends 50 different URLs per question round-robin (a Lua script), `--connections`
keep-alive connections, `--duration` seconds, `--repeats` runs (the median is printed). The questions: (a) one
country's twinnings, 50 per page (50 countries), (b) facet counts by country (50 pages of one facet question),
(c) full-text search for a town (50 town names), (d) one town's twins (50 towns). Each weltnetz answer's count is
checked against the file's distinct pairs (a pair and its reverse once, read with the importer's parser).

Portal pages: the default `weltnetz serve` (page cache on) under wrk with gzip: /de/, a partner page, the lists,
search, a town page.

`--postgres postgres://user@host:5432/postgres` also builds the same register on that PostgreSQL server, in a
database of its own (`bench_twins_pg`, created, and dropped at the end unless `--keep`) the way `make db` does
(migrate, load_register, import twins of the same file, setup_portal), serves it with the same `weltnetz serve`
(answer cache off) and asks both registers the four questions with wrk, one after the other: a table of SQLite
and PostgreSQL requests/s, their ratio, and whether every URL's count is the same on both. Then the plans: the
EXPLAIN ANALYZE of every query for one URL per question (bench/plans_postgresql.py), printed under "Plans" and
written to bench/plans_postgresql.md. `--only-postgres` leaves out Datasette and the portal pages.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))
from common import free_port, make_db, start, stop  # noqa: E402

BIN = Path(sys.executable).parent
PORTS = range(8400, 8500)  # the range this project's benchmarks may listen on (--ports)
PG_DATABASE = "bench_twins_pg"
TOWN_OF: dict[str, tuple[str, str]] = {}  # question (d)'s weltnetz path -> (folded name, country) of its town


def port() -> int:
    """A free port in PORTS (else any free loopback port)."""
    import socket

    for p in random.sample(list(PORTS), len(PORTS)):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", p))
                return p
            except OSError:
                continue
    return free_port()


def run(cmd: list[str], env: dict | None = None) -> float:
    """Run a command to completion and return its wall time; fail loudly with its output."""
    t = time.perf_counter()
    proc = subprocess.run(cmd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t


def measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, int, str, str, float]:
    """(wall seconds, peak memory MiB by GNU time's %M, exit code, stdout, stderr, CPU seconds) of a command."""
    t = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "peak-rss-kib %M cpu-s %U %S", *cmd],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    lines = proc.stderr.splitlines()
    stats = next((x.split() for x in lines if x.startswith("peak-rss-kib")), ["", "0", "", "0", "0"])
    peak, cpu = int(stats[1]) / 1024, float(stats[3]) + float(stats[4])
    err = "\n".join(x for x in lines if not x.startswith(("peak-rss-kib", "Command exited")))
    return wall, peak, proc.returncode, proc.stdout, err, cpu


def load_average() -> float:
    """The one-minute load average now (beside every figure: the machine is shared)."""
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def children_cpu() -> float:
    """CPU seconds of every finished child process so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# -- the import ------------------------------------------------------------------------------------------------------
UNKNOWN_COUNTRIES = {"Northern Cyprus"}  # the real file's one country name no ISO code stands for
SYLLABLES = "ka lo mi ne ru sa te vo bi da fe gu ha ji ko la ma no pe ri so tu va we xi yo za bre dor".split()


def town_name(i: int) -> str:
    """A new, pronounceable town name per number ("Kaloburg 3" style, unique)."""
    parts, n = [], i
    for _ in range(3):
        parts.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
    suffix = ("heim", "stadt", "dorf", "burg", "ville", "polis", "grad", "by")[n % 8]
    name = "".join(parts).capitalize() + suffix
    return name if n < 8 else f"{name} {n // 8}"


def synthetic(path: Path, pairs: int, source: Path, broken: float = 0.0, seed: int = 14) -> int:
    """Write `pairs` distinct pairs of new towns (same columns as the real file, coordinates near real towns of the
    same country); every 1/broken-th row is broken (a latitude of 95, an empty name, or a wrong field count).
    Returns the number of broken rows."""
    rng = random.Random(seed)
    with source.open(encoding="utf-8") as f:
        real = [
            (r[1], float(r[2]), float(r[3]))
            for r in csv.reader(f)
            if r and r[2] != "lat1" and r[2] and r[3] and r[1] not in UNKNOWN_COUNTRIES
        ]
    towns = max(2000, pairs // 8)
    places = []
    for i in range(towns):
        country, lat, lon = real[rng.randrange(len(real))]
        lat = max(-89.9, min(89.9, lat + rng.uniform(-0.3, 0.3)))
        lon = max(-179.9, min(179.9, lon + rng.uniform(-0.3, 0.3)))
        places.append((town_name(i), country, f"{lat:.4f}", f"{lon:.4f}"))
    every = int(1 / broken) if broken else 0
    bad = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"])
        for p in range(pairs):
            a = p % towns
            b = (a + 1 + p // towns) % towns
            row = [*places[a], *places[b]]
            if every and p % every == every - 1:
                bad += 1
                kind = (p // every) % 3
                if kind == 0:
                    row[2] = "95.0"
                elif kind == 1:
                    row[0] = ""
                else:
                    row = row[:7]
            w.writerow(row)
    return bad


def sqlite_utils_import(path: Path, db: Path) -> tuple[float, float, float]:
    """sqlite-utils insert + enable-fts + indexes: (insert s, fts s, index s)."""
    su = str(BIN / "sqlite-utils")
    t_insert = run([su, "insert", str(db), "twin_cities", str(path), "--csv"])
    t_fts = run([su, "enable-fts", str(db), "twin_cities", "city1", "city2"])
    t_index = 0.0
    for column in ("country1", "country2", "city1", "city2"):
        t_index += run([su, "create-index", str(db), "twin_cities", column])
    return t_insert, t_fts, t_index


def fresh_register(tmp: Path, name: str, base_env: dict, template: Path | None) -> tuple[dict, Path]:
    """A var dir with the database `make db` builds (copied from `template` when given)."""
    var = tmp / name
    env = {**base_env, "WELTNETZ_VAR_DIR": str(var)}
    if template is not None:
        shutil.copytree(template.parent, var, ignore=shutil.ignore_patterns("media", "counters"))
    else:
        var.mkdir()
        make_db(env)
    return env, var / "weltnetz.sqlite3"


def created(out: str) -> int:
    """'Relations created: N' of an import's report."""
    m = re.search(r"Relations created: (\d+)", out)
    return int(m[1]) if m else -1


def twinnings(db: Path) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT COUNT(*) FROM register_relation WHERE kind = 'municipal_partnership'").fetchone()[0]


def import_report(tmp: Path, base_env: dict, real_csv: Path, sizes: list[int], repeats: int = 1) -> Path:
    """Import the real file and the synthetic ones both ways; print the table; return the register built from the
    real file (the servers use it). Each measurement runs `repeats` times on a fresh copy (the median is shown),
    sqlite-utils and weltnetz taking turns, so a burst of load on the shared machine hits both sides."""
    print("\n## Import: weltnetz import twins against sqlite-utils insert + enable-fts + indexes\n", flush=True)
    template_env, template = fresh_register(tmp, "template", base_env, None)
    weltnetz = str(BIN / "weltnetz")
    rows = []
    files: list[tuple[str, Path, int]] = [(f"real file ({real_csv.name})", real_csv, 25_917)]
    for n in sizes:
        path = tmp / f"synthetic-{n}.csv"
        synthetic(path, n, real_csv)
        files.append((f"synthetic, {n:,} distinct pairs", path, n))
    real_db = None
    for label, path, n in files:
        runs = []
        for k in range(repeats):
            db = tmp / f"su-{n}.db"
            db.unlink(missing_ok=True)
            before, t0, load_su = children_cpu(), time.perf_counter(), load_average()
            t_insert, t_fts, t_index = sqlite_utils_import(path, db)
            t_su, cpu_su = time.perf_counter() - t0, children_cpu() - before
            env, target = fresh_register(tmp, f"var-{n}-{k}", base_env, template)
            load_dry = load_average()
            command = [weltnetz, "import", "twins", str(path)]
            dry, dry_peak, code, out, err, dry_cpu = measured([*command, "--dry-run"], env)
            if code:
                raise SystemExit(f"dry run of {path} failed: {out[-1000:]} {err[-1000:]}")
            load_w = load_average()
            wall, peak, code, out, err, cpu = measured(command, env)
            if code:
                raise SystemExit(f"import of {path} failed: {out[-1000:]} {err[-1000:]}")
            runs.append(
                (
                    t_insert,
                    t_fts + t_index,
                    t_su,
                    cpu_su,
                    wall,
                    cpu,
                    peak,
                    dry,
                    dry_cpu,
                    dry_peak,
                    created(out),
                    max(load_su, load_dry, load_w),
                )
            )
            if n == 25_917 and real_db is None:
                real_db = target
                shutil.copy(db, tmp / "twins.db")
            else:
                shutil.rmtree(target.parent, ignore_errors=True)
            db.unlink()
            print(
                f"  {label}: sqlite-utils {t_su:.1f} s, weltnetz {wall:.1f} s ({peak:.0f} MiB), "
                f"--dry-run {dry:.1f} s, load {runs[-1][-1]:.1f}",
                flush=True,
            )
        runs.sort(key=lambda r: r[4] / r[2])  # the median ratio
        rows.append((label, n, runs[len(runs) // 2]))
    head = (
        "| file | rows | sqlite-utils insert s | + FTS + indexes s | sqlite-utils total s (CPU s) | weltnetz import s "
        "(CPU s) | peak MiB | ratio | relations | --dry-run s (CPU s) | dry-run MiB | load |"
    )
    print("\n" + head + "\n|" + " --- |" + " ---: |" * 11)
    for label, n, r in rows:
        t_insert, t_extra, t_su, cpu_su, wall, cpu, peak, dry, dry_cpu, dry_peak, made, high = r
        print(
            f"| {label} | {n:,} | {t_insert:.1f} | {t_extra:.1f} | {t_su:.1f} ({cpu_su:.1f}) | {wall:.1f} ({cpu:.1f}) "
            f"| {peak:.0f} | **{wall / t_su:.2f}** | {made:,} | {dry:.1f} ({dry_cpu:.1f}) | {dry_peak:.0f} "
            f"| {high:.1f} |"
        )
    print(
        "\n(ratio: weltnetz wall ÷ sqlite-utils wall; CPU seconds in brackets; relations: created by the import, the "
        "real file's distinct pairs or the synthetic file's rows; load: the highest one-minute load average seen "
        "while the row was measured)"
    )
    if sizes:
        n = max(sizes)
        path = tmp / f"broken-{n}.csv"
        bad = synthetic(path, n, real_csv, broken=0.01, seed=15)
        print(f"\n{n:,} rows with {bad:,} broken ones (1 %): each is reported with its line number", flush=True)
        for flags in (["--strict"], []):
            env, target = fresh_register(tmp, f"var-broken{'-'.join(flags)}", base_env, template)
            before = twinnings(target)
            high = load_average()
            wall, peak, code, out, err, cpu = measured([weltnetz, "import", "twins", str(path), *flags], env)
            reported = sum(1 for x in err.splitlines() if re.match(r"\S+: line \d+: ", x))
            written = twinnings(target) - before
            high = max(high, load_average())
            last = err.splitlines()[-1] if code and err else ""
            print(
                f"  {' '.join(flags) or '(no flag)':10} {wall:6.1f} s (CPU {cpu:.1f} s), peak {peak:.0f} MiB, "
                f"exit {code}, "
                f"{reported:,} of {bad:,} broken rows reported with their line; {written:,} twinnings written "
                f"(expected {0 if flags else n - bad:,}); load {high:.1f}{'; ' + last[:160] if last else ''}",
                flush=True,
            )
            shutil.rmtree(target.parent, ignore_errors=True)
        path.unlink()
    for _, path, n in files:
        if n != 25_917:
            path.unlink(missing_ok=True)
    assert real_db is not None
    del template_env
    return real_db


# -- the questions ---------------------------------------------------------------------------------------------------
LUA = """
local paths = {%s}
local i = 0
init = function(args) i = math.random(#paths) end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {%s})
end
"""


def wrk(
    base: str, paths: list[str], seconds: int, connections: int, gzip: bool = False
) -> tuple[float, float, float, int]:
    """wrk against `paths` round-robin: (requests/s, p50 ms, p99 ms, non-2xx answers)."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    headers = '["Accept-Encoding"] = "gzip"' if gzip else ""
    script.write_text(LUA % (", ".join(f'"{p}"' for p in paths), headers))
    proc = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
    )
    script.unlink()
    out = proc.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]

    def ms(label: str) -> float:
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out)
        if not m:
            return float("nan")
        return float(m[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m[2]]

    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, ms("50%"), ms("99%"), int(bad[1]) if bad else 0


def median_wrk(base: str, paths: list[str], args: argparse.Namespace, gzip: bool = False) -> tuple:
    runs = [wrk(base, paths, args.duration, args.connections, gzip) for _ in range(args.repeats)]
    runs.sort(key=lambda r: r[0])
    return runs[len(runs) // 2]


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def questions(real_csv: Path) -> dict:
    """50 URLs per question for both sides, with the reference count of each (the file's distinct pairs)."""
    import django

    django.setup()
    from weltnetz.importers import countries
    from weltnetz.importers.twin_cities import Pair, read_pairs
    from weltnetz.register.models import Actor
    from weltnetz.register.names import fold

    pairs: set = set()
    written: dict[str, set[str]] = defaultdict(set)  # ISO code -> the country names the file writes
    towns: Counter = Counter()
    raw_names: dict[tuple[str, str], str] = {}
    with real_csv.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for side in "12":
                c = countries.resolve(row[f"country{side}"])
                if c:
                    written[c.code].add(row[f"country{side}"])
    with real_csv.open("rb") as f:
        for item in read_pairs(f):
            if isinstance(item, Pair):
                a, b = (fold(item.a.name), item.a.country), (fold(item.b.name), item.b.country)
                if a != b and (min(a, b), max(a, b)) not in pairs:
                    pairs.add((min(a, b), max(a, b)))
                    towns[a] += 1
                    towns[b] += 1
                    raw_names.setdefault(a, item.a.name)
                    raw_names.setdefault(b, item.b.name)
    by_country = Counter(c for a, b in pairs for c in {a[1], b[1]})
    kind = "kind=municipal_partnership"
    out: dict[str, list[tuple[str, str, int]]] = {"a": [], "b": [], "c": [], "d": []}
    for code, count in by_country.most_common(50):
        names = ", ".join(sql_text(n) for n in sorted(written[code]))
        where = quote(f"country1 in ({names}) or country2 in ({names})")
        out["a"].append(
            (
                f"/api/v1/relations?{kind}&place_country={code}&page_size=50",
                f"/twins/twin_cities.json?_where={where}&_size=50&_nosuggest=1",
                count,
            )
        )
    for page in range(1, 51):
        out["b"].append(
            (
                f"/api/v1/relations?{kind}&facets=country&page_size=1&page={page}",
                f"/twins/twin_cities.json?_facet=country1&_facet=country2&_size={page}&_nosuggest=1",
                len(pairs),
            )
        )
    words: Counter = Counter()
    for (name, _), seen in towns.items():
        if " " not in name and len(name) > 3:
            words[name] += seen
    for word, _ in words.most_common(50):
        count = sum(1 for a, b in pairs if word in a[0].split() or word in b[0].split())
        out["c"].append(
            (
                f"/api/v1/relations?{kind}&q={quote(word)}&page_size=50",
                f"/twins/twin_cities.json?_search={quote(word)}&_size=50&_nosuggest=1",
                count,
            )
        )
    for (name, code), twins in towns.most_common(50):
        actor = Actor.objects.filter(kind="municipality", name_key=name, country_code=code).first()
        if actor is None:
            continue
        raw = raw_names[(name, code)]
        TOWN_OF[f"/api/v1/relations?{kind}&place={actor.pk}&page_size=50"] = (name, code)
        names = ", ".join(sql_text(x) for x in sorted(written[code]))
        town = sql_text(raw)
        where = quote(f"(city1 = {town} and country1 in ({names})) or (city2 = {town} and country2 in ({names}))")
        out["d"].append(
            (
                f"/api/v1/relations?{kind}&place={actor.pk}&page_size=50",
                f"/twins/twin_cities.json?_where={where}&_size=50&_nosuggest=1",
                twins,
            )
        )
    return out


TITLES = {
    "a": "(a) one country's twinnings, 50/page",
    "b": "(b) facet counts by country",
    "c": "(c) full-text search for a town",
    "d": "(d) one town's twins",
}


def question_report(args: argparse.Namespace, wbase: str, dbase: str, urls: dict) -> None:
    print(
        f"\n## Four questions, 50 URLs each, wrk {args.connections} connections, {args.duration} s x {args.repeats}"
        f" (median); weltnetz answer cache off\n"
    )
    head = (
        "| question | weltnetz req/s | p50 / p99 ms | Datasette req/s | p50 / p99 ms | ratio | weltnetz counts = "
        "file's distinct pairs (pairs weltnetz merged) | Datasette rows (pairs and reverses) |"
    )
    print(head + "\n| --- |" + " ---: |" * 7)
    with httpx.Client(timeout=60) as c:
        for q, items in urls.items():
            same, rows, fewer = 0, 0, 0
            for wpath, dpath, ref in items:
                wcount = c.get(wbase + wpath).json()["count"]
                rows += c.get(dbase + dpath).json()["filtered_table_rows_count"]
                same += wcount == ref
                fewer += ref - wcount
            w = median_wrk(wbase, [x[0] for x in items], args)
            d = median_wrk(dbase, [x[1] for x in items], args)
            errors = "" if not (w[3] or d[3]) else f" (non-2xx: {w[3]} / {d[3]})"
            print(
                f"| {TITLES[q]} | {w[0]:.0f} | {w[1]:.1f} / {w[2]:.1f} | {d[0]:.0f} | {d[1]:.1f} / {d[2]:.1f} | "
                f"**{w[0] / d[0]:.2f}** | {same} of {len(items)} (all: {fewer:+,} pairs){errors} | {rows:,} in all |",
                flush=True,
            )


# -- PostgreSQL against SQLite ---------------------------------------------------------------------------------------
def postgres_url(server: str, database: str = PG_DATABASE) -> str:
    """`server` (any database URL on the PostgreSQL server) with the database name replaced."""
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))


def postgres_admin(server: str, statement: str) -> None:
    """Run CREATE/DROP DATABASE on the server's maintenance database (autocommit: they cannot run in a transaction)."""
    import psycopg

    with psycopg.connect(postgres_url(server, urlsplit(server).path.strip("/") or "postgres"), autocommit=True) as c:
        c.execute(statement)


def postgres_register(server: str, csv_path: Path, env: dict) -> str:
    """A fresh database with the register `make db` builds, from the same file; returns its URL."""
    print(f"\n## The same register on PostgreSQL (database {PG_DATABASE})\n", flush=True)
    postgres_admin(server, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    postgres_admin(server, f"CREATE DATABASE {PG_DATABASE}")
    url = postgres_url(server)
    weltnetz = str(BIN / "weltnetz")
    for step in (["migrate", "--no-input", "-v0"], ["load_register", "-v0"], ["import", "twins", str(csv_path)]):
        seconds = run([weltnetz, *step], {**env, "DATABASE_URL": url})
        print(f"  weltnetz {' '.join(step[:2]):20} {seconds:6.1f} s", flush=True)
    run([weltnetz, "setup_portal", "-v0"], {**env, "DATABASE_URL": url})
    return url


def postgres_paths(urls: dict, database_url: str) -> dict[str, list[str]]:
    """The questions' weltnetz paths for the PostgreSQL register: (d) names its town by the id it has there."""
    import psycopg

    out: dict[str, list[str]] = {}
    with psycopg.connect(database_url) as conn:
        for q, items in urls.items():
            paths = []
            for wpath, _, _ in items:
                if wpath in TOWN_OF:
                    row = conn.execute(
                        "SELECT id FROM register_actor WHERE kind = 'municipality' AND name_key = %s "
                        "AND country_code = %s ORDER BY name, id LIMIT 1",
                        TOWN_OF[wpath],
                    ).fetchone()
                    wpath = re.sub(r"place=\d+", f"place={row[0] if row else 0}", wpath)
                paths.append(wpath)
            out[q] = paths
    return out


def postgres_report(args: argparse.Namespace, sbase: str, pbase: str, urls: dict, pg_paths: dict) -> None:
    print(
        f"\n## SQLite against PostgreSQL: the four questions, 50 URLs each, wrk {args.connections} connections, "
        f"{args.duration} s x {args.repeats} (median); answer cache off; one server under load at a time\n"
    )
    print(
        "| question | SQLite req/s | p50 / p99 ms | PostgreSQL req/s | p50 / p99 ms | PG ÷ SQLite | same counts |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    )
    with httpx.Client(timeout=60) as c:
        for q, items in urls.items():
            spaths = [x[0] for x in items]
            same = sum(
                c.get(sbase + s).json()["count"] == c.get(pbase + p).json()["count"]
                for s, p in zip(spaths, pg_paths[q], strict=True)
            )
            s = median_wrk(sbase, spaths, args)
            p = median_wrk(pbase, pg_paths[q], args)
            errors = "" if not (s[3] or p[3]) else f" (non-2xx: {s[3]} / {p[3]})"
            print(
                f"| {TITLES[q]} | {s[0]:.0f} | {s[1]:.1f} / {s[2]:.1f} | {p[0]:.0f} | {p[1]:.1f} / {p[2]:.1f} | "
                f"**{p[0] / s[0]:.2f}** | {same} of {len(items)}{errors} |",
                flush=True,
            )


def postgres_plans(env: dict, database_url: str, pg_paths: dict, csv_name: str) -> None:
    """EXPLAIN ANALYZE of every query for the first URL of each question: printed, and written to a file."""
    paths = [pg_paths[q][0] for q in pg_paths]
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "plans_postgresql.py"), *paths],
        env={**os.environ, **env, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        print(f"\nPlans: bench/plans_postgresql.py failed:\n{proc.stderr[-2000:]}")
        return
    target = REPO / "bench" / "plans_postgresql.md"
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    text = (
        "# PostgreSQL plans of the four questions (bench/bench_twins.py --postgres)\n\n"
        f"One URL per question on the {PG_DATABASE} register (the twinnings of {csv_name}), answer "
        f"cache off; EXPLAIN (ANALYZE, BUFFERS) of every query it issues. {os.cpu_count()} cores, load average "
        f"{load} when the plans were taken (the times vary with it; the plans' shapes are the point).\n" + proc.stdout
    )
    target.write_text(text, encoding="utf-8")
    print(f"\n## Plans (PostgreSQL; also written to {target.relative_to(REPO)})\n{proc.stdout}")


def pages_report(args: argparse.Namespace, base: str) -> None:
    import django

    django.setup()
    from weltnetz.register.models import Actor

    town = Actor.objects.filter(kind="municipality", name="Stuttgart").first()
    pages = [
        ("/de/ (overview)", "/de/"),
        ("partner page", "/de/partner/kanagawa/"),
        ("list of relations", "/de/beziehungen/"),
        ("list of twinnings", "/de/staedtepartnerschaften/"),
        ("search", "/de/suche/?q=Partnerschaften"),
        ("town page (Stuttgart)", f"/de/ort/{town.slug}/" if town else "/de/"),
    ]
    print(f"\n## Portal pages, wrk {args.connections} connections, gzip, page cache on (default server)\n")
    print("| page | req/s | p50 / p99 ms | first answer ms |\n| --- | ---: | ---: | ---: |")
    for title, path in pages:
        with httpx.Client(timeout=60) as c:
            t = time.perf_counter()
            c.get(base + path)
            first = (time.perf_counter() - t) * 1000
        wrk(base, [path], 2, args.connections, gzip=True)  # warm-up: every worker renders the page once
        r = median_wrk(base, [path], args, gzip=True)
        bad = f" (non-2xx: {r[3]})" if r[3] else ""
        print(f"| {title} `{path}` | {r[0]:.0f}{bad} | {r[1]:.1f} / {r[2]:.1f} | {first:.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=REPO.parent / "shared" / "data" / "twin_cities.csv")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--repeats", type=int, default=1, help="wrk runs per question and side (median)")
    parser.add_argument("--only", choices=["import"], help="run only this part (import: no servers, no wrk)")
    parser.add_argument("--import-repeats", type=int, default=1, help="imports per file and side (the median ratio)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sizes", default="200000,1000000", help="synthetic files' distinct pairs, comma-separated")
    parser.add_argument("--map", action="store_true", help="also run bench/bench_map.py against the register")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (databases, var dirs)")
    parser.add_argument("--postgres", metavar="URL", help="also on this PostgreSQL server (postgres://user@host/db)")
    parser.add_argument("--only-postgres", action="store_true", help="with --postgres: no Datasette, no pages")
    parser.add_argument("--ports", default="8400-8499", help="the range of ports the servers may listen on")
    args = parser.parse_args()
    global PORTS
    first, _, last = args.ports.partition("-")
    PORTS = range(int(first), int(last or first) + 1)
    if shutil.which("wrk") is None and args.only != "import":
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load} at the start; load generator: wrk")
    tmp = Path(tempfile.mkdtemp(prefix="bench-twins-"))
    base_env = {"DJANGO_SETTINGS_MODULE": "weltnetz.settings.dev", "WELTNETZ_SECRET_KEY": "bench-only"}
    os.environ.pop("DATABASE_URL", None)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    real_db = import_report(tmp, base_env, args.csv, sizes, args.import_repeats)
    if args.only == "import":
        print(f"\nload average at the end: {load_average()}")
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    env = {**base_env, "WELTNETZ_VAR_DIR": str(real_db.parent)}
    os.environ.update(env)
    weltnetz = str(BIN / "weltnetz")
    dport, uport, wport = port(), port(), port()
    dbase, ubase, wbase = (f"http://127.0.0.1:{p}" for p in (dport, uport, wport))
    uncached = start(
        [weltnetz, "serve", "--bind", f"127.0.0.1:{uport}"],
        f"{ubase}/api/v1/topics",
        {**env, "WELTNETZ_API_CACHE_SECONDS": "0"},
    )
    try:
        urls = questions(args.csv)
        if not args.only_postgres:
            datasette = start(
                [str(BIN / "datasette"), "serve", str(tmp / "twins.db"), "-p", str(dport), "-h", "127.0.0.1"],
                f"{dbase}/-/versions.json",
            )
            try:
                question_report(args, ubase, dbase, urls)
            finally:
                stop(datasette)
        if args.postgres:
            database_url = postgres_register(args.postgres, args.csv, env)
            pg_paths = postgres_paths(urls, database_url)
            pport = port()
            pbase = f"http://127.0.0.1:{pport}"
            on_postgres = start(
                [weltnetz, "serve", "--bind", f"127.0.0.1:{pport}"],
                f"{pbase}/api/v1/topics",
                {**env, "WELTNETZ_API_CACHE_SECONDS": "0", "DATABASE_URL": database_url},
            )
            try:
                postgres_report(args, ubase, pbase, urls, pg_paths)
            finally:
                stop(on_postgres)
            postgres_plans(env, database_url, pg_paths, args.csv.name)
            if not args.keep:
                postgres_admin(args.postgres, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    finally:
        stop(uncached)
    if not args.only_postgres:
        server = start([weltnetz, "serve", "--bind", f"127.0.0.1:{wport}"], f"{wbase}/api/v1/topics", env)
        try:
            pages_report(args, wbase)
        finally:
            stop(server)
    with open("/proc/loadavg") as f:
        print(f"\nload average at the end: {f.read().split()[0]}")
    if args.map:
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "bench_map.py"), "--var", str(real_db.parent)], check=False
        )
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
