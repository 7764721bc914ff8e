"""Stage 4, attributes: since, status and topics, with list- and clause-level scope and anaphora."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocab
from .dates import SINCE_YEAR, anniversaries, anniversary_start, find_dates
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


_ANAPHOR_WORDS = vocab.Cue(
    r"partnerschaft|zusammenarbeit|beziehungen|beide[n]? (?:länder|regionen|seiten|städte)|kooperation|kontakte|"
    r"austausch|begegnungen|partnership|relationship|cooperation|contacts|exchanges|twinning|\bties\b",
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
    if not vocab.EXISTENCE_CUE.search(at.text):
        return
    paused = bool(
        vocab.DORMANT_CUE.search(at.text) or vocab.ENDED_CUE.search(at.text) or vocab.RESUMED_CUE.search(at.text)
    )
    for sy in SINCE_YEAR.finditer(at.text):
        if paused and _pause_clause(at.text, sy.start()):
            continue  # "ruht seit 2022", "on hold since 2020": when the pause began, not the relation
        ids = at.about
        if len(ids) > 1:
            before = {m.key: m.end for m in men.by_sentence[at.s.index] if m.end <= sy.start()}
            ids = sorted((i for i in ids if rs.relations[i].key in before), key=lambda i: -before[rs.relations[i].key])
            ids = ids[:1]
        if len(ids) == 1:
            _since(rs, ids[0], at.text, int(sy["y"]), 2)


def since_from_founding(rs: RelationSet, at: _At) -> None:
    """ "gegründet 1995", "Die 1988 begründete Partnerschaft": the first year of the founding word's clause (after
    the founding word where a celebration is named before it: "Am 3. Mai 2023 feiert es seinen 20. Geburtstag;
    gegründet wurde es am 3. Mai 2003" gives 2003), for the relations of that clause where several are named."""
    cue = vocab.FOUNDING_CUE.search(at.text)
    dates = find_dates(at.text) if cue else []
    if not cue or not dates:
        return
    a, b = _clause(at.text, cue.start())
    if _CELEBRATION.search(at.text[: cue.start()]):
        a = cue.start()  # a celebration named first: its day is not the founding's
    year = next((d.year for d in dates if a <= d.start < b), dates[0].year)
    founded = at.about
    if not at.touched and not at.about and _FOUNDED_RELATION.search(at.text):
        founded = [i for i in dict.fromkeys(at.named) if rs.relations[i].kind not in GROUP]
        founded = founded or ([at.target] if at.target is not None else [])
    ids = [i for i in dict.fromkeys(at.touched or founded) if rs.relations[i].kind not in GROUP]
    if len(ids) > 1:
        a, b = _clause(at.text, cue.start())
        ids = [i for i in ids if a <= at.text.find(rs.relations[i].partner) < b] or ids
    for i in ids:
        _since(rs, i, at.text, year, 2)


def _pause_clause(text: str, at: int) -> bool:
    """A pause or an end is stated in the clause around position ``at``."""
    a, b = _clause(text, at)
    part = text[a:b]
    again = re.search(r"\bwieder\b|\bagain\b|\bresumed\b", part, re.I)
    return bool(vocab.DORMANT_CUE.search(part) or vocab.ENDED_CUE.search(part) or again)


def _clause(text: str, at: int) -> tuple[int, int]:
    """The span of the clause around position ``at``: between commas, semicolons and colons."""
    a = max(text.rfind(c, 0, at) for c in ",;:") + 1
    ends = [e for e in (text.find(c, at) for c in ",;:") if e >= 0]
    return a, min(ends) if ends else len(text)


