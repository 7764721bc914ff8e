"""Stage 5, agreements: signed documents with title, partner, date, place and signatories."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocab
from .attributes import Attributed, anaphor, set_since
from .dates import FoundDate, find_dates, relative_date
from .document import Document
from .facts import Agreement, Evidence, Person
from .gazetteer import default_gazetteer, fold
from .mentions import Mentions
from .relations import GROUP, RelationSet
from .segment import Segments, Sentence


@dataclass(slots=True)
class Agreements:
    items: list[Agreement]


def _stem(title: str) -> str:
    words = fold(title).split()
    noun = next(
        (
            w
            for w in reversed(words)
            if re.search(r"memorandum|erklarung|vereinbarung|abkommen|vertrag|urkunde|charta|protokoll|position|mou", w)
        ),
        "",
    )
    return re.sub(r"(es|s)$", "", noun)


_TRACED_TO = re.compile(r"\bgeh(?:t|en)\s+auf\s+(?:ein|eine|einen|das|die|den)\s+[^.;]*?\bzurück\b", re.I)


def _agreement_partner(
    rs: RelationSet, seg: Segments, men: Mentions, att: Attributed, s: Sentence, home: str
) -> str | None:
    """The partner of a signing: a relation named here, a foreign place, a nationality adjective's relation,
    else the relation the sentence refers back to (none where only domestic places are named)."""
    named = [rs.relations[i] for i in rs.mentioned.get(s.index, []) if rs.relations[i].kind not in GROUP]
    if named:
        return named[0].partner
    foreign = [m for m in men.by_sentence[s.index] if not m.domestic and not m.partial]
    if foreign:
        return foreign[0].surface
    gaz = default_gazetteer()
    adj_codes = {c for w in re.findall(r"\b[a-zäöü]+isch\w*", s.text) if (c := gaz.adjective_country(w))}
    by_adj = [r for r in rs.relations if r.country in adj_codes and r.kind not in GROUP]
    if by_adj:
        return by_adj[0].partner
    if any(m.domestic and fold(m.surface) != fold(home) for m in men.by_sentence[s.index]):
        return None
    t = anaphor(rs, seg, s, att.title_focus, networks=True)
    return rs.relations[t].partner if t is not None else None


def _signing(text: str) -> tuple[re.Match[str], list[FoundDate]] | None:
    """The document noun and the dates of a sentence that reports a signing, else None."""
    nm = vocab.AGREEMENT_NOUN.search(text)
    if not nm:
        return None
    dates = [d for d in find_dates(text) if not re.search(r"seit\s+$", text[: d.start])]
    full_date = any(len(d.iso) == 10 for d in dates)
    traced = bool(dates) and bool(_TRACED_TO.search(text))  # "geht auf eine Erklärung aus dem Jahr 2002 zurück"
    signed = vocab.SIGN_CUE.search(text)
    if not (signed or (full_date and re.search(r"\bwurde\b", text)) or traced):
        return None
    if nm.group(0).strip() in ("Position",) and not signed:
        return None
    return nm, dates


def _place(text: str) -> str | None:
    for pm in re.finditer(r"\bin\s+([A-ZÄÖÜ][\w\-]+)", text):
        p = default_gazetteer().lookup(pm.group(1), cities=True)
        if p and p.type == "city":
            return pm.group(1)
    return None


def _merge(out: list[Agreement], new: Agreement) -> None:
    """One entry per partner and document noun: a later sentence fills in what the first left open."""
    for a in out:
        if fold(a.partner) == fold(new.partner) and _stem(a.title) == _stem(new.title):
            a.date = a.date or new.date
            a.place = a.place or new.place
            a.signatories = a.signatories or new.signatories
            return
    out.append(new)


def _found_relations(rs: RelationSet, out: list[Agreement]) -> None:
    """A dated partnership declaration founds the relation where nothing else says when it began."""
    for a in out:
        renewal = a.evidence is not None and re.search(r"\bneue|erneu", a.title + " " + a.evidence.text, re.I)
        if a.date and vocab.FOUNDING_AGREEMENT.search(a.title) and not renewal:
            for r in rs.relations:
                if fold(r.partner) == fold(a.partner) and r.kind not in GROUP:
                    set_since(r, int(a.date[:4]), 0)


def agreements(
    doc: Document, seg: Segments, men: Mentions, att: Attributed, people: list[Person], home: str
) -> Agreements:
    """Every signed document the text reports, merged per partner and document noun."""
    rs = att.relations
    out: list[Agreement] = []
    for s in seg.sentences:
        found = _signing(s.text)
        if found is None:
            continue
        nm, dates = found
        partner = _agreement_partner(rs, seg, men, att, s, home)
        if not partner:
            continue
        title = nm.group(0).strip()
        title = title[0].upper() + title[1:]
        date = dates[0].iso if dates else relative_date(s.text, doc.date)
        sig = [p.name for p in people if p.evidence and s.start <= p.evidence.start < s.end + 1]
        sig = [p.name for p in people if p.name in s.text] or sig
        _merge(out, Agreement(title, partner, date, _place(s.text), sig, Evidence(s.text, s.start, s.end)))
    _found_relations(rs, out)
    return Agreements(out)
