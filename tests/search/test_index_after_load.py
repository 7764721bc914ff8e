"""Loading register data leaves it searchable without a separate rebuild (as `make db` relies on)."""

import pytest
from django.core.management import call_command

from weltnetz.search.models import SearchEntry
from weltnetz.search.query import search

pytestmark = pytest.mark.django_db


def test_load_register_indexes_what_it_loads():
    SearchEntry.objects.all().delete()
    call_command("load_register", verbosity=0)
    kinds = {hit.kind for hit in search("Kanagawa", limit=20).hits}
    assert {"actor", "relation", "agreement"} <= kinds
    # Topics are set after the relation is saved; the deferred index still sees them.
    assert search("Robotik", kinds=["relation"]).total >= 1