def since_from_beginning(rs: RelationSet, seg: Segments, at: _At, entry_year: int | None) -> None:
    """ "Seit der Unterzeichnung einer Absichtserklärung 2014", "Erstmals hatten beide 1987 ... vereinbart",
    "Seit ihrer Gründung im Jahr 2012", "Mit Gründung der Gemischten Kommission im Jahr 2007", and "haben heute
    eine Partnerschaft vereinbart" in an entry dated 2023: the year the relation (or its commission) began."""
    bm = _BEGINNING.search(at.text)
    if not bm:
        return
    years = [d.year for d in find_dates(at.text) if d.start >= bm.start()]
    if bm["today"]:
        years = years or ([entry_year] if entry_year else [])
    if not years:
        return
    ids = [i for i in dict.fromkeys(at.touched + at.named) if rs.relations[i].kind not in GROUP]
    ids = ids or ([at.target] if at.target is not None else [])
    if not ids and re.search(r"\b(?:gehör\w*|angehör\w*|mitglied\w*|member\w*)\b", at.text, re.I):
        network = anaphor(rs, seg, at.s, None, networks=True)  # "gehört der Konferenz seit ihrer Gründung an"
        ids = [network] if network is not None and rs.relations[network].kind == "network_membership" else []
    if re.search(r"kommission|commission|arbeitsgruppe", bm.group(0), re.I):
        commissions = [i for i, r in enumerate(rs.relations) if r.kind == "joint_commission"]
        named = [i for i in ids if rs.relations[i].kind == "joint_commission"]
        ids = named or (commissions if len(commissions) == 1 else ids)
    for i in ids:
        set_since(rs.relations[i], years[0], 2)


def since_from_first_agreement(rs: RelationSet, at: _At) -> None:
    """The year of a first signed agreement on the cooperation, for the relation it names (weakest evidence)."""
    am = _FIRST_AGREEMENT.search(at.text)
    if not am or re.search(r"\bneue|erneuer(?!bar)|verlänger|\bnew\b|renew", at.text, re.I):
        return
    dates = find_dates(at.text)
    ids = [i for i in dict.fromkeys(at.touched + at.named) if rs.relations[i].kind not in GROUP]
    for i in (ids or ([at.target] if at.target is not None else [])) if dates else []:
        _since(rs, i, at.text, dates[0].year, 0)


def since_from_anniversary(rs: RelationSet, at: _At, ref_year: int | None) -> None:
    """ "Zum 35-jährigen Jubiläum ... 2024" gives 1989 to the relations named (networks excepted)."""
    start = anniversary_start(at.text, ref_year)
    if not start:
        return
    ids = [i for i in at.named if rs.relations[i].kind not in GROUP and rs.relations[i].kind != "network_membership"]
    own = _anniversary_per_partner(rs, at, ref_year, ids)
    for i in ids or ([at.target] if at.target is not None else []):
        _since(rs, i, at.text, own.get(i, start), 1)


def _anniversary_per_partner(rs: RelationSet, at: _At, ref_year: int | None, ids: list[int]) -> dict[int, int]:
    """ "30 Jahre Städtepartnerschaft mit Offenburg, 25 Jahre Städtepartnerschaft mit Olten": with several
    anniversaries in one sentence, each partner takes the one named right before it."""
    spans = [(m.start(), n) for m, n in anniversaries(at.text)]
    year = next((d.year for d in find_dates(at.text)), ref_year)
    if len(spans) < 2 or year is None:
        return {}
    out = {}
    for i in ids:
        pos = at.text.find(rs.relations[i].partner)
        before = [n for start, n in spans if start < pos]
        if pos >= 0 and before:
            out[i] = year - before[-1]
    return out


def status_from_cues(rs: RelationSet, men: Mentions, at: _At) -> None:
    """Status cues in sentences that name the relation (not only as part of a compound), or refer back to it."""
    st = status_of(at.text) or ("active" if vocab.DEEPEN_CUE.search(at.text) else None)
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
    named_at = [i for i in range(len(seg.sentences)) if rs.mentioned.get(i) or rs.touched.get(i)]
    topic_state = TopicState(intro_until=named_at[0] if named_at else len(seg.sentences))
    entries = entry_years(doc, ref_year)
    for s in seg.sentences:
        named = rs.mentioned.get(s.index, [])
        touched = rs.touched.get(s.index, [])
        target = None if named else anaphor(rs, seg, s, focus)
        at = _At(s, s.text, named, touched, target, _about(rs, s.text, named, touched, target))
        since_from_seit(rs, men, at)
        since_from_founding(rs, at)
        since_from_beginning(rs, seg, at, entries[s.block])
        since_from_first_agreement(rs, at)
        since_from_anniversary(rs, at, entries[s.block] or ref_year)
        status_from_cues(rs, men, at)
        topics_of_sentence(doc, rs, men, s, (named, touched, target), topic_state)
    finish_topics(rs, topic_state)
    default_active(rs)
    return Attributed(rs, focus, _title_focus(rs, seg))


