"""The extraction pipeline: a Document becomes FACTS.md facts, each with its evidence sentence.

Stages, one module each, each returning a named dataclass:
  0. publisher  - the home region: the document's publisher, unless the caller fixes it
  1. segment    - sentences with offsets, their block kind and section heading (teasers dropped)
  2. mentions   - places, networks and institutions named in each sentence (gazetteer + patterns)
  3. relations  - relation candidates from kind cues, lists and appositions, merged per partner
  4. attributes - since, status and topics, with list- and clause-level scope and anaphora
  5. agreements - signed documents: title, partner, date, place, signatories
  6. people     - named people with role and affiliation
"""

from __future__ import annotations

from .agreements import agreements
from .attributes import attributes
from .document import Document
from .facts import Evidence, Facts, Relation
from .gazetteer import HOME_COUNTRY, Gazetteer, default_gazetteer, with_extra_places
from .mentions import mentions
from .options import ExtractOptions, ExtraPlace
from .people import people
from .publisher import detect_publisher, home_of
from .relations import relations
from .segment import segment

__all__ = ["ExtractOptions", "ExtraPlace", "run"]


def gazetteer_for(opts: ExtractOptions) -> Gazetteer:
    """The caller's gazetteer or the built-in one, with the caller's extra places added (cached per tuple)."""
    gaz = opts.gazetteer or default_gazetteer()
    if opts.extra_places:
        gaz = with_extra_places(gaz, tuple(opts.extra_places))
    return gaz


def run(doc: Document, options: ExtractOptions | None = None) -> Facts:
    """Run all stages on a read document."""
    opts = options or ExtractOptions()
    gaz = gazetteer_for(opts)
    publisher = detect_publisher(doc, gaz, opts.home_region) if opts.detect_home else home_of(opts.home_region, gaz)
    token = HOME_COUNTRY.set(publisher.country)
    try:
        return _stages(doc, gaz, publisher.name, publisher.town)
    finally:
        HOME_COUNTRY.reset(token)


def _stages(doc: Document, gaz: Gazetteer, home: str, town: bool = False) -> Facts:
    seg = segment(doc)
    men = mentions(seg, gaz)
    rs = relations(doc, seg, men, gaz, home, town)
    att = attributes(doc, seg, men, rs)
    ppl = people(doc, seg, men, home)
    ags = agreements(doc, seg, men, att, ppl.items, home)
    facts = Facts()
    for i, r in enumerate(rs.relations):
        s = seg.sentences[r.sentence]
        status = r.status
        topics = sorted(rs.topics.get(i, set()))
        evidence = Evidence(s.text, s.start, s.end)
        facts.relations.append(Relation(r.kind, r.partner, r.country, r.since, status, topics, r.home, evidence))
    facts.agreements = ags.items
    facts.people = ppl.items
    return facts
