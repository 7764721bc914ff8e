"""Backup and restore with the databases' own tools, media included, checked before anything is replaced.

A backup is one gzipped tar file:

    database.sqlite3 | database.pgdump   SQLite's online backup API, or pg_dump's custom format
    media/...                            every uploaded file (images, documents), from the configured storage
    manifest.json                        written last: format, weltnetz version, database kind, applied
                                         migrations, row counts per table, size and SHA-256 of every member

A restore reads the whole file and checks it first: the manifest must be there (a truncated file has none, or
fails to decompress), every member must match its checksum, the backup must come from this weltnetz version
with the same migrations, and from the same kind of database. Only then is the database replaced, in one
step that either completes or leaves it as it was: SQLite's backup API copies the checked file over the live
database in one transaction; on PostgreSQL pg_restore's script runs in a single psql transaction that also
compares the row counts with the manifest before it commits. Media are written afterwards. The search index
is part of the database (FTS5 table, tsvector column), so search answers as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

FORMAT = "weltnetz-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
EXTRA_SQLITE_TABLES = ("weltnetz_search_fts",)
TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")  # the full-text index: not a model, counted all the same


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why and what to do."""


def weltnetz_version() -> str:
    try:
        return metadata.version("weltnetz")
    except metadata.PackageNotFoundError:  # pragma: no cover - always installed (editable) here
        return "unknown"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations() -> list[str]:
    """'app.migration' for every migration recorded as applied in the database, sorted."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations)


def known_migrations() -> list[str]:
    """'app.migration' for every migration this code has, sorted."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.disk_migrations)


def _tables() -> list[str]:
    names = connection.introspection.django_table_names(only_existing=True, include_views=False)
    if connection.vendor == "sqlite":
        existing = set(connection.introspection.table_names())
        names += [t for t in EXTRA_SQLITE_TABLES if t in existing]
    return sorted(set(names))


def table_counts() -> dict[str, int]:
    """Rows per table of the live database (every model table, and the SQLite full-text index)."""
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608  # names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def _media_storage() -> Storage:
    return storages["default"]


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(dirs):
        yield from _walk(storage, f"{folder}/{name}" if folder else name)


# -- backup ---------------------------------------------------------------------------------------------------


def _dump_sqlite(target: Path) -> None:
    connection.ensure_connection()
    source = connection.connection
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)  # online: consistent even while the server writes
    finally:
        destination.close()


def _pg_args(alias: str = "default") -> tuple[list[str], dict[str, str]]:
    """libpq command-line arguments and environment for the Django database (password via PGPASSWORD)."""
    db = settings.DATABASES[alias]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {}
    return args, env


def _tool(name: str) -> str:
    """The full path of a PostgreSQL client program; BackupError when it is missing."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; it comes with the PostgreSQL client (apt install postgresql-client)."
        )
    return path


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    command = [_tool(command[0]), *command[1:]]
    result = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")


def _dump_postgres(target: Path) -> None:
    args, env = _pg_args()
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args], env, "pg_dump")


@dataclass
class Summary:
    """What a backup holds, for the command's report."""

    vendor: str
    created_at: str
    database_bytes: int
    media_files: int
    counts: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        rel = self.counts.get("register_relation", 0)
        pages = self.counts.get("wagtailcore_page", 0)
        return (
            f"{self.vendor} database of {self.created_at} ({self.database_bytes / 1e6:.1f} MB; {rel:,} relations, "
            f"{pages:,} pages), {self.media_files} media files"
        )


