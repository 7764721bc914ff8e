"""Quality gate of the extractor: extract each corpus, score it, and hold the scores to eval/baseline.json.

    python eval/gate.py [--json] [--only own]

Corpora:
- ``own``: ``tests/extract/corpus``, scored with the project's own scorer (``weltnetz_extract.scoring``);
  always there, so ``make test`` runs it in a clone with nothing beside it.
- ``own2``: ``tests/extract/corpus2``, the same scorer: genres of the hidden set (other publishers, English,
  listings, PDF, negative controls), gold written before extraction. Its ``MANIFEST.tsv`` marks each document
  ``open`` or ``sealed``; the two halves are reported as ``own2:open`` and ``own2:sealed`` beside the whole.
- ``own3``: ``tests/extract/corpus3``, the same scorer and the same manifest: written for issue #10's dates,
  statuses, topics and agreements (anniversaries, founding vs. celebration, dated listings, English wording).
- ``dev`` and ``dev2``: ``../shared/eval/dev`` and ``../shared/eval/dev2``, scored with
  ``../shared/eval/score.py`` itself (imported by path, never copied), where that folder exists. The own
  scorer is run on them too, and the gate fails if the two scorers disagree on any figure.

Floors per corpus live in ``eval/baseline.json``; exit code 1 when a figure is below its floor, when a
floor there is lower than the one in git (floors are raised, never silently lowered: see its comment),
or when the scorers disagree.
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
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from weltnetz_extract import scoring  # noqa: E402

SHARED_EVAL = REPO.parent / "shared" / "eval"
OWN_DIR = REPO / "tests" / "extract" / "corpus"
OWN2_DIR = REPO / "tests" / "extract" / "corpus2"
OWN3_DIR = REPO / "tests" / "extract" / "corpus3"
OWN_CORPORA = {"own": OWN_DIR, "own2": OWN2_DIR, "own3": OWN3_DIR}
BASELINE = Path(__file__).with_name("baseline.json")
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
SHARED_SETS = ("dev", "dev2")


def load_shared_scorer(path: Path = SHARED_EVAL / "score.py") -> ModuleType | None:
    """The FACTS.md reference scorer imported from its file, or None where ../shared is not there."""
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("weltnetz_shared_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(src: Path) -> list[Path]:
    """Documents in ``src`` that have a gold file beside them."""
    return sorted(p for p in src.iterdir() if p.suffix in SUFFIXES and (src / f"{p.stem}.gold.json").exists())


def extract_all(src: Path, out: Path) -> None:
    """Extract every document of ``src`` into ``out/NAME.json`` with the default options (publisher detected)."""
    from weltnetz_extract import extract

    for path in documents(src):
        (out / f"{path.stem}.json").write_text(extract(path).to_json(), encoding="utf-8")


def shared_score(scorer: ModuleType, gold_dir: Path, pred_dir: Path) -> dict[str, Any]:
    """Overall figures of ../shared/eval/score.py (the loop of its main())."""
    total = scorer.Tally()
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred_path = pred_dir / f"{name}.json"
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        t, _, _ = scorer.score_doc(gold, pred)
        total.add(t)
    return dict(scorer.figures(total))


def corpus_hash(src: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(src.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def manifest_sets(src: Path) -> dict[str, set[str]]:
    """Document names per set ("open", "sealed") from ``src/MANIFEST.tsv`` (name, genre, set); {} without one."""
    path = src / "MANIFEST.tsv"
    sets: dict[str, set[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("#") or len(cells) < 3:
                continue
            sets.setdefault(cells[2].strip(), set()).add(cells[0].strip())
    return sets


def score_corpus(label: str, src: Path, shared: ModuleType | None) -> dict[str, Any]:
    """Extract and score one corpus; for the shared sets also compare the two scorers; the sets of an own
    corpus's manifest are scored on their own too (under ``subsets``)."""
    with tempfile.TemporaryDirectory() as tmp:
        extract_all(src, Path(tmp))
        own = scoring.score_dirs(src, Path(tmp))
        subsets = {
            f"{label}:{name}": scoring.score_dirs(src, Path(tmp), names)
            for name, names in sorted(manifest_sets(src).items())
        }
        result: dict[str, Any] = {
            "documents": len(documents(src)),
            "figures": scoring.headline(own["overall"]),
            "sha256": corpus_hash(src),
            "scorer": "weltnetz_extract.scoring",
            "per_document": {n: {"missed": d["missed"], "extra": d["extra"]} for n, d in own["per_document"].items()},
            "subsets": {
                k: {"documents": v["documents"], "figures": scoring.headline(v["overall"])} for k, v in subsets.items()
            },
        }
        if shared is not None and label not in OWN_CORPORA:
            reference = scoring.headline(shared_score(shared, src, Path(tmp)))
            result["scorer"] = "../shared/eval/score.py"
            result["scorers_disagree"] = reference != result["figures"]
            result["figures"] = reference
    return result


