"""The search entries built from plain rows (imports, reindexing) equal those built from model instances (#14)."""

import dataclasses

import pytest

from weltnetz.search import documents
from weltnetz.search.models import Kind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [Kind.ACTOR, Kind.RELATION])
def test_row_entries_equal_the_model_builders(kind):
    from_rows = list(documents.row_entries(kind) or [])
    qs = documents.queryset(kind)
    assert qs is not None
    from_models = list(documents.entries(kind, qs))
    assert len(from_rows) == len(from_models) > 10
    for a, b in zip(from_rows, from_models, strict=True):
        assert dataclasses.asdict(a) == dataclasses.asdict(b)


def test_row_entries_of_some_ids():
    qs = documents.queryset(Kind.RELATION)
    assert qs is not None
    some = [r.pk for r in qs[:3]]
    assert [e.object_id for e in documents.row_entries(Kind.RELATION, some) or []] == some
