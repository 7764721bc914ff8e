"""The register's data version: a token that changes whenever the published data does.

It is one row in the database (`DataVersion`), bumped by database triggers on every table whose content the
public site or the API shows. Triggers catch every write path, including bulk updates, `bulk_create` and raw
SQL from loaders, importers and scripts, and the row lives where every app server reads it, so a change made
through one server is seen by all the others with the next request. `register_version()` is the one reader:
a single primary-key lookup, cheap enough for every request.

On PostgreSQL the triggers are deferred to the commit and bump the row once per transaction, so a long
import holds the version row's lock only for the moment of its commit. On SQLite (which has no statement
or deferred triggers) a row trigger bumps it; SQLite serialises writers anyway.

Tables are found from the models of `TRACKED_APPS` when `migrate` runs, so a new model is tracked without
anyone remembering to; `UNTRACKED_TABLES` lists what the public writes to (feedback) or what rendering writes
(image renditions), which must not flush every cache.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "weltnetz_data_version"
TRIGGER = "weltnetz_data_version"
FLAG = "weltnetz.data_version_bumped"
TRACKED_APPS = (
    "register",
    "portal",
    "weltnetz_search",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "wagtailredirects",
    "taggit",
)
UNTRACKED_TABLES = frozenset(
    {
        TABLE,
        "portal_feedbacksubmission",  # written by the public feedback form
        "wagtailimages_rendition",  # written while a page renders
        "wagtailcore_referenceindex",  # derived from the content tables, which are tracked
    }
)

# Constants only: no value from outside reaches these statements.
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION weltnetz_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('{FLAG}', true) IS DISTINCT FROM 'on' THEN
        UPDATE {TABLE} SET counter = counter + 1, changed_at = extract(epoch FROM clock_timestamp()) WHERE id = 1;
        PERFORM set_config('{FLAG}', 'on', true);
    END IF;
    RETURN NULL;
END $$;
"""  # noqa: S608
SQLITE_BUMP = (
    f"UPDATE {TABLE} SET counter = counter + 1, "  # noqa: S608
    "changed_at = (julianday('now') - 2440587.5) * 86400.0 WHERE id = 1"
)


_PINNED: ContextVar[tuple[str, float] | None] = ContextVar("weltnetz_register_version", default=None)


@contextlib.contextmanager
def pinned(version: tuple[str, float]) -> Iterator[None]:
    """Within the block, register_version() answers `version` without asking the database again.

    One answer reads the version once (its ETag and cache key) and builds itself under it: the cache keys of
    the lookups it makes on the way (topic slugs, whether twinnings have topics) need no query of their own,
    which on PostgreSQL is a round trip each.
    """
    token = _PINNED.set(version)
    try:
        yield
    finally:
        _PINNED.reset(token)


def register_version() -> tuple[str, float]:
    """(token, last-modified timestamp) of the published data as it is now in the database (or as pinned()
    fixed it for the answer being built).

    Inside a transaction on PostgreSQL the writes made so far are counted first (the triggers would otherwise
    fire only at commit), so a transaction sees its own changes.
    """
    if (fixed := _PINNED.get()) is not None:
        return fixed
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            cursor.execute(f"SET CONSTRAINTS {TRIGGER} IMMEDIATE")
            cursor.execute(f"SET CONSTRAINTS {TRIGGER} DEFERRED")
            cursor.execute("SELECT set_config(%s, 'off', true)", [FLAG])
        cursor.execute(f"SELECT epoch, counter, changed_at FROM {TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # a flush emptied the table; migrate puts the row back, and so does this
        ensure_row(connection)
        return register_version()
    epoch, counter, changed_at = row
    return f"{epoch[:8]}-{counter}", float(changed_at)


def reuse_allowed() -> bool:
    """Whether cached answers may be stored or used: not inside a transaction, which may yet roll back.

    Requests run outside transactions; tests run inside one that rolls back, and an answer cached there
    would outlive the data it describes.
    """
    return not connection.in_atomic_block


def ensure_row(conn: BaseDatabaseWrapper) -> None:
    """Create the version row if it is missing (after migrate, or a flush that emptied every table)."""
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABLE} WHERE id = 1")  # noqa: S608
        if cursor.fetchone() is None:
            cursor.execute(
                f"INSERT INTO {TABLE} (id, counter, epoch, changed_at) VALUES (1, 0, %s, %s)",  # noqa: S608
                [uuid.uuid4().hex, time.time()],
            )


