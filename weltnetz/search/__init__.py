"""Full-text search over partners, relations, agreements and news, with German (and English) stemming.

- models.py     SearchEntry: one row per public object, German and English text side by side
- documents.py  what each kind contributes (names, labels, topics, synonyms, other spellings)
- text.py       words, Snowball stems, folded diacritics: the same for documents and queries
- index.py      reindex_all() in batches, update_objects(), deferred() for bulk imports
- signals.py    save/publish/unpublish/delete keep the index current
- query.py      search(q, kinds=, limit=, offset=) -> SearchResults(hits, total); matching_ids(q, kind)
- editors.py    post_migrate: the Wagtail "Editors" group may add/change/delete/publish register records

The full-text index itself is per database (migrations 0002/0003): a generated tsvector column
(german + english + simple) with a GIN index on PostgreSQL; an FTS5 table of pre-stemmed text on SQLite.
"""
