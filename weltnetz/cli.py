"""The `weltnetz` console command: Django's management commands plus a few friendly verbs.

weltnetz serve [--bind ADDR] [--workers N] [--threads N]   serve the portal with gunicorn (static via WhiteNoise)
weltnetz extract FILE... --out DIR           extract FACTS.md JSON without touching the database
weltnetz ingest FILE...                      propose a document's facts to the editors' review queue
weltnetz import twins FILE.csv               import town twinnings
weltnetz <any manage.py command>             e.g. migrate, load_register, createsuperuser
"""

from __future__ import annotations

import os
import sys


def _serve(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="weltnetz serve", description="Serve the portal with gunicorn.")
    parser.add_argument("--bind", default=os.environ.get("WELTNETZ_BIND", "127.0.0.1:8000"))
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WELTNETZ_WORKERS", (os.cpu_count() or 1) * 2 + 1)),
        help="worker processes (default: 2 x cores + 1)",
    )
    parser.add_argument(
        "--worker-class",
        default=os.environ.get("WELTNETZ_WORKER_CLASS", "gthread"),
        choices=("gthread", "sync"),
        help="gthread (default): threads that keep connections open; sync: one request per connection",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("WELTNETZ_THREADS", "1")),
        help="threads per worker (default: 1); the worker keeps its clients' connections open either way",
    )
    args = parser.parse_args(argv)
    from gunicorn.app.wsgiapp import run

    # Threaded workers keep a client's (or a reverse proxy's) connection open for the next request: sync
    # workers closed every connection, and opening them again cost more than a cached page (~2 ms of CPU).
    # One thread each by default: answering is CPU work under the GIL, and more threads per process only
    # contended for it (on PostgreSQL 4 threads served 12 % fewer answers than 1, with longer tails).
    sys.argv = [
        "gunicorn",
        "weltnetz.wsgi:application",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        "--keep-alive",
        "5",
    ]
    if os.environ.get("WELTNETZ_ACCESS_LOG"):  # no access log unless asked for: formatting one costs per request
        sys.argv += ["--access-logfile", "-"]
    return run() or 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["extract"]:
        from weltnetz_extract.cli import main as extract_main

        return extract_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weltnetz.settings.dev")
    if argv[:1] == ["serve"]:
        return _serve(argv[1:])
    if argv[:2] == ["import", "twins"]:
        argv = ["import_twin_cities", *argv[2:]]
    from django.core.management import execute_from_command_line

    _setup_django()
    execute_from_command_line(["weltnetz", *argv])
    return 0


def _setup_django() -> None:
    """Set Django up with the cycle collector paused, then move what set-up built out of its reach.

    Django and Wagtail leave some 160,000 objects behind at start-up; every full collection walked all of them
    again while a command allocated its rows (an import of the twin towns spent about 10 % of its time there).
    Frozen objects stay alive, as modules and settings would anyway.
    """
    import gc

    import django

    gc.disable()
    try:
        django.setup()
    finally:
        gc.freeze()
        gc.enable()


if __name__ == "__main__":
    raise SystemExit(main())
