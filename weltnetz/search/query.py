"""Search the index: German and English stemming on SQLite (FTS5 over pre-stemmed text) and PostgreSQL
(tsvector with the `german` and `english` configurations). Any query string is safe: it is cut into words
and the full-text query is built from them, so operators typed by a visitor are plain words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .models import Kind
from .text import fold, query_stems, query_words, stem, words

SNIPPET_WORDS = 30
MAX_LIMIT = 200
_MARK_ON, _MARK_OFF = "\x02", "\x03"  # ts_headline markers, escaped and turned into <mark> afterwards


@dataclass(frozen=True)
class Hit:
    """One result: what it is, its title and link in the active language, a snippet with <mark>ed words."""

    kind: str
    object_id: int
    title: str
    url: str
    snippet: SafeString
    score: float
    regional: bool = True


@dataclass
class SearchResults:
    """A page of hits and the total number of matches; `outside` counts the matches among the town twinnings
    that a search of the home region's records left out (0 when they were included)."""

    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    outside: int = 0

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


def _language() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def _localise(url: str, language: str) -> str:
    """Entries keep the German path; swap in the active language prefix."""
    return re.sub(r"^/de/", f"/{language}/", url) if language != "de" else url


def _kinds(kinds: Iterable[str] | None) -> list[str]:
    if kinds is None:
        return list(Kind.values)
    return [k for k in kinds if k in Kind.values]


# -- SQLite -------------------------------------------------------------------------------------------
def _fts_expression(q: str) -> str | None:
    """FTS5 MATCH expression: every word must match one of its stems; each stem quoted as a plain string."""
    groups = [" OR ".join(f'"{s}"' for s in sorted(g) if s) for g in query_stems(q)]
    groups = [g for g in groups if g]
    return " AND ".join(f"({g})" for g in groups) if groups else None


def _python_snippet(text: str, q: str) -> SafeString:
    """A window of the text around the first matching word, matches in <mark> (SQLite; FTS5 holds stems)."""
    wanted = set().union(*query_stems(q)) if q else set()
    tokens = re.findall(r"\w+|\W+", text)
    hits = {
        i
        for i, t in enumerate(tokens)
        if t[:1].isalnum()
        and (stem(t.casefold(), "de") in wanted or stem(t.casefold(), "en") in wanted or fold(t) in wanted)
    }
    start = max(0, (min(hits) if hits else 0) - 10)
    window = tokens[start : start + SNIPPET_WORDS * 2]
    out = "".join(f"<mark>{escape(t)}</mark>" if start + i in hits else escape(t) for i, t in enumerate(window))
    prefix = "… " if start else ""
    suffix = " …" if start + len(window) < len(tokens) else ""
    return mark_safe(prefix + out.strip() + suffix)


def _search_sqlite(q: str, kinds: list[str], limit: int, offset: int, twinnings: bool) -> SearchResults:
    expression = _fts_expression(q)
    if expression is None:
        return SearchResults()
    placeholders = ", ".join(["%s"] * len(kinds))
    where = f"weltnetz_search_fts MATCH %s AND e.kind IN ({placeholders})"
    join = "FROM weltnetz_search_fts JOIN weltnetz_search_searchentry e ON e.id = weltnetz_search_fts.rowid"
    scoped = where if twinnings else f"{where} AND e.regional"
    with connection.cursor() as cursor:
        if set(kinds) == set(Kind.values):  # every row is of some kind: count on the FTS table alone, 10x faster
            cursor.execute("SELECT count(*) FROM weltnetz_search_fts WHERE weltnetz_search_fts MATCH %s", [expression])
        else:
            cursor.execute(f"SELECT count(*) {join} WHERE {where}", [expression, *kinds])  # noqa: S608
        every = cursor.fetchone()[0]
        total = every
        if not twinnings:
            cursor.execute(f"SELECT count(*) {join} WHERE {scoped}", [expression, *kinds])  # noqa: S608
            total = cursor.fetchone()[0]
        # Rank ids first, then fetch the texts of one page only: sorting 26,000 full rows is what made it slow.
        # The home region's own records come first, then (when asked for) the twinnings.
        cursor.execute(
            f"SELECT e.kind, e.object_id, e.title, e.title_en, e.body, e.body_en, e.url, r.score, e.regional "  # noqa: S608
            f"FROM (SELECT e.id AS id, e.regional AS regional, -bm25(weltnetz_search_fts, 10.0, 1.0) * e.weight AS "
            f"score {join} WHERE {scoped} ORDER BY regional DESC, score DESC, e.id LIMIT %s OFFSET %s) r "
            f"JOIN weltnetz_search_searchentry e ON e.id = r.id ORDER BY r.regional DESC, r.score DESC, r.id",
            [expression, *kinds, limit, offset],
        )
        rows = cursor.fetchall()
    language = _language()
    hits = []
    for kind, object_id, title, title_en, body, body_en, url, score, regional in rows:
        english = language == "en" and body_en
        hits.append(
            Hit(
                kind=kind,
                object_id=object_id,
                title=(title_en if language == "en" and title_en else title),
                url=_localise(url, language),
                snippet=_python_snippet(body_en if english else body, q),
                score=float(score),
                regional=bool(regional),
            )
        )
    return SearchResults(hits=hits, total=total, outside=every - total)


