"""Stage 4, attributes: since, status and topics, with list- and clause-level scope and anaphora."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocab
from .dates import SINCE_YEAR, anniversary_start, find_dates
from .document import Document
from .gazetteer import default_gazetteer
from .mentions import Mentions
from .relations import GROUP, Candidate, RelationSet, status_of
from .segment import Segments, Sentence
from .topics import TopicState, finish_topics, topics_of_sentence


@dataclass(slots=True)
class Attributed:
    relations: RelationSet
    focus: int | None
    title_focus: int | None


def anaphor(rs: RelationSet, seg: Segments, s: Sentence, focus: int | None, networks: bool = False) -> int | None:
    """The relation a sentence without a partner name talks about."""
    usable = {"state_partnership", "cooperation", "joint_commission", "municipal_partnership"}
    if networks:
        usable.add("network_membership")
    for prev in reversed(seg.sentences[: s.index]):
        if prev.block != s.block:
            break
        for i in reversed(rs.mentioned.get(prev.index, [])):
            if rs.relations[i].kind in usable:
                return i
    if s.section >= 0 and not any(t.block == s.section for t in (seg.sentences[i] for i in seg.title_sentences)):
        for t in seg.sentences:
            if t.block == s.section:
                ids = [i for i in rs.mentioned.get(t.index, []) if rs.relations[i].kind in usable]
                if ids:
                    return ids[0]
        return _title_focus(rs, seg)  # a sub-section about something else: only the title's partner
    return focus


def _title_focus(rs: RelationSet, seg: Segments) -> int | None:
    for si in seg.title_sentences:
        ids = [i for i in rs.mentioned.get(si, []) if rs.relations[i].kind not in GROUP]
        if ids:
            return ids[0]
    return None


def _focus(rs: RelationSet, seg: Segments) -> int | None:
    title = _title_focus(rs, seg)
    if title is not None:
        return title
    counts: dict[int, int] = {}
    for ids in rs.mentioned.values():
        for i in ids:
            if rs.relations[i].kind not in GROUP:
                counts[i] = counts.get(i, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


_ANAPHOR_WORDS = re.compile(
    r"partnerschaft|zusammenarbeit|beziehungen|beide[n]? (?:länder|regionen|seiten|städte)|kooperation|kontakte|"
    r"austausch|begegnungen|partnership|relationship|cooperation",
    re.I,
)


@dataclass(slots=True)
class _At:
    """One sentence as the attribute rules see it: the relations it names, touches or refers back to."""

    s: Sentence
    text: str
    named: list[int]
    touched: list[int]
    target: int | None  # the relation an anaphor points to, where the sentence names none
    about: list[int]  # the relations a since or status clause here can be about


def _about(rs: RelationSet, text: str, named: list[int], touched: list[int], target: int | None) -> list[int]:
    """Those a kind rule found here, else those named here, else the one an anaphor points to."""
    about = list(dict.fromkeys(touched))
    if not about and _SINCE_OF_RELATION.search(text):  # the relation itself is the subject of "seit"
        about = [i for i in dict.fromkeys(named) if rs.relations[i].kind not in GROUP]
        if not about and target is not None:
            about = [target]
    return about


def since_from_seit(rs: RelationSet, men: Mentions, at: _At) -> None:
    """ "besteht seit 1982" next to a partner; with several, the one named nearest before "seit"."""
    if not vocab.EXISTENCE_CUE.search(at.text) or vocab.DORMANT_CUE.search(at.text):
        return
    for sy in SINCE_YEAR.finditer(at.text):
        ids = at.about
        if len(ids) > 1:
            before = {m.key: m.end for m in men.by_sentence[at.s.index] if m.end <= sy.start()}
            ids = sorted((i for i in ids if rs.relations[i].key in before), key=lambda i: -before[rs.relations[i].key])
            ids = ids[:1]
        if len(ids) == 1:
            set_since(rs.relations[ids[0]], int(sy["y"]), 2)


def since_from_founding(rs: RelationSet, at: _At) -> None:
    """ "gegründet 1995", "Die 1988 begründete Partnerschaft": the first year of a founding sentence."""
    if not vocab.FOUNDING_CUE.search(at.text):
        return
    years = [d.year for d in find_dates(at.text)]
    if not years:
        return
    founded = at.about
    if not at.touched and not at.about and _FOUNDED_RELATION.search(at.text):
        founded = [i for i in dict.fromkeys(at.named) if rs.relations[i].kind not in GROUP]
        founded = founded or ([at.target] if at.target is not None else [])
    for i in set(at.touched or founded):
        if rs.relations[i].kind not in GROUP:
            set_since(rs.relations[i], years[0], 2)


def since_from_anniversary(rs: RelationSet, at: _At, ref_year: int | None) -> None:
    """ "Zum 35-jährigen Jubiläum ... 2024" gives 1989 to the relations named (networks excepted)."""
    start = anniversary_start(at.text, ref_year)
    if not start:
        return
    ids = [i for i in at.named if rs.relations[i].kind not in GROUP and rs.relations[i].kind != "network_membership"]
    for i in ids or ([at.target] if at.target is not None else []):
        set_since(rs.relations[i], start, 1)


def status_from_cues(rs: RelationSet, men: Mentions, at: _At) -> None:
    """Status cues in sentences that name the relation (not only as part of a compound), or refer back to it."""
    st = status_of(at.text)
    if not st or (st != "active" and not vocab.RELATION_WORD.search(at.text)):
        return  # "dessen Amtszeit endete": an end, but not of a relation
    ms = men.by_sentence[at.s.index]
    whole = {m.key for m in ms if not m.partial}
    only_partial = {m.key for m in ms if m.partial} - whole
    ids = [i for i in at.named if rs.relations[i].key not in only_partial]
    if not ids and at.target is not None and _ANAPHOR_WORDS.search(at.text):
        ids = [at.target]
        _upgrade_by_anaphor(rs.relations[at.target], at.text)
    deepened = bool(vocab.DEEPEN_CUE.search(at.text))
    rank = 0 if st == "active" else 1  # a pause or an end stated later outweighs "besteht" said before
    for i in ids:
        set_status(rs.relations[i], st, rank, deepened)


def attributes(doc: Document, seg: Segments, men: Mentions, rs: RelationSet) -> Attributed:
    """Since, status and topics of every relation, sentence by sentence."""
    focus = _focus(rs, seg)
    ref_year = int(doc.date[:4]) if doc.date else None
    topic_state = TopicState()
    for s in seg.sentences:
        named = rs.mentioned.get(s.index, [])
        touched = rs.touched.get(s.index, [])
        target = None if named else anaphor(rs, seg, s, focus)
        at = _At(s, s.text, named, touched, target, _about(rs, s.text, named, touched, target))
        since_from_seit(rs, men, at)
        since_from_founding(rs, at)
        since_from_anniversary(rs, at, ref_year)
        status_from_cues(rs, men, at)
        topics_of_sentence(doc, rs, men, s, (named, touched, target), topic_state)
    finish_topics(rs, topic_state)
    default_active(rs)
    return Attributed(rs, focus, _title_focus(rs, seg))


# Kinds whose mere report as a partner in the genre means they are kept up ("unsere Partnerstädte", a list of
# partner regions); a cooperation, network or office needs a cue, since those are named in passing too.
_ACTIVE_BY_DEFAULT = ("state_partnership", "municipal_partnership", "joint_commission")


def default_active(rs: RelationSet) -> None:
    """A partnership, twinning or commission the document reports, with no status stated, is active."""
    for r in rs.relations:
        if r.status is None and r.kind in _ACTIVE_BY_DEFAULT:
            r.status = "active"


# "besteht seit", "verbindet ... seit", "Partnerstadt seit", "Die Partnerschaft ... seit": clauses whose
# subject is the relation, so a "seit" year in them dates a relation named (or referred to) nearby.
_SINCE_OF_RELATION = re.compile(
    r"\b(?:besteht|bestehen|verbinde[tn]?|verbunden|pfleg(?:t|en)|unterhält|unterhalten)\b|"
    r"\bpartner\w*\s+seit\b|(?:partnerschaft|freundschaft)\w*\s+(?:[\wäöüß\-]+\s+){0,6}?(?:besteht|seit)\b",
    re.I,
)
# "Die 1988 begründete Partnerschaft", "Die Partnerschaft wurde 1959 geschlossen": the founding is the relation's.
_FOUNDED_RELATION = re.compile(
    r"(?:begründet|gegründet|geschlossen|besiegelt|ins leben gerufen)\w*\s+(?:[\wäöüß\-]+\s+){0,2}?"
    r"[\wäöüß\-]*(?:partnerschaft|freundschaft|zusammenarbeit|kooperation)|"
    r"(?:partnerschaft|freundschaft|zusammenarbeit|kooperation)\w*\s+[^.;]*?\b(?:wurde|ist|war)\b[^.;]*?"
    r"(?:begründet|gegründet|geschlossen|besiegelt|ins leben gerufen)",
    re.I,
)
_PARTNERSHIP_ANAPHOR = re.compile(
    r"\b(?:Die|die|Der|der)\s+(?:Landes|Regional|Länder)?[Pp]artnerschaft\s+mit\s+(?:der|dem)\s+(?P<adj>[a-zäöü\-]+isch\w*)\s+"
    r"(?:Region|Provinz|Woiwodschaft|Präfektur|Bundesstaat|Partnerregion)\b"
)


def _upgrade_by_anaphor(r: Candidate, text: str) -> None:
    """A cooperation that a later sentence calls a partnership ("Die Regionalpartnerschaft mit der
    nordfranzösischen Region besteht seit 1991") is a state partnership."""
    m = _PARTNERSHIP_ANAPHOR.search(text)
    if m and r.kind == "cooperation" and default_gazetteer().adjective_country(m["adj"]) == r.country:
        r.kind = "state_partnership"


def set_since(r: Candidate, year: int, rank: int) -> None:
    if rank > r.since_rank:
        r.since, r.since_rank = year, rank


def set_status(r: Candidate, status: str, rank: int, deepened: bool = False) -> None:
    """Give ``r`` a status stated with strength ``rank``. A cooperation without a treaty is active only where it
    is said to be deepened, expanded or carried on ("wollen ihre Zusammenarbeit vertiefen"), not merely kept."""
    if r.kind in GROUP:
        return
    if r.kind == "cooperation" and status == "active" and not deepened:
        return
    if rank > r.status_rank or (rank == r.status_rank and status != "active"):
        r.status, r.status_rank = status, rank
