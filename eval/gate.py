"""Quality gate: extract the dev documents and the project's own corpus, score them with score.py.

    python eval/gate.py [--json]

Scoring is done by ``../shared/eval/score.py`` itself (imported by path, never copied). The dev
documents are used when ``../shared/eval/dev`` exists; the own corpus under ``tests/extract/corpus``
is always scored. Floors live in ``eval/baseline.json``; exit code 1 when a figure is below its floor.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"
DEV_DIR = SHARED_EVAL / "dev"
OWN_DIR = REPO / "tests" / "extract" / "corpus"
BASELINE = Path(__file__).with_name("baseline.json")
SUFFIXES = (".txt", ".md", ".html", ".htm")


def load_scorer(path: Path = SHARED_EVAL / "score.py") -> ModuleType:
    """The FACTS.md scorer, imported from its file."""
    if not path.exists():
        raise SystemExit(f"score.py not found at {path}; the gate scores with the shared scorer only")
    spec = importlib.util.spec_from_file_location("weltnetz_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(src: Path) -> list[Path]:
    """Documents in ``src`` that have a gold file beside them."""
    return sorted(p for p in src.iterdir() if p.suffix in SUFFIXES and (src / f"{p.stem}.gold.json").exists())


def extract_all(src: Path, out: Path) -> None:
    from weltnetz_extract import extract

    for path in documents(src):
        (out / f"{path.stem}.json").write_text(extract(path).to_json(), encoding="utf-8")


def score(scorer: ModuleType, gold_dir: Path, pred_dir: Path) -> dict[str, Any]:
    """Overall figures of score.py for every gold file in ``gold_dir`` (the loop of its main())."""
    total = scorer.Tally()
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred_path = pred_dir / f"{name}.json"
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        t, _, _ = scorer.score_doc(gold, pred)
        total.add(t)
    return dict(scorer.figures(total))


def headline(fig: dict[str, Any]) -> dict[str, float]:
    return {
        "relations_f1": fig["relations"]["f1"],
        "topics_f1": fig["topics"]["f1"],
        "agreements_f1": fig["agreements"]["f1"],
        "since_accuracy": fig["since"]["accuracy"],
        "status_accuracy": fig["status"]["accuracy"],
        "people_f1": fig["people"]["f1"],
    }


def corpus_hash(src: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(src.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_gate() -> dict[str, Any]:
    """Scores per corpus: {"dev": {...} (when present), "own": {...}}."""
    scorer = load_scorer()
    result: dict[str, Any] = {}
    corpora = {"own": OWN_DIR}
    if DEV_DIR.is_dir():
        corpora["dev"] = DEV_DIR
    for label, src in corpora.items():
        with tempfile.TemporaryDirectory() as tmp:
            extract_all(src, Path(tmp))
            result[label] = {
                "documents": len(documents(src)),
                "figures": headline(score(scorer, src, Path(tmp))),
                "sha256": corpus_hash(src),
            }
    return result


def below_floors(result: dict[str, Any], floors: dict[str, float]) -> list[str]:
    return [
        f"{label}: {key} {res['figures'][key]:.3f} < floor {floor:.3f}"
        for label, res in result.items()
        for key, floor in floors.items()
        if res["figures"][key] < floor
    ]


def main(argv: list[str]) -> int:
    result = run_gate()
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    if "--json" in argv:
        print(json.dumps(result, indent=1))
    else:
        for label, res in result.items():
            figs = "  ".join(f"{k} {v:.3f}" for k, v in res["figures"].items())
            print(f"{label} ({res['documents']} documents): {figs}")
    failures = below_floors(result, floors)
    for line in failures:
        print("BELOW FLOOR", line, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main(sys.argv))
