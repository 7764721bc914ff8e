"""Bulk imports: inside `deferred()` rows are not indexed one by one; the changed kinds are reindexed at the end."""

import pytest
from django.core.management import call_command

from weltnetz.register.models import Actor
from weltnetz.search.index import deferred
from weltnetz.search.models import SearchEntry
from weltnetz.search.query import matching_ids

pytestmark = pytest.mark.django_db


def test_deferred_indexes_once_at_the_end():
    with deferred():
        towns = [
            Actor.objects.create(
                slug=f"zauberstadt-{i}", kind="municipality", name=f"Zauberstadt {i}", country_code="FR"
            )
            for i in range(3)
        ]
        assert matching_ids("Zauberstadt", "actor") == []  # nothing indexed yet
    assert sorted(matching_ids("Zauberstadt", "actor")) == sorted(t.pk for t in towns)


def test_deferred_indexes_nothing_when_the_block_fails():
    before = SearchEntry.objects.count()
    with pytest.raises(RuntimeError), deferred():
        Actor.objects.create(slug="zauberdorf", kind="municipality", name="Zauberdorf", country_code="FR")
        raise RuntimeError("import failed")
    assert SearchEntry.objects.count() == before


def test_rebuild_command_reports_counts(capsys):
    call_command("rebuild_search_index", kind=["actor"])
    out = capsys.readouterr().out
    assert f"actor: {Actor.objects.count()}" in out


def test_an_importer_batch_bulk_created_and_indexed_is_searchable():
    from weltnetz.register.names import fold
    from weltnetz.search.index import update_objects

    towns = Actor.objects.bulk_create(
        [
            Actor(
                slug=f"zaubertal-{i}",
                kind="municipality",
                name=f"Zaubertal {i}",
                name_key=fold(f"Zaubertal {i}"),
                country_code="IT",
                aliases=[],
            )
            for i in range(600)
        ]
    )
    update_objects("actor", [t.pk for t in towns])
    assert len(matching_ids("Zaubertal", "actor")) == 600
    assert matching_ids("Zaubertal 599", "actor")[0] == towns[-1].pk
    ids = SearchEntry.objects.filter(kind="actor").values_list("pk", flat=True)
    assert len(set(ids)) == len(ids)
