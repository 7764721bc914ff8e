"""Fixtures for the extractor tests; these run without Django (``pytest -p no:django tests/extract``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).with_name("corpus")

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def facts_of(text: str, name: str = "doc.txt") -> dict:
    """Extract from a text and return FACTS.md JSON as a dict."""
    from weltnetz_extract import extract

    return extract(text, name=name).to_dict()


def relation(facts: dict, partner: str) -> dict:
    found = [r for r in facts["relations"] if r["partner"] == partner]
    assert found, f"no relation with {partner!r} in {[r['partner'] for r in facts['relations']]}"
    return found[0]