def renew(conn: BaseDatabaseWrapper | None = None) -> None:
    """Give the database a new epoch and bump the version (after a restore, which brings back an old one)."""
    conn = conn or connection
    ensure_row(conn)
    with conn.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET epoch = %s, counter = counter + 1, changed_at = %s WHERE id = 1",  # noqa: S608
            [uuid.uuid4().hex, time.time()],
        )


@contextlib.contextmanager
def bulk_writes(tables: Iterable[str] | None = None) -> Iterator[None]:
    """Inside the caller's transaction: bump the version once for a bulk write to `tables` instead of per row.

    On SQLite the row triggers cost more than the rows (an UPDATE of the version row per inserted row made an
    import's inserts 3.5 times slower). They are dropped for the block and created again at its end, in the
    same transaction: SQLite's schema is transactional, so a rollback restores them, and no other connection
    ever writes while this one holds the write lock. PostgreSQL's triggers already bump once per transaction.
    """
    if connection.vendor != "sqlite" or not connection.in_atomic_block:
        yield
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_BUMP)  # the write lock first, and the version moves whatever happens below
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'weltnetz_dv_%'")
        have = {name for (name,) in cursor.fetchall()}
        wanted = tracked_tables() if tables is None else list(tables)
        dropped = [t for t in wanted if f"weltnetz_dv_{t}_insert" in have]
        for table in dropped:
            for op in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {quote(f'weltnetz_dv_{table}_{op}')}")
    yield  # on an error the caller's transaction rolls back, and with it the dropped triggers
    install_triggers(connection, dropped)
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_BUMP)


def tracked_tables() -> list[str]:
    """The tables whose writes change the data version: every concrete model table of TRACKED_APPS."""
    tables: set[str] = set()
    for label in TRACKED_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            meta = model._meta
            if meta.managed and not meta.proxy and meta.db_table not in UNTRACKED_TABLES:
                tables.add(meta.db_table)
    return sorted(tables)


def install_triggers(conn: BaseDatabaseWrapper, tables: Iterable[str] | None = None) -> list[str]:
    """Create the version row and the triggers on every tracked table that lacks them; returns those tables.

    Idempotent; runs after every `migrate` (a table rebuilt by a migration on SQLite loses its triggers).
    """
    existing = set(conn.introspection.table_names())
    if TABLE not in existing:
        return []
    ensure_row(conn)
    wanted = [t for t in (tracked_tables() if tables is None else tables) if t in existing]
    quote = conn.ops.quote_name
    created = []
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRIGGER])
            have = {name.strip('"') for (name,) in cursor.fetchall()}
            for table in wanted:
                if table in have:
                    continue
                cursor.execute(
                    f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {quote(table)} "
                    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION weltnetz_bump_data_version()"
                )
                cursor.execute(
                    f"CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON {quote(table)} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION weltnetz_bump_data_version()"
                )
                created.append(table)
        elif conn.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'weltnetz_dv_%'")
            have = {name for (name,) in cursor.fetchall()}
            for table in wanted:
                names = {op: f"weltnetz_dv_{table}_{op.lower()}" for op in ("INSERT", "UPDATE", "DELETE")}
                if set(names.values()) <= have:
                    continue
                for op, name in names.items():
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {quote(name)} AFTER {op} ON {quote(table)} "
                        f"BEGIN {SQLITE_BUMP}; END"
                    )
                created.append(table)
    return created


def tables_without_triggers(conn: BaseDatabaseWrapper) -> list[str]:
    """Tracked tables that lack the triggers (for the system check and the tests): should be empty."""
    existing = set(conn.introspection.table_names())
    wanted = [t for t in tracked_tables() if t in existing]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [TRIGGER])
            have = {name.strip('"') for (name,) in cursor.fetchall()}
        else:
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'weltnetz_dv_%'")
            have = {name for (name,) in cursor.fetchall()}
    return [t for t in wanted if t not in have]


def after_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """post_migrate receiver: keep the triggers on every tracked table."""
    install_triggers(connections[using])