def write_backup(path: Path, *, include_media: bool = True) -> Summary:
    """Write a backup of the database (and media) to `path`; the file appears only when complete."""
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups of {vendor} databases are not supported")
    path = path.resolve()
    with tempfile.TemporaryDirectory(prefix="weltnetz-backup-", dir=path.parent) as tmp:
        work = Path(tmp)
        db_name = "database.sqlite3" if vendor == "sqlite" else "database.pgdump"
        db_file = work / db_name
        counts = table_counts()  # before the dump: a write in between shows as a count mismatch on restore
        (_dump_sqlite if vendor == "sqlite" else _dump_postgres)(db_file)
        if vendor == "sqlite":
            counts = _sqlite_counts(db_file, list(counts))  # exactly what the copy holds
        members: dict[str, dict[str, Any]] = {db_name: {"size": db_file.stat().st_size, "sha256": _sha256(db_file)}}
        partial = work / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(db_file, arcname=db_name)
            if include_media:
                storage = _media_storage()
                for name in _walk(storage):
                    with storage.open(name, "rb") as f:
                        data = f.read()
                    info = tarfile.TarInfo(MEDIA_PREFIX + name)
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
                    members[MEDIA_PREFIX + name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "weltnetz_version": weltnetz_version(),
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "database": {"vendor": vendor, "file": db_name},
                "migrations": applied_migrations(),
                "counts": counts,
                "members": members,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        partial.replace(path)
    return _summary(manifest)


def _summary(manifest: dict[str, Any]) -> Summary:
    members = manifest["members"]
    return Summary(
        vendor=manifest["database"]["vendor"],
        created_at=manifest["created_at"],
        database_bytes=members[manifest["database"]["file"]]["size"],
        media_files=sum(1 for name in members if name.startswith(MEDIA_PREFIX)),
        counts=manifest["counts"],
    )


# -- restore --------------------------------------------------------------------------------------------------


@dataclass
class CheckedBackup:
    """A backup unpacked into a temporary folder and checked against its manifest."""

    folder: Path
    manifest: dict[str, Any]

    @property
    def database_file(self) -> Path:
        return self.folder / self.manifest["database"]["file"]

    @property
    def media(self) -> list[str]:
        return [n[len(MEDIA_PREFIX) :] for n in self.manifest["members"] if n.startswith(MEDIA_PREFIX)]

    @property
    def summary(self) -> Summary:
        return _summary(self.manifest)


def _extract(path: Path, folder: Path) -> dict[str, Any]:
    """Unpack every member (nothing outside `folder`) and return the manifest; BackupError if damaged."""
    damaged = f"{path} is incomplete or damaged"
    try:
        with tarfile.open(path, "r:gz") as tar:
            tar.extractall(folder, filter="data")  # refuses absolute paths, '..' and links out of the folder
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist") from None
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise BackupError(f"{damaged} ({exc}); the database was not touched.") from None
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{damaged}: it has no manifest (a backup writes it last); the database was not touched.")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{damaged}: its manifest is not readable; the database was not touched.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a weltnetz backup; the database was not touched.")
    return manifest


def check_backup(path: Path, folder: Path) -> CheckedBackup:
    """Unpack and check a backup without touching the database; BackupError names the first problem."""
    manifest = _extract(path, folder)
    untouched = "the database was not touched"
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has backup format {manifest.get('format_version')}; this weltnetz reads format "
            f"{FORMAT_VERSION}; {untouched}."
        )
    theirs, ours = manifest.get("weltnetz_version"), weltnetz_version()
    if theirs != ours:
        raise BackupError(
            f"{path} was made by weltnetz {theirs}, this is weltnetz {ours}: restore it with weltnetz {theirs}, "
            f"then upgrade and migrate; {untouched}."
        )
    backup_migrations, code_migrations = set(manifest.get("migrations", [])), set(known_migrations())
    if backup_migrations != code_migrations:
        newer = sorted(backup_migrations - code_migrations)[:5]
        missing = sorted(code_migrations - backup_migrations)[:5]
        detail = f"migrations this code does not have: {newer}" if newer else f"migrations not yet applied: {missing}"
        raise BackupError(
            f"{path} comes from a database with another schema ({detail}): restore it with the weltnetz version "
            f"that made it; {untouched}."
        )
    if not all(TABLE_NAME.match(str(t)) and isinstance(n, int) for t, n in manifest.get("counts", {}).items()):
        raise BackupError(f"{path} has a manifest with malformed table counts; {untouched}.")
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"{path} is a backup of a {vendor} database and cannot be restored into {connection.vendor}; {untouched}."
        )
    for name, expected in manifest["members"].items():
        member = folder / name
        if not member.is_file() or member.stat().st_size != expected["size"] or _sha256(member) != expected["sha256"]:
            raise BackupError(f"{path} is incomplete or damaged: {name} does not match its checksum; {untouched}.")
    checked = CheckedBackup(folder, manifest)
    if vendor == "sqlite":
        _check_sqlite_file(checked)
    return checked


def _sqlite_counts(db_file: Path, tables: list[str]) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        conn.close()


