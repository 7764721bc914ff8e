"""Keep the search index in step with the register and the news: bulk rebuilds, per-object updates on
save/delete, and `deferred()` for bulk imports.

Bulk imports (the twin-town importer) should wrap their writes in `deferred()`:

    from weltnetz.search.index import deferred
    with deferred():
        ...create 30,000 actors and relations...
    # on leaving the block, each changed kind is reindexed once, in batches

Inside the block the per-row save/delete signals only note which kinds changed, so an import does not crawl.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from . import documents
from .models import Kind, SearchEntry
from .text import stems

BATCH_SIZE = 1000
_state = threading.local()


def _pending() -> set[str] | None:
    return getattr(_state, "pending", None)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Suspend per-object indexing; on a clean exit reindex every kind that changed inside, in bulk."""
    outer = _pending() is None
    if outer:
        _state.pending = set()
    try:
        yield
        if outer and _state.pending:
            reindex_all(kinds=sorted(_state.pending))
    finally:
        if outer:
            _state.pending = None


def _fts_rows(entries: list[documents.Entry]) -> list[tuple[int | None, str, str]]:
    """SQLite only: the pre-stemmed FTS5 row for each entry (German text with German stems, English with English)."""
    rows = []
    for e in entries:
        title = " ".join(stems(e.title, "de") + stems(e.title_en, "en"))
        body = " ".join(stems(e.body, "de") + stems(e.body_en, "en"))
        if keywords := _keyword_stems(e.keywords):
            body = f"{body} {keywords}" if body else keywords
        rows.append((e.pk, title, body))
    return rows


@lru_cache(maxsize=1024)
def _keyword_stems(keywords: str) -> str:
    """The stems of an entry's keywords, joined: every twinning's entry carries the same synonyms (and a town's
    alias), stemmed once here instead of once per entry (a third of the words an import stems)."""
    return " ".join(stems(keywords, "de"))


_COLUMNS = [
    "kind",
    "object_id",
    "language",
    "title",
    "title_en",
    "body",
    "body_en",
    "keywords",
    "url",
    "weight",
    "regional",
    "updated_at",
]


def _write(entries: list[documents.Entry]) -> None:
    """Insert new entries (their old rows must be gone), plus their FTS5 rows on SQLite.

    Plain executemany rather than bulk_create: compiling bulk_create's SQL took longer than the indexing.
    On SQLite the ids are assigned here (inside the caller's transaction, which holds the write lock) because
    the FTS5 rows need them.
    """
    if not entries:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        [
            str(e.kind),
            e.object_id,
            e.language,
            e.title,
            e.title_en,
            e.body,
            e.body_en,
            e.keywords,
            e.url,
            e.weight,
            e.regional,
            now,
        ]
        for e in entries
    ]
    columns = ", ".join(_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM weltnetz_search_searchentry")
            first = cursor.fetchone()[0] + 1
            for i, (e, row) in enumerate(zip(entries, rows, strict=True)):
                e.pk = first + i
                row.insert(0, e.pk)
            cursor.executemany(
                f"INSERT INTO weltnetz_search_searchentry (id, {columns}) "  # noqa: S608 - our own column names
                f"VALUES ({', '.join(['%s'] * (len(_COLUMNS) + 1))})",
                rows,
            )
            cursor.executemany(
                "INSERT INTO weltnetz_search_fts (rowid, title, body) VALUES (%s, %s, %s)", _fts_rows(entries)
            )
        else:
            cursor.executemany(
                f"INSERT INTO weltnetz_search_searchentry ({columns}) "  # noqa: S608 - our own column names
                f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})",
                rows,
            )


def _batches(iterable: Iterable, size: int) -> Iterator[list]:
    it = iter(iterable)
    while batch := list(islice(it, size)):
        yield batch


def reindex_kind(kind: str, batch_size: int = BATCH_SIZE) -> int:
    """Rebuild the entries of one kind, streaming the objects in batches; returns how many were indexed."""
    count = 0
    with transaction.atomic():
        with connection.cursor() as cursor:  # one statement, not Django's collector over 30,000 rows
            cursor.execute("DELETE FROM weltnetz_search_searchentry WHERE kind = %s", [kind])
        built = documents.row_entries(kind)
        if built is None:
            qs = documents.queryset(kind)
            if qs is None:
                return 0
            built = documents.entries(kind, qs.iterator(chunk_size=batch_size))
        for batch in _batches(built, batch_size):
            _write(batch)
            count += len(batch)
    return count


def tidy(analyze: bool = True) -> None:
    """PostgreSQL, after bulk writes: merge the GIN pending list and refresh statistics.

    Until then every search scans the pending list linearly (30 ms instead of 1 ms with 56,000 new rows).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('weltnetz_search_vector_gin'::regclass)")
            if analyze:
                cursor.execute("ANALYZE weltnetz_search_searchentry")


def reindex_all(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the whole index (or the given kinds); returns the number of entries per kind."""
    counts = {kind: reindex_kind(kind) for kind in (kinds or Kind.values)}
    tidy()
    return counts


def update_objects(kind: str, pks: Iterable[int]) -> None:
    """Re-read some objects of one kind from the database and replace their entries (drafts drop out)."""
    pks = list(pks)
    if not pks:
        return
    if (pending := _pending()) is not None:
        pending.add(kind)
        return
    # No savepoint inside a caller's transaction (an import's): SQLite journals every page a savepoint changes, and
    # releasing it took about 4 % of a million-row import in a profile. A failure here fails the caller.
    with transaction.atomic(savepoint=False):
        SearchEntry.objects.filter(documents.ids_in("object_id", pks), kind=kind).delete()
        built = documents.row_entries(kind, pks)
        if built is not None:
            _write(list(built))
        elif (qs := documents.queryset(kind)) is not None:
            _write(list(documents.entries(kind, qs.filter(pk__in=pks))))
    if len(pks) >= BATCH_SIZE // 2:  # an importer's batch, not an editor's save; autovacuum analyzes later
        tidy(analyze=False)


def remove_object(kind: str, pk: int) -> None:
    """Drop an object's entry (deleted object)."""
    if (pending := _pending()) is not None:
        pending.add(kind)
        return
    SearchEntry.objects.filter(kind=kind, object_id=pk).delete()
