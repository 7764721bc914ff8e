"""bench/bench_extract.py never measures another corpus than the one it names (#14)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import bench_extract  # noqa: E402


def test_a_missing_shared_corpus_is_refused_not_replaced(monkeypatch, tmp_path):
    monkeypatch.setattr(bench_extract, "DEV", tmp_path / "missing")
    with pytest.raises(SystemExit, match="not found: nothing measured"):
        bench_extract.corpus()


def test_the_own_corpus_is_measured_only_when_asked():
    name, docs = bench_extract.corpus("own")
    assert "own corpus" in name and docs
