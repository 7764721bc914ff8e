"""The project's own scorer of FACTS.md predictions against gold files, written to FACTS.md's scoring rules.

    python -m weltnetz_extract.scoring GOLD_DIR PRED_DIR [--json] [--per-doc]

It is what ``make test`` scores the own corpus with, so a clone without ``../shared`` can check itself.
The rules, from FACTS.md "Scoring":

- a predicted relation matches a gold one when ``kind`` (or one of the gold ``alt_kinds``) and ``country``
  are equal and the partner equals the gold ``partner`` or one of its ``partner_aliases``, names folded
  (case, diacritics, hyphens, quotation marks, brackets, spacing); matching is greedy and one-to-one;
- a gold relation marked ``optional`` earns nothing when matched and costs nothing when missed;
- relations: precision, recall, F1; ``since`` and ``status``: share of matched relations with the gold value;
- topics: precision, recall, F1 over (matched relation, topic) pairs; a missed relation's topics are
  missed, an extra relation's topics are extra;
- agreements: matched one-to-one on the partner and, where both give one, the date;
- people: F1 over folded names.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PUNCT = re.compile(r"[\s\-‐–—_.'’‘`\"„“”«»‹›/,()]+")


def fold(name: object) -> str:
    """Case, diacritics, hyphens, quotes, brackets and spacing folded away (FACTS.md "compared with ...")."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "l").lower()
    return _PUNCT.sub(" ", text).strip()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty side counts as perfect (nothing to find, nothing wrongly found)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Tally:
    """Counts over one or more documents: [tp, fp, fn] per measure, [right, total] for since and status."""

    rel: list[int] = field(default_factory=lambda: [0, 0, 0])
    top: list[int] = field(default_factory=lambda: [0, 0, 0])
    agr: list[int] = field(default_factory=lambda: [0, 0, 0])
    ppl: list[int] = field(default_factory=lambda: [0, 0, 0])
    since: list[int] = field(default_factory=lambda: [0, 0])
    status: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, other: Tally) -> None:
        for key in ("rel", "top", "agr", "ppl", "since", "status"):
            mine, theirs = getattr(self, key), getattr(other, key)
            for i, value in enumerate(theirs):
                mine[i] += value


def _names(rel: dict[str, Any]) -> set[str]:
    return {fold(rel.get("partner"))} | {fold(a) for a in rel.get("partner_aliases", [])}


