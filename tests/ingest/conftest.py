"""Fixtures for ingestion: a press release of our own (a new partnership, and Kanagawa 1989 the register holds)."""

from pathlib import Path

import pytest
from django.core.management import call_command

DOCUMENTS = Path(__file__).with_name("documents")


@pytest.fixture
def press_release() -> Path:
    return DOCUMENTS / "auvergne-partnerschaft-2025.txt"


@pytest.fixture
def ingested(press_release, db):
    """The press release ingested once; returns its Source."""
    from weltnetz.register.models import Source

    call_command("ingest", str(press_release), verbosity=0)
    return Source.objects.get(file_name=press_release.name)
