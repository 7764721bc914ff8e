"""The editors' admin with the town twinnings imported: how long its edit pages take, and saving a draft.

    .venv/bin/python bench/bench_admin.py [--csv FILE] [--runs 5] [--port 8210]

A fresh database as `make db` builds it plus `weltnetz import twins` (about 17,000 towns), a superuser, then
`weltnetz serve` (gunicorn, as the README's run command). One signed-in client asks each page `--runs` times
after one warm-up request and prints the median and slowest time, and the page's size. The pages: the edit
forms of a state partnership, a twinning, a town, an agreement and the news article (whose partners were a
<select> of every actor before #9); the chooser's search for a town; the listings; and a "save draft" of a
relation (form read from the edit page, posted back unchanged; a page's StreamField is built by the browser, so
the news article's save is left to the browser tests). Target: under 1 s each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import WELTNETZ, free_port, make_db, start, stop  # noqa: E402

DEFAULT_CSV = next(
    (
        p
        for p in (
            REPO / "weltnetz" / "importers" / "data" / "twin_cities.csv",
            REPO / "data" / "twin_cities.csv",
            REPO.parent / "shared" / "data" / "twin_cities.csv",
        )
        if p.exists()
    ),
    None,
)
PASSWORD = "bench-only-password-3141"  # noqa: S105

IDS = """
import json
from weltnetz.portal.models import NewsPage
from weltnetz.register.models import Actor, Agreement, Relation
print(json.dumps({
    "relation": Relation.objects.get(partner__slug="kanagawa", kind="state_partnership").pk,
    "twinning": Relation.objects.filter(kind="municipal_partnership", home__name="Stuttgart").first().pk,
    "town": Actor.objects.get(name="Stuttgart", kind="municipality").pk,
    "agreement": Agreement.objects.order_by("pk").first().pk,
    "news": NewsPage.objects.order_by("pk").first().pk,
    "actors": Actor.objects.count(),
}))
"""


def pages(ids: dict) -> list[tuple[str, str]]:
    return [
        ("relation edit (state partnership)", f"/admin/snippets/register/relation/edit/{ids['relation']}/"),
        ("relation edit (twinning)", f"/admin/snippets/register/relation/edit/{ids['twinning']}/"),
        ("actor edit (Stuttgart)", f"/admin/snippets/register/actor/edit/{ids['town']}/"),
        ("agreement edit", f"/admin/snippets/register/agreement/edit/{ids['agreement']}/"),
        ("news article edit", f"/admin/pages/{ids['news']}/edit/"),
        ("partner chooser, search 'neustadt'", "/admin/snippets/choose/register/actor/?q=neustadt&multiple=1"),
        ("relation listing", "/admin/snippets/register/relation/"),
        ("actor listing", "/admin/snippets/register/actor/"),
    ]


def sign_in(client: httpx.Client, base: str) -> None:
    client.get(f"{base}/admin/login/")
    response = client.post(
        f"{base}/admin/login/",
        data={"username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": client.cookies["csrftoken"]},
        headers={"Referer": f"{base}/admin/login/"},
    )
    if response.status_code != 302:
        raise SystemExit(f"sign-in failed: {response.status_code}")


def timed(call) -> tuple[float, httpx.Response]:
    t = time.perf_counter()
    response = call()
    return time.perf_counter() - t, response


def measure(client: httpx.Client, url: str, runs: int) -> tuple[list[float], int]:
    client.get(url)  # warm-up
    times, size = [], 0
    for _ in range(runs):
        seconds, response = timed(lambda: client.get(url))
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        times.append(seconds)
        size = len(response.content)
    return times, size


def save_draft(client: httpx.Client, base: str, url: str, form_id: str, runs: int) -> list[float]:
    """Post the edit form back as it is (Wagtail's "save draft"); the form data is read from the page."""
    from wagtail.test.utils.form_data import querydict_from_html

    times = []
    for _ in range(runs):
        html = client.get(base + url).text
        body = querydict_from_html(html, form_id=form_id).urlencode()
        t = time.perf_counter()
        response = client.post(base + url, content=body, headers=FORM_HEADERS(url))
        seconds = time.perf_counter() - t
        if response.status_code != 302:
            raise SystemExit(f"save draft {url}: {response.status_code}\n{response.text[:2000]}")
        times.append(seconds)
    return times


def FORM_HEADERS(url: str) -> dict[str, str]:  # noqa: N802 - reads like the constant it almost is
    return {"Content-Type": "application/x-www-form-urlencoded", "Referer": url}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="twin-town CSV to import")
    parser.add_argument("--runs", type=int, default=5, help="timed requests per page")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--var", type=Path, help="keep the prepared database in this folder and reuse it next time")
    args = parser.parse_args(argv)
    if args.csv is None or not args.csv.exists():
        raise SystemExit("no twin-town CSV found: pass --csv FILE")

    with tempfile.TemporaryDirectory(prefix="weltnetz-bench-admin-") as scratch:
        tmp = str(args.var.resolve()) if args.var else scratch
        env = {**os.environ, "WELTNETZ_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "weltnetz.settings.dev"}
        env.pop("DATABASE_URL", None)
        if not (Path(tmp) / "weltnetz.sqlite3").exists():
            print(f"preparing a fresh database with {args.csv.name}:")
            make_db(env, ["import", "twins", str(args.csv)], report=True)
            subprocess.run(
                [WELTNETZ, "createsuperuser", "--noinput", "--username", "bench", "--email", "bench@example.org"],
                env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
                check=True,
                capture_output=True,
            )
        shell = subprocess.run([WELTNETZ, "shell", "-c", IDS], env=env, check=True, capture_output=True, text=True)
        ids = json.loads(shell.stdout.strip().splitlines()[-1])  # the shell may report its auto-imports first
        os.environ.update({"WELTNETZ_VAR_DIR": tmp, "DJANGO_SETTINGS_MODULE": "weltnetz.settings.dev"})
        import django

        django.setup()
        port = args.port or free_port()
        base = f"http://127.0.0.1:{port}"
        serve = [WELTNETZ, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        server = start(serve, f"{base}/admin/login/", env)
        try:
            with httpx.Client(timeout=120, headers={"Accept-Language": "de"}) as client:
                sign_in(client, base)
                client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
                print(f"\n{ids['actors']:,} actors in the register; {args.runs} runs per page after one warm-up\n")
                print(f"| {'admin page':40} | median ms | slowest ms | KiB |")
                print(f"| {'-' * 40} | ---: | ---: | ---: |")
                for label, path in pages(ids):
                    times, size = measure(client, base + path, args.runs)
                    med, worst = statistics.median(times) * 1000, max(times) * 1000
                    print(f"| {label:40} | {med:.0f} | {worst:.0f} | {size / 1024:.0f} |", flush=True)
                for label, path, form_id in [
                    (
                        "save draft: relation",
                        f"/admin/snippets/register/relation/edit/{ids['relation']}/",
                        "w-editor-form",
                    ),
                ]:
                    times = save_draft(client, base, path, form_id, args.runs)
                    med, worst = statistics.median(times) * 1000, max(times) * 1000
                    print(f"| {label:40} | {med:.0f} | {worst:.0f} | |", flush=True)
        finally:
            stop(server)


if __name__ == "__main__":
    main()