def entry_years(doc: Document, ref_year: int | None) -> list[int | None]:
    """Per block, the year of the listing entry it belongs to: the last short dated line before it ("Staatskanzlei
    | 22.09.2023"), else the document's date."""
    out: list[int | None] = []
    year = ref_year
    for b in doc.blocks:
        if len(b.text) < 60 and (b.kind in ("heading", "meta") or len(b.text.split()) <= 6):
            dated = [d for d in find_dates(b.text) if len(d.iso) == 10]
            year = dated[0].year if dated else year
        out.append(year)
    return out


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
_SINCE_OF_RELATION = vocab.Cue(
    r"\b(?:besteht|bestehen|verbinde[tn]?|verbunden|pfleg(?:t|en)|unterhält|unterhalten)\b|"
    r"\bpartner\w*\s+seit\b|(?:partnerschaft|freundschaft)\w*\s+(?:[\wäöüß\-]+\s+){0,6}?(?:besteht|seit)\b|"
    r"\b(?:sister|partner)[\w\- ]{0,20}?\s+since\b|\btwinned with\b[^.;]*\bsince\b|"
    r"\b(?:relationship|partnership)\b[^.;]*\b(?:since|established)\b",
)
# "Die 1988 begründete Partnerschaft", "Die Partnerschaft wurde 1959 geschlossen": the founding is the relation's.
_FOUNDED_RELATION = vocab.Cue(
    r"(?:relationship|partnership|cooperation|twinning)\b[^.;]*\b(?:(?:was|were)\s+(?:established|founded|signed)|"
    r"dates\s+(?:back\s+)?(?:from|to)|began|started|goes back)|"
    r"^\W*(?:established|founded|signed|concluded)\s+in\s+(?:1[89]|20)\d\d\b|"
    # "Sie wurde 1994 eingerichtet": a pronoun for the relation (or its commission) the sentence before named
    r"^\W*(?:sie|er|it)\s+(?:wurde|war|was)\s+[^.;]*?(?:gegründet|eingerichtet|ins leben gerufen|begründet|"
    r"geschlossen|established|founded|set up)|"
    r"(?:begründet|gegründet|geschlossen|besiegelt|ins leben gerufen|begonnen|aufgenommen)\w*\s+"
    r"(?:[\wäöüß\-]+\s+){0,2}?"
    r"[\wäöüß\-]*(?:partnerschaft|freundschaft|zusammenarbeit|kooperation)|"
    r"(?:partnerschaft|freundschaft|zusammenarbeit|kooperation)\w*\s+[^.;]*?\b(?:wurde|ist|war)\b[^.;]*?"
    r"(?:begründet|gegründet|geschlossen|besiegelt|ins leben gerufen)",
)
# The beginning of a relation named as such: a first signing, a founding, an agreement made "today".
_BEGINNING = vocab.Cue(
    r"\bseit\s+(?:der|dem|ihrer|seiner)\s+(?:\w+\s+){0,2}?(?:unterzeichnung|gründung|abschluss|besiegelung)\b[^.;]*|"
    r"\b(?:mit|nach)\s+(?:der\s+)?gründung\s+(?:der|des)\s+[^.;]*?(?:kommission|arbeitsgruppe|partnerschaft)\b[^.;]*|"
    r"\berstmals\b[^.;]*\b(?:vereinbart|unterzeichnet|besiegelt|geschlossen)|"
    r"\bsince\s+(?:the|its)\s+(?:signing|founding|establishment)\b[^.;]*|"
    r"(?P<today>\b(?:haben|hat|have|has)\s+(?:heute|today)\b[^.;]*\b(?:partnerschaft|zusammenarbeit|partnership|"
    r"cooperation)\w*\s+(?:\w+\s+)?(?:vereinbart|unterzeichnet|besiegelt|geschlossen|begründet|agreed|signed)|"
    r"\btoday\s+(?:agreed|signed|established|concluded)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:partnership|twinning|"
    r"cooperation))",
)
# A celebration named before a founding word: its day is not the founding's.
_CELEBRATION = vocab.Cue(r"feier|jubiläum|geburtstag|jahrestag|anniversary|celebrat")
_PARTNERSHIP_ANAPHOR = re.compile(
    r"\b(?:Die|die|Der|der)\s+(?:Landes|Regional|Länder)?[Pp]artnerschaft\s+mit\s+(?:der|dem)\s+(?P<adj>[a-zäöü\-]+isch\w*)\s+"
    r"(?:Region|Provinz|Woiwodschaft|Präfektur|Bundesstaat|Partnerregion)\b|"
    r"\b(?:Die|die|Ihre|ihre)\s+(?:Landes|Regional|Länder)?[Pp]artnerschaft\s+(?:der beiden|beider|zwischen beiden)\s+"
    r"(?:\w+)?(?:regionen|länder|nachbarn)\b"
)
# A first signed declaration, agreement or memorandum on the cooperation: its year begins the relation where
# nothing else says when ("»Gemeinsame Erklärungen« über die Zusammenarbeit unterzeichnet", "signed a sister-state
# agreement on June 12, 2015"); a new or renewed one begins nothing.
_FIRST_AGREEMENT = vocab.Cue(
    r"(?:erklärung|vereinbarung|abkommen|memorandum|agreement)\w*[«»\"“”]?\s+(?:über die|zur|on|of)\s+(?:\w+\s+){0,2}?"
    r"(?:zusammenarbeit|partnerschaft|cooperation|partnership)[^.;]*?\b(?:unterzeichnet|signed)|"
    r"\b(?:unterzeichne\w*|signed)\b[^.;]*?(?:sister-state|sister-city|partnerschafts|partnership|cooperation|"
    r"friendship|freundschafts|twinning|städtepartnerschafts)[\w\-]*?\s*"
    r"(?:agreement|vereinbarung|abkommen|vertrag|urkunde|treaty|charter)|"
    r"(?:partnerschafts|freundschafts|städtepartnerschafts)(?:urkunde|vertrag|abkommen)\w*\b[^.;]*?"
    r"\b(?:unterzeichnet|signed)|"
    r"(?:friendship|twinning|partnership|sister[- ]city|sister[- ]state)\s+(?:agreement|charter|treaty)\b[^.;]*?"
    r"\b(?:was|were)\s+signed|"
    # under a partner's heading: "The agreement was signed in 2000", "Die Vereinbarung wurde 1995 unterzeichnet"
    r"^\W*(?:the|die|der|das)\s+(?:\w+\s+)?(?:agreement|vereinbarung|urkunde|vertrag|abkommen|erklärung)\s+"
    r"(?:was|wurde)\s+(?:[^.;]*?\s)?(?:signed|unterzeichnet)",
)


