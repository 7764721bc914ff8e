"""FACTS.md v1 as dataclasses, with an ``evidence`` key per fact (the scorer ignores unknown keys)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = (
    "state_partnership",
    "municipal_partnership",
    "cooperation",
    "network_membership",
    "joint_commission",
    "representation",
    "institution",
)
STATUSES = ("active", "dormant", "ended")


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a fact rests on and its character offsets in ``Document.text``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Relation:
    kind: str
    partner: str
    country: str | None = None
    since: int | None = None
    status: str | None = None
    topics: list[str] = field(default_factory=list)
    home: str | None = None
    evidence: Evidence | None = None


@dataclass(slots=True)
class Agreement:
    title: str
    partner: str
    date: str | None = None
    place: str | None = None
    signatories: list[str] = field(default_factory=list)
    evidence: Evidence | None = None


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    evidence: Evidence | None = None


@dataclass(slots=True)
class Facts:
    """Everything one document states, in FACTS.md v1 form."""

    relations: list[Relation] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"relations": [], "agreements": [], "people": []}
        for r in self.relations:
            d = asdict(r)
            if d["home"] is None:
                del d["home"]
            out["relations"].append(d)
        out["agreements"] = [asdict(a) for a in self.agreements]
        out["people"] = [asdict(p) for p in self.people]
        return out

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        """Read FACTS.md JSON (a prediction or a gold file; gold-only keys are dropped)."""

        def ev(d: dict[str, Any]) -> Evidence | None:
            e = d.get("evidence")
            return Evidence(e["text"], int(e["start"]), int(e["end"])) if isinstance(e, dict) else None

        rels = [
            Relation(
                kind=r["kind"],
                partner=r["partner"],
                country=r.get("country"),
                since=r.get("since"),
                status=r.get("status"),
                topics=list(r.get("topics") or []),
                home=r.get("home"),
                evidence=ev(r),
            )
            for r in data.get("relations", [])
        ]
        ags = [
            Agreement(
                title=a.get("title") or "",
                partner=a["partner"],
                date=a.get("date"),
                place=a.get("place"),
                signatories=list(a.get("signatories") or []),
                evidence=ev(a),
            )
            for a in data.get("agreements", [])
        ]
        ppl = [
            Person(name=p["name"], role=p.get("role"), affiliation=p.get("affiliation"), evidence=ev(p))
            for p in data.get("people", [])
        ]
        return cls(rels, ags, ppl)
