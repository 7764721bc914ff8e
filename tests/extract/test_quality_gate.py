"""Quality gate: dev documents (when ../shared/eval/dev exists) and the own corpus meet the floors."""

import importlib.util
import json

from .conftest import DEV_DIR, REPO

spec = importlib.util.spec_from_file_location("weltnetz_gate", REPO / "eval" / "gate.py")
assert spec is not None and spec.loader is not None
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)

BASELINE = json.loads((REPO / "eval" / "baseline.json").read_text(encoding="utf-8"))


def test_floors_hold_on_every_corpus():
    result = gate.run_gate()
    assert "own" in result and result["own"]["documents"] >= 5
    if DEV_DIR.is_dir():
        assert result["dev"]["documents"] == 14
    assert gate.below_floors(result, BASELINE["floors"]) == []


def test_floors_are_the_issue_minimums():
    floors = BASELINE["floors"]
    assert floors["relations_f1"] >= 0.90 and floors["agreements_f1"] >= 0.90
    assert floors["topics_f1"] >= 0.80
    assert floors["since_accuracy"] >= 0.90 and floors["status_accuracy"] >= 0.90


def test_own_corpus_is_the_one_measured():
    assert gate.corpus_hash(gate.OWN_DIR) == BASELINE["corpus_sha256"]["own"], (
        "tests/extract/corpus changed: rerun eval/gate.py --json and update eval/baseline.json"
    )


def test_every_corpus_document_has_gold():
    docs = gate.documents(gate.OWN_DIR)
    golds = sorted(gate.OWN_DIR.glob("*.gold.json"))
    assert len(docs) == len(golds)