def _upgrade_by_anaphor(r: Candidate, text: str) -> None:
    """A cooperation that a later sentence calls a partnership ("Die Regionalpartnerschaft mit der
    nordfranzösischen Region besteht seit 1991") is a state partnership."""
    m = _PARTNERSHIP_ANAPHOR.search(text)
    if not m or r.kind != "cooperation":
        return
    if m["adj"] is not None and default_gazetteer().adjective_country(m["adj"]) == r.country:
        r.kind = "state_partnership"
    place = default_gazetteer().lookup(r.partner)
    if m["adj"] is None and place is not None and place.type == "region":  # "Die Partnerschaft der beiden Regionen"
        r.kind = "state_partnership"


_COMMISSION_WORD = re.compile(r"kommission|commission|arbeitsgruppe|ausschuss|working group", re.I)


def _since(rs: RelationSet, i: int, text: str, year: int, rank: int) -> None:
    """Give relation ``i`` a start year, unless it is a commission and the sentence speaks of no commission (the
    partnership's founding is not its commission's)."""
    r = rs.relations[i]
    if r.kind == "joint_commission" and not _COMMISSION_WORD.search(text):
        has_partnership = any(o.key == r.key and o.kind != "joint_commission" for o in rs.relations)
        if has_partnership:
            return
    set_since(r, year, rank)


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
