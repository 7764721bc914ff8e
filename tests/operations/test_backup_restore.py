"""Backup and restore on the suite's database kind: a fresh database gets the same rows, search and pages back;
a truncated backup, or one from another version, is refused and changes nothing."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from ops_helpers import (
    _admin_connection,
    _with_database,
    make_database,
    postgres_server_url,
    run_weltnetz,
    weltnetz_env,
)

# Rows per table, search hits and rendered pages (CSRF tokens and nonces vary per request), as JSON on stdout.
SNAPSHOT = r"""
import hashlib, json, re
from django.test import Client
from weltnetz.operations.backup import table_counts
from weltnetz.search.query import search
client = Client(HTTP_HOST="localhost")
pages = {}
for path in ["/de/", "/en/", "/de/partner/kanagawa/", "/de/suche/?q=Partnerschaften", "/de/aktuelles/",
             "/api/v1/relations?page_size=100", "/api/v1/topics", "/de/barrierefreiheit/"]:
    response = client.get(path)
    body = re.sub(rb'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', b"", response.content)
    pages[path] = [response.status_code, hashlib.sha256(body).hexdigest()]
hits = search("Partnerschaften", limit=500)
print(json.dumps({"counts": table_counts(), "search": [hits.total, [h.url for h in hits]], "pages": pages}))
"""


def is_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


class Instance:
    """One weltnetz installation: a database of the suite's kind and a media folder."""

    def __init__(self, root: Path, made: list[str]):
        root.mkdir(parents=True, exist_ok=True)
        if is_postgres():
            name = f"{postgres_server_url().rsplit('/', 1)[1]}_bk_{uuid.uuid4().hex[:8]}"
            with _admin_connection() as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            made.append(name)
            url = _with_database(postgres_server_url(), name)
        else:
            url = f"sqlite:///{root / 'weltnetz.sqlite3'}"
        self.url = url
        self.media = root / "media"
        self.env = weltnetz_env(root, url, WELTNETZ_MEDIA_ROOT=str(self.media))

    def run(self, *args: str, check: bool = True):
        return run_weltnetz(*args, env=self.env, check=check)

    def snapshot(self) -> dict:
        return json.loads(self.run("shell", "-v0", "-c", SNAPSHOT).stdout)


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    made: list[str] = []
    root = tmp_path_factory.mktemp("backup")

    def make(name: str) -> Instance:
        return Instance(root / name, made)

    yield make
    with _admin_connection() as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def source(instances):
    """An installation as `make db` leaves it, plus an editor's uploaded document."""
    origin = instances("source")
    make_database(origin.env)
    origin.run(
        "shell",
        "-v0",
        "-c",
        "from django.core.files.base import ContentFile; from wagtail.documents import get_document_model; "
        "d = get_document_model()(title='Protokoll'); "
        "d.file.save('protokoll.pdf', ContentFile(b'%PDF-1.4 Protokoll'), save=False); d.save()",
    )
    return origin


@pytest.fixture(scope="module")
def backup(source, tmp_path_factory):
    path = tmp_path_factory.mktemp("files") / "weltnetz.tar.gz"
    result = source.run("backup", str(path))
    assert "Backup written" in result.stdout
    return path


@pytest.fixture(scope="module")
def restored(backup, instances):
    """A fresh installation (an empty database, not even migrated) restored from the backup."""
    target = instances("fresh")
    result = target.run("restore", str(backup), "--no-input")
    assert "Restored" in result.stdout and "media files restored" in result.stdout
    return target


def test_a_fresh_database_gets_the_same_rows_search_and_pages(source, restored):
    before = source.snapshot()
    assert before["search"][0] > 0, "the source finds 'Partnerschaften'"
    fresh = restored
    after = fresh.snapshot()
    assert after["counts"] == before["counts"]
    assert after["search"] == before["search"]  # the full-text index came back with the rows
    assert after["pages"] == before["pages"]
    assert all(status == 200 for status, _digest in after["pages"].values())
    # Media: the seed news image and the uploaded document, byte for byte.
    restored = sorted(p.relative_to(fresh.media).as_posix() for p in fresh.media.rglob("*") if p.is_file())
    original = sorted(p.relative_to(source.media).as_posix() for p in source.media.rglob("*") if p.is_file())
    assert restored == original and any(name.startswith("documents/") for name in restored)
    for name in restored:
        assert (fresh.media / name).read_bytes() == (source.media / name).read_bytes()


def test_restore_replaces_changed_data(source, backup, restored):
    target = restored
    target.run("shell", "-v0", "-c", "from weltnetz.register.models import Relation; Relation.objects.all().delete()")
    assert rows(target)["register_relation"] == 0
    target.run("restore", str(backup), "--no-input")
    assert rows(target) == rows(source)


def _rewrite(backup: Path, target: Path, change) -> Path:
    """A copy of the backup whose manifest `change` edits (as another weltnetz version would have written it)."""
    with tarfile.open(backup, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            extracted = src.extractfile(member)
            assert extracted is not None
            data = extracted.read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return target


def rows(target: Instance) -> dict[str, int]:
    """Rows per table, read straight from the database file or server (faster than a weltnetz process)."""
    if is_postgres():
        with psycopg.connect(target.url) as pg:
            tables = [r[0] for r in pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            return {t: pg.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}
    lite = sqlite3.connect(target.url.removeprefix("sqlite:///"))
    try:
        tables = [r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: lite.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        lite.close()


def refused(target: Instance, path: Path) -> str:
    before = rows(target)
    result = target.run("restore", str(path), "--no-input", check=False)
    assert result.returncode != 0
    assert rows(target) == before, "the database changed although the restore was refused"
    return result.stderr


def test_a_truncated_backup_is_refused_and_changes_nothing(backup, restored, tmp_path):
    data = backup.read_bytes()
    for cut in (len(data) // 2, len(data) - 200):
        truncated = tmp_path / f"cut-{cut}.tar.gz"
        truncated.write_bytes(data[:cut])
        message = refused(restored, truncated)
        assert "incomplete or damaged" in message and "the database was not touched" in message


def test_a_backup_from_another_version_is_refused_and_changes_nothing(backup, restored, tmp_path):
    older = _rewrite(backup, tmp_path / "old.tar.gz", lambda m: m.update(weltnetz_version="0.0.9"))
    message = refused(restored, older)
    assert "made by weltnetz 0.0.9" in message and "restore it with weltnetz 0.0.9" in message

    def newer_schema(manifest):
        manifest["migrations"].append("register.9999_from_the_future")

    message = refused(restored, _rewrite(backup, tmp_path / "new.tar.gz", newer_schema))
    assert "another schema" in message and "9999_from_the_future" in message


def test_a_backup_whose_rows_do_not_match_its_manifest_is_refused(backup, restored, tmp_path):
    def miscount(manifest):
        manifest["counts"]["register_relation"] += 1

    message = refused(restored, _rewrite(backup, tmp_path / "miscounted.tar.gz", miscount))
    assert "register_relation" in message or "rows its manifest counts" in message


def test_a_backup_of_another_database_kind_is_refused(backup, restored, tmp_path):
    other = "sqlite" if is_postgres() else "postgresql"
    message = refused(
        restored, _rewrite(backup, tmp_path / "kind.tar.gz", lambda m: m["database"].update(vendor=other))
    )
    assert f"backup of a {other} database" in message


def test_a_file_that_is_no_backup_is_refused(restored, tmp_path):
    junk = tmp_path / "notes.tar.gz"
    junk.write_bytes(b"not a backup at all")
    assert "incomplete or damaged" in refused(restored, junk)