def _check_sqlite_file(checked: CheckedBackup) -> None:
    conn = sqlite3.connect(f"file:{checked.database_file}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if result != "ok":
        raise BackupError(f"the database in the backup fails SQLite's integrity check ({result}); not restored.")
    counts = _sqlite_counts(checked.database_file, list(checked.manifest["counts"]))
    if counts != checked.manifest["counts"]:
        raise BackupError("the database in the backup does not hold the rows its manifest counts; not restored.")


def _restore_sqlite(checked: CheckedBackup) -> None:
    live = Path(settings.DATABASES["default"]["NAME"])
    connections.close_all()
    source = sqlite3.connect(f"file:{checked.database_file}?mode=ro", uri=True)
    destination = sqlite3.connect(live, timeout=60)
    try:
        source.backup(destination)  # one transaction on the live file: all pages or none
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite could not replace {live} ({exc}); it was left as it was.") from None
    finally:
        destination.close()
        source.close()


def _count_checks_sql(counts: dict[str, int]) -> str:
    """A PL/pgSQL block that aborts the restore's transaction when a table's row count differs."""
    lines = ["RESET search_path;", "DO $weltnetz$ DECLARE n bigint; BEGIN"]  # pg_restore's script empties it
    for table, expected in sorted(counts.items()):
        assert TABLE_NAME.match(table), table  # checked with the manifest
        lines.append(
            f'  SELECT count(*) INTO n FROM "{table}"; IF n <> {int(expected)} THEN '  # noqa: S608
            f"RAISE EXCEPTION 'weltnetz restore: % has % rows, the manifest says {int(expected)}', "
            f"'{table}', n; END IF;"
        )
    lines.append("END $weltnetz$;")
    return "\n".join(lines) + "\n"


def _restore_postgres(checked: CheckedBackup) -> None:
    pg_restore, psql = _tool("pg_restore"), _tool("psql")
    args, env = _pg_args()
    env = {**os.environ, **env, "PGOPTIONS": "-c client_min_messages=warning"}  # no notice per dropped table
    connections.close_all()
    # pg_restore writes the restore as SQL; psql runs it and the count checks in one transaction.
    script = subprocess.Popen(  # noqa: S603
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--file",
            "-",
            str(checked.database_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    runner = subprocess.Popen(  # noqa: S603
        [psql, "--quiet", "--no-psqlrc", "--single-transaction", "--set", "ON_ERROR_STOP=1", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert script.stdout is not None and runner.stdin is not None
    try:
        shutil.copyfileobj(script.stdout, runner.stdin, 1 << 20)
        runner.stdin.write(_count_checks_sql(checked.manifest["counts"]).encode())
        runner.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped at an error: its message follows
    finally:
        script.stdout.close()  # pg_restore stops too if psql stopped early
        try:
            runner.stdin.close()
        except BrokenPipeError:
            pass
    assert script.stderr is not None and runner.stderr is not None
    script_err = script.stderr.read()
    script.wait()
    runner_err = runner.stderr.read()
    runner.wait()
    if script.returncode != 0:
        raise BackupError(f"pg_restore could not read the dump ({script_err.decode()[-1000:]}); not restored.")
    if runner.returncode != 0:
        raise BackupError(
            f"the restore was rolled back, the database is as it was: {runner_err.decode().strip()[-1500:]}"
        )


def _restore_media(checked: CheckedBackup) -> tuple[int, int]:
    """Write the backup's media into the storage; returns (written, files kept that the backup lacks)."""
    storage = _media_storage()
    wanted = set(checked.media)
    for name in checked.media:
        if storage.exists(name):
            storage.delete(name)
        with (checked.folder / (MEDIA_PREFIX + name)).open("rb") as f:
            saved = storage.save(name, File(f))
        if saved != name:
            raise BackupError(f"the storage renamed {name} to {saved}; check the media folder's permissions")
    extra = sum(1 for name in _walk(storage) if name not in wanted)
    return len(wanted), extra


def restore_backup(
    path: Path, *, include_media: bool = True, confirm: Callable[[Summary], bool] | None = None
) -> tuple[Summary, str]:
    """Check the backup, then replace the database (and media) with it; returns its summary and a report."""
    from weltnetz.register.version import renew

    with tempfile.TemporaryDirectory(prefix="weltnetz-restore-") as tmp:
        checked = check_backup(path, Path(tmp))
        if confirm is not None and not confirm(checked.summary):
            raise BackupError("restore cancelled; the database was not touched.")
        (_restore_sqlite if checked.manifest["database"]["vendor"] == "sqlite" else _restore_postgres)(checked)
        renew()  # a new data version: no cache anywhere may answer with what it cached before the restore
        counts = table_counts()
        if counts != checked.manifest["counts"]:
            differ = [t for t in counts if counts[t] != checked.manifest["counts"].get(t)][:5]
            raise BackupError(f"restored, but these tables' row counts differ from the manifest: {differ}")
        report = ""
        if include_media:
            written, extra = _restore_media(checked)
            report = f"{written} media files restored" + (
                f"; {extra} files not in the backup were kept" if extra else ""
            )
        return checked.summary, report


__all__ = ["BackupError", "IO", "restore_backup", "write_backup"]
