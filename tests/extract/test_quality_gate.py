"""Quality gate inside ``make test``: the own corpus, scored with the project's own scorer, meets its floors.

Nothing here reads ``../shared``; ``make eval`` scores dev and dev2 with the shared scorer.
"""

import importlib.util
import json

from .conftest import REPO

spec = importlib.util.spec_from_file_location("weltnetz_gate", REPO / "eval" / "gate.py")
assert spec is not None and spec.loader is not None
gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gate)

BASELINE = json.loads((REPO / "eval" / "baseline.json").read_text(encoding="utf-8"))


def test_own_corpus_meets_its_floors():
    result = gate.run_gate(only="own")
    assert set(result) == {"own"}
    assert result["own"]["scorer"] == "weltnetz_extract.scoring"
    assert result["own"]["documents"] >= 17
    assert gate.below_floors(result, BASELINE["floors"]) == []


def test_second_own_corpus_meets_its_floors():
    result = gate.run_gate(only="own2")
    assert result["own2"]["documents"] >= 17
    assert set(result["own2"]["subsets"]) == {"own2:open", "own2:sealed"}
    assert gate.below_floors(result, BASELINE["floors"]) == []


def test_third_own_corpus_meets_its_floors():
    result = gate.run_gate(only="own3")
    assert result["own3"]["documents"] >= 14
    assert set(result["own3"]["subsets"]) == {"own3:open", "own3:sealed"}
    assert gate.below_floors(result, BASELINE["floors"]) == []


def test_floors_are_at_least_the_issue_minimums():
    own = BASELINE["floors"]["own"]
    assert own["relations_f1"] >= 0.90 and own["agreements_f1"] >= 0.90
    assert own["topics_f1"] >= 0.80
    assert own["since_accuracy"] >= 0.90 and own["status_accuracy"] >= 0.90


def test_a_lowered_floor_is_reported():
    committed = {"dev2": {"relations_f1": 0.8}}
    assert gate.lowered_floors({"dev2": {"relations_f1": 0.7}}, committed) == [
        "dev2: floor relations_f1 0.700 < committed 0.800"
    ]
    assert gate.lowered_floors({"dev2": {"relations_f1": 0.85}}, committed) == []


def test_own_corpora_are_the_ones_measured():
    for label, src in gate.OWN_CORPORA.items():
        assert gate.corpus_hash(src) == BASELINE["corpus_sha256"][label], (
            f"{src} changed: rerun eval/gate.py and update corpus_sha256 in eval/baseline.json"
        )


def test_every_corpus_document_has_gold():
    for src in gate.OWN_CORPORA.values():
        docs = gate.documents(src)
        golds = sorted(src.glob("*.gold.json"))
        assert len(docs) == len(golds)


def test_the_manifest_names_every_document_of_the_second_and_third_corpus_once():
    for src in (gate.OWN2_DIR, gate.OWN3_DIR):
        sets = gate.manifest_sets(src)
        names = [n for names in sets.values() for n in names]
        assert sorted(names) == sorted(p.stem for p in gate.documents(src))
        assert set(sets) == {"open", "sealed"}