# -- PostgreSQL ----------------------------------------------------------------------------------------
def _tsquery(q: str) -> tuple[str, list[str]] | None:
    """SQL for the tsquery and its parameters: per word, its German or English or unstemmed form; all words
    required; a word that is a stop word in either language is left out (it is not in the index)."""
    parts, params = [], []
    for w in query_words(q):
        parts.append(
            "(SELECT CASE WHEN numnode(g) = 0 OR numnode(e) = 0 THEN ''::tsquery ELSE g || e || s END FROM "
            "(SELECT plainto_tsquery('german', %s) g, plainto_tsquery('english', %s) e, "
            "plainto_tsquery('simple', %s) s) w)"
        )
        params += [w, w, w]
    if not parts:
        return None
    return " && ".join(parts), params


def _search_postgres(q: str, kinds: list[str], limit: int, offset: int, twinnings: bool) -> SearchResults:
    built = _tsquery(q)
    if built is None:
        return SearchResults()
    tsquery, params = built
    language = _language()
    config, body_col = (
        ("english", "COALESCE(NULLIF(e.body_en, ''), e.body)") if language == "en" else ("german", "e.body")
    )
    sql = f"""
        WITH q AS (SELECT {tsquery} AS query),
        matches AS (
            SELECT e.*, ts_rank(e.search_vector, q.query) * e.weight AS score, q.query
            FROM weltnetz_search_searchentry e, q
            WHERE numnode(q.query) > 0 AND e.search_vector @@ q.query AND e.kind = ANY(%s)
              AND (e.regional OR %s)
        )
        SELECT m.kind, m.object_id, m.title, m.title_en, m.url, m.score, m.total,
               ts_headline(%s::regconfig, m.body_text, m.query, %s), m.regional
        FROM (
            SELECT e.kind, e.object_id, e.title, e.title_en, e.url, e.score, e.query, e.id, e.regional,
                   {body_col} AS body_text, count(*) OVER () AS total
            FROM matches e ORDER BY e.regional DESC, e.score DESC, e.id LIMIT %s OFFSET %s
        ) m ORDER BY m.regional DESC, m.score DESC, m.id
    """  # noqa: S608 - only our own fragments are formatted in; every value is a parameter
    options = f"StartSel={_MARK_ON}, StopSel={_MARK_OFF}, MaxWords={SNIPPET_WORDS}, MinWords=12, MaxFragments=1"
    count_sql = (
        f"WITH q AS (SELECT {tsquery} AS query) SELECT count(*) FILTER (WHERE e.regional OR %s), "  # noqa: S608
        "count(*) FILTER (WHERE NOT e.regional) FROM weltnetz_search_searchentry e, q "
        "WHERE numnode(q.query) > 0 AND e.search_vector @@ q.query AND e.kind = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, kinds, twinnings, config, options, limit, offset])
        rows = cursor.fetchall()
        total, outside = (rows[0][6] if rows else 0), 0
        if (not rows and offset) or not twinnings:
            cursor.execute(count_sql, [*params, twinnings, kinds])
            total, outside = cursor.fetchone()
            outside = 0 if twinnings else outside
    hits = [
        Hit(
            kind=kind,
            object_id=object_id,
            title=(title_en if language == "en" and title_en else title),
            url=_localise(url, language),
            score=float(score),
            snippet=mark_safe(escape(headline or "").replace(_MARK_ON, "<mark>").replace(_MARK_OFF, "</mark>")),
            regional=bool(regional),
        )
        for kind, object_id, title, title_en, url, score, _total, headline, regional in rows
    ]
    return SearchResults(hits=hits, total=total, outside=outside)


# -- the interface -------------------------------------------------------------------------------------
def search(
    q: str, *, kinds: Iterable[str] | None = None, limit: int = 50, offset: int = 0, twinnings: bool = False
) -> SearchResults:
    """Full-text search over partners, relations, agreements and news, best first.

    Args:
        q: what the visitor typed; any string (operators, 10,000 characters) is safe.
        kinds: restrict to some of "actor", "relation", "agreement", "news".
        limit, offset: the page of hits (limit capped at 200).
        twinnings: also the town twinnings and the towns known only from them; they rank after every record
            of the home region's own. Without it they are left out and counted in `outside`.
    """
    wanted = _kinds(kinds)
    if not q or not wanted or not words(q):
        return SearchResults()
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    run = _search_postgres if connection.vendor == "postgresql" else _search_sqlite
    return run(q, wanted, limit, offset, twinnings)


def matching_ids(q: str, kind: str) -> list[int]:
    """The ids of every object of one kind that matches q, best first (for filtering lists and the API)."""
    if kind not in Kind.values or not q or not words(q):
        return []
    if connection.vendor == "postgresql":
        built = _tsquery(q)
        if built is None:
            return []
        tsquery, params = built
        sql = (
            f"WITH q AS (SELECT {tsquery} AS query) SELECT e.object_id FROM weltnetz_search_searchentry e, q "  # noqa: S608
            "WHERE numnode(q.query) > 0 AND e.search_vector @@ q.query AND e.kind = %s "
            "ORDER BY ts_rank(e.search_vector, q.query) DESC, e.id"
        )
        args = [*params, kind]
    else:
        expression = _fts_expression(q)
        if expression is None:
            return []
        sql = (
            "SELECT e.object_id FROM weltnetz_search_fts JOIN weltnetz_search_searchentry e "
            "ON e.id = weltnetz_search_fts.rowid WHERE weltnetz_search_fts MATCH %s AND e.kind = %s "
            "ORDER BY bm25(weltnetz_search_fts, 10.0, 1.0), e.id"
        )
        args = [expression, kind]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [row[0] for row in cursor.fetchall()]


def matching_ids_by_kind(q: str, kinds: Iterable[str], *, ranked: bool = True) -> dict[str, list[int]]:
    """The ids of every object of some kinds that match q, per kind, from one full-text query: best first, or
    in no particular order when not `ranked` (a filter that only needs the set: ranking reads every hit's
    index entry again, and cost about as much as finding them)."""
    wanted = _kinds(kinds)
    if not wanted or not q or not words(q):
        return {}
    if connection.vendor == "postgresql":
        built = _tsquery(q)
        if built is None:
            return {}
        tsquery, params = built
        sql = (
            f"WITH q AS (SELECT {tsquery} AS query) SELECT e.kind, e.object_id FROM weltnetz_search_searchentry e, q "  # noqa: S608
            "WHERE numnode(q.query) > 0 AND e.search_vector @@ q.query AND e.kind = ANY(%s)"
        )
        if ranked:
            sql += " ORDER BY ts_rank(e.search_vector, q.query) DESC, e.id"
        args: list = [*params, wanted]
    else:
        expression = _fts_expression(q)
        if expression is None:
            return {}
        marks = ", ".join(["%s"] * len(wanted))
        sql = (
            "SELECT e.kind, e.object_id FROM weltnetz_search_fts JOIN weltnetz_search_searchentry e "  # noqa: S608
            f"ON e.id = weltnetz_search_fts.rowid WHERE weltnetz_search_fts MATCH %s AND e.kind IN ({marks})"
        )
        if ranked:
            sql += " ORDER BY bm25(weltnetz_search_fts, 10.0, 1.0), e.id"
        args = [expression, *wanted]
    out: dict[str, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        for kind, object_id in cursor.fetchall():
            out.setdefault(kind, []).append(object_id)
    return out


def matching_ids_sql(q: str, kinds: Iterable[str]) -> tuple[str, list[Any]]:
    """PostgreSQL: a query of one row, with a column per kind (named after it) holding the array of the ids of
    that kind that match q: the sets matching_ids_by_kind(q, kinds, ranked=False) returns, for a statement that
    looks them up itself (a filter of a larger query, without a round trip of its own)."""
    wanted = _kinds(kinds)  # Kind's values only: names formatted into the SQL, not values from outside
    built = _tsquery(q) if q and words(q) else None
    if not wanted or built is None:
        return "SELECT " + (", ".join(f"'{{}}'::bigint[] AS \"{kind}\"" for kind in wanted) or "1"), []
    columns = ", ".join(
        f"COALESCE(array_agg(e.object_id) FILTER (WHERE e.kind = '{kind}'), '{{}}') AS \"{kind}\"" for kind in wanted
    )
    tsquery, params = built
    sql = (
        f"SELECT {columns} FROM weltnetz_search_searchentry e, (SELECT {tsquery} AS query) q "  # noqa: S608
        "WHERE numnode(q.query) > 0 AND e.search_vector @@ q.query AND e.kind = ANY(%s)"
    )
    return sql, [*params, wanted]