def match_relations(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Greedy one-to-one matching in gold order: (gold, prediction) pairs, unmatched gold, unmatched predictions."""
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used: set[int] = set()
    for g in gold:
        names = _names(g)
        kinds = {g.get("kind"), *g.get("alt_kinds", [])}
        for j, p in enumerate(pred):
            if j in used or p.get("kind") not in kinds:
                continue
            if (p.get("country") or None) != (g.get("country") or None):
                continue
            if fold(p.get("partner")) in names:
                pairs.append((g, p))
                used.add(j)
                break
    matched = {id(g) for g, _ in pairs}
    lost = [g for g in gold if id(g) not in matched]
    extra = [p for j, p in enumerate(pred) if j not in used]
    return pairs, lost, extra


def _score_relations(t: Tally, gold: dict[str, Any], pred: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    grels = [r for r in gold.get("relations", []) if isinstance(r, dict)]
    prels = [r for r in pred.get("relations", []) if isinstance(r, dict)]
    pairs, lost, extra = match_relations(grels, prels)
    counted = [(g, p) for g, p in pairs if not g.get("optional")]
    missed = [g for g in lost if not g.get("optional")]
    t.rel[0] += len(counted)
    t.rel[1] += len(extra)
    t.rel[2] += len(missed)
    for g, p in counted:
        t.since[0] += int(g.get("since") == p.get("since"))
        t.status[0] += int(g.get("status") == p.get("status"))
        t.since[1] += 1
        t.status[1] += 1
        gt, pt = set(g.get("topics", [])), set(p.get("topics") or [])
        t.top[0] += len(gt & pt)
        t.top[1] += len(pt - gt)
        t.top[2] += len(gt - pt)
    t.top[2] += sum(len(g.get("topics", [])) for g in missed)
    t.top[1] += sum(len(p.get("topics") or []) for p in extra)
    return missed, extra


def _score_agreements(t: Tally, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    pags = [a for a in pred.get("agreements", []) if isinstance(a, dict)]
    used: set[int] = set()
    for g in gold.get("agreements", []):
        for j, p in enumerate(pags):
            if j in used or fold(p.get("partner")) != fold(g.get("partner")):
                continue
            if g.get("date") and p.get("date") and str(g["date"]) != str(p["date"]):
                continue
            used.add(j)
            t.agr[0] += 1
            break
        else:
            t.agr[2] += 1
    t.agr[1] += len(pags) - len(used)


def score_document(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[Tally, list[str], list[str]]:
    """Counts for one document, with the missed gold and the extra predicted relations as "kind:partner"."""
    t = Tally()
    missed, extra = _score_relations(t, gold, pred)
    _score_agreements(t, gold, pred)
    gp = {fold(x.get("name")) for x in gold.get("people", []) if isinstance(x, dict)}
    pp = {fold(x.get("name")) for x in pred.get("people", []) if isinstance(x, dict)}
    t.ppl[0] += len(gp & pp)
    t.ppl[1] += len(pp - gp)
    t.ppl[2] += len(gp - pp)
    return t, [f"{g['kind']}:{g['partner']}" for g in missed], [f"{p.get('kind')}:{p.get('partner')}" for p in extra]


def figures(t: Tally) -> dict[str, dict[str, float]]:
    """The headline figures of a tally, rounded to three places."""
    out: dict[str, dict[str, float]] = {}
    for key, label in (("rel", "relations"), ("top", "topics"), ("agr", "agreements"), ("ppl", "people")):
        counts = getattr(t, key)
        p, r, f = prf(*counts)
        out[label] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        out[label].update(tp=counts[0], fp=counts[1], fn=counts[2])
    for key in ("since", "status"):
        right, n = getattr(t, key)
        out[key] = {"accuracy": round(right / n, 3) if n else 1.0, "n": n}
    return out


def _read_json(path: Path) -> dict[str, Any]:
    """A prediction file; missing, malformed or non-object files count as empty predictions."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def score_dirs(gold_dir: Path, pred_dir: Path, names: set[str] | None = None) -> dict[str, Any]:
    """Scores every ``NAME.gold.json`` in ``gold_dir`` (only the ``names`` given, where given) against
    ``pred_dir/NAME.json``."""
    total, docs = Tally(), {}
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        if names is not None and name not in names:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        t, missed, extra = score_document(gold, _read_json(pred_dir / f"{name}.json"))
        total.add(t)
        docs[name] = {"figures": figures(t), "missed": missed, "extra": extra}
    return {"documents": len(docs), "overall": figures(total), "per_document": docs}


def headline(fig: dict[str, dict[str, float]]) -> dict[str, float]:
    """The six numbers the README and the floors use."""
    return {
        "relations_f1": fig["relations"]["f1"],
        "topics_f1": fig["topics"]["f1"],
        "agreements_f1": fig["agreements"]["f1"],
        "since_accuracy": fig["since"]["accuracy"],
        "status_accuracy": fig["status"]["accuracy"],
        "people_f1": fig["people"]["f1"],
    }


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    result = score_dirs(Path(args[0]), Path(args[1]))
    if "--json" in argv:
        if "--per-doc" not in argv:
            del result["per_document"]
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    if "--per-doc" in argv:
        for name, d in result["per_document"].items():
            f1 = d["figures"]["relations"]["f1"]
            print(f"{name}: relations F1 {f1}  missed {d['missed']}  extra {d['extra']}")
    o = result["overall"]
    print(f"documents {result['documents']}")
    for label in ("relations", "topics", "agreements", "people"):
        x = o[label]
        print(
            f"{label:11s} P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}"
            f"  (tp {x['tp']:.0f}, fp {x['fp']:.0f}, fn {x['fn']:.0f})"
        )
    for key in ("since", "status"):
        print(f"{key:11s} accuracy {o[key]['accuracy']:.3f} of {o[key]['n']:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