def run_gate(only: str | None = None) -> dict[str, Any]:
    """Scores per corpus: {"own": {...}, "dev": {...}, "dev2": {...}} (the shared sets where present)."""
    shared = load_shared_scorer()
    corpora = dict(OWN_CORPORA)
    if shared is not None:
        corpora.update({name: SHARED_EVAL / name for name in SHARED_SETS if (SHARED_EVAL / name).is_dir()})
    return {label: score_corpus(label, src, shared) for label, src in corpora.items() if only is None or label == only}


def below_floors(result: dict[str, Any], floors: dict[str, dict[str, float]]) -> list[str]:
    """Each figure under its corpus's floor, as a line of text."""
    return [
        f"{label}: {key} {res['figures'][key]:.3f} < floor {floor:.3f}"
        for label, res in result.items()
        for key, floor in floors.get(label, {}).items()
        if res["figures"][key] < floor
    ]


def lowered_floors(floors: dict[str, dict[str, float]], committed: dict[str, dict[str, float]]) -> list[str]:
    """Floors lower than the committed ones (floors move up only)."""
    return [
        f"{label}: floor {key} {floors.get(label, {}).get(key, 0.0):.3f} < committed {value:.3f}"
        for label, keys in committed.items()
        for key, value in keys.items()
        if floors.get(label, {}).get(key, 0.0) < value
    ]


def committed_floors() -> dict[str, dict[str, float]] | None:
    """The floors of eval/baseline.json as committed in git's HEAD, or None outside a git checkout."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "show", "HEAD:eval/baseline.json"],  # noqa: S607 - git from PATH, fixed arguments
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    floors = json.loads(done.stdout).get("floors", {})
    return floors if all(isinstance(v, dict) for v in floors.values()) else None


def main(argv: list[str]) -> int:
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    result = run_gate(only)
    if "--json" in argv:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        if load_shared_scorer() is None:
            print(f"{SHARED_EVAL} not found: scoring the own corpus only")
        keys = ("relations_f1", "topics_f1", "agreements_f1", "since_accuracy", "status_accuracy", "people_f1")
        print(f"{'corpus':12}{'docs':>5}  " + "  ".join(f"{k:>15}" for k in keys) + "  scorer")
        for label, res in result.items():
            for name, part in [(label, res), *res["subsets"].items()]:
                row = "  ".join(f"{part['figures'][k]:>15.3f}" for k in keys)
                print(f"{name:12}{part['documents']:>5}  {row}  {res['scorer']}")
    failures = below_floors(result, baseline["floors"])
    failures += [
        f"{label}: the own scorer disagrees with score.py" for label, r in result.items() if r.get("scorers_disagree")
    ]
    committed = committed_floors()
    if committed is not None:
        failures += lowered_floors(baseline["floors"], committed)
    for line in failures:
        print("GATE FAILED", line, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
