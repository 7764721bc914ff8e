"""Stage 5, agreements: signed documents with title, partner, date, place and signatories.

A sentence reports a signing where it names a document and a signing ("unterzeichneten eine Gemeinsame
Erklärung", "signed a memorandum of understanding"), an agreement made in a document ("hatten 1987 in einer
Absichtserklärung ihre Zusammenarbeit vereinbart"), a renewal or conclusion of one ("Erneuerung des
Partnerschaftsvertrages"), a dated declaration a relation goes back to, or a signing without a document noun
("bei der Unterzeichnung zur Begründung der Partnerschaft", "bei der Unterzeichnung mit Ontarios Premier").
Not a signing: one that is planned, announced, cancelled or postponed ("Die geplante Unterzeichnung wurde
abgesagt", "soll im Herbst unterzeichnet werden"), a treaty between nations ("deutsch-französischer
Freundschaftsvertrag"). Counted documents ("zwei Positionspapiere") and plural ones with several dates ("am 17.
September 1999 und am 2. Mai 2000 ... Gemeinsame Erklärungen") are one agreement each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocab
from .attributes import Attributed, anaphor, set_since
from .dates import FoundDate, anniversaries, anniversary_start, find_dates, number_word, relative_date
from .document import Document
from .facts import Agreement, Evidence, Person
from .gazetteer import default_gazetteer, fold
from .mentions import Mentions
from .relations import GROUP, RelationSet
from .segment import Segments, Sentence


@dataclass(slots=True)
class Agreements:
    items: list[Agreement]


@dataclass(frozen=True, slots=True)
class _Signing:
    """What a sentence says about a signing: the document's title, its dates and how many documents."""

    title: str
    dates: list[FoundDate]
    count: int
    at: int  # where the signing or the document is named, to find the nearest date
    bare: bool = False  # no document noun: the signing of a document named before
    anniversary: bool = False  # "the 20th anniversary in 2015 of the agreement": dated by arithmetic


def _stem(title: str) -> str:
    words = fold(title).split()
    noun = next(
        (
            w
            for w in reversed(words)
            if re.search(
                r"memorandum|erklarung|vereinbarung|abkommen|vertrag|urkunde|charta|protokoll|position|mou|"
                r"papier|agreement|declaration|treaty",
                w,
            )
        ),
        "",
    )
    return re.sub(r"(es|s|e)$", "", noun)


_TRACED_TO = re.compile(r"\bgeh(?:t|en)\s+auf\s+(?:ein|eine|einen|das|die|den)\s+[^.;]*?\bzurück\b", re.I)
# An agreement made in a document: "hatten 1987 in einer Absichtserklärung ihre Zusammenarbeit vereinbart".
_AGREED_IN = re.compile(
    r"\b(?:in|mit|durch)\s+(?:einer|einem|der|dem|ihrer|ihrem)\s+[^.;]{0,60}?\b(?:vereinbart|festgelegt|"
    r"festgehalten|besiegelt|bekräftigt|begründet|beschlossen)\b",
    re.I,
)
# Concluding or renewing a document is signing it: "Erneuerung des Partnerschaftsvertrages".
_CONCLUDED = re.compile(
    r"\b(?:Erneuerung|Verlängerung|Abschluss|Abschluß|Unterzeichnung|renewal|conclusion|signing)\s+"
    r"(?:de[rs]|eines|einer|of\s+the|of\s+an?)\s+",
    re.I,
)
# A signing with no document noun: "bei der Unterzeichnung zur Begründung der Partnerschaft".
_BARE_SIGNING = re.compile(
    r"\b(?:(?:bei|nach|mit|seit|zur)\s+der\s+Unterzeichnung|Unterzeichnung\s+(?:zur|der|des)\s+"
    r"(?:Begründung|Gründung|Besiegelung|Erneuerung|Vertiefung)|signing\s+ceremony)\b(?P<what>[^.;:]{0,80})",
    re.I,
)
# Not (yet) signed: planned, announced, cancelled, postponed, refused.
_NOT_SIGNED = re.compile(
    r"\bgeplante[nr]?\s+(?:\w+\s+)?Unterzeichnung|\bsoll(?:en|te|ten)?\b[^.;]*?\b(?:unterzeichnet|unterschrieben)\s+"
    r"werden|\b(?:will|wollen|möchte[n]?|werden|wird)\b[^.;]*?\b(?:unterzeichnen|unterschreiben)\b|"
    r"\babgesagt|\bverschoben|nicht\s+(?:\w+\s+)?(?:unterzeichnet|unterschrieben|zustande)|\bkam\s+nicht\b|"
    r"\b(?:will|is\s+to|are\s+to|plans?\s+to|planned\s+to)\s+sign\b|\bplanned\s+signing|\b(?:cancelled|postponed)\b|"
    r"\bno\s+agreement\b|\bkeine?\s+(?:Einigung|Vereinbarung|Abkommen)\b|"
    r"\bUnterzeichnung\b[^.;]*?\b(?:ist|sind|wird|war)\s+(?:\w+\s+){0,5}?(?:geplant|vorgesehen|angekündigt)\b|"
    r"\bsigning\b[^.;]*?\b(?:is|was)\s+(?:planned|scheduled|expected)\b",
    re.I,
)
# A treaty between nations, not the home region's: "des deutsch-französischen Freundschaftsvertrags".
_NATIONAL_TREATY = re.compile(r"\bdeutsch-[a-zäöü]+isch\w*\s+(?:[\wäöüß]+-)?[\wäöüß]*(?:vertrag|abkommen)", re.I)
_COUNT = re.compile(
    r"\b(?P<n>zwei|drei|vier|fünf|sechs|two|three|four|five|[2-9])\s+(?:[a-zäöü][\w\-]*\s+){0,2}?$", re.I
)
_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5}
_FEMININE = re.compile(r"(?:ung|position|urkunde|charta)$", re.I)


# Cheap test on the lower-cased sentence before the document patterns run (most sentences name none).
_DOCUMENT_HINT = re.compile(
    r"erklärung|vereinbarung|abkommen|vertrag|urkunde|charta|protokoll|position|memorandum|letter of|mou\b|"
    r"agreement|declaration|treaty|charter|unterzeichnung|signing"
)


# A list item dating its partnership's deed: "Sens (Frankreich) – Partnerschaftsvertrag vom 12. März 1966",
# "Chester, United Kingdom – friendship agreement of 1985".
_LISTED_DEED = re.compile(
    r"(?:partnerschafts|freundschafts|städtepartnerschafts|twinning|friendship|partnership|sister[- ]city)\s*"
    r"(?:vertrag|urkunde|abkommen|erklärung|agreement|charter|treaty|declaration)",
    re.I,
)


def _signing(text: str, heading: bool, item: bool = False) -> _Signing | None:
    """The signing a sentence reports, else None."""
    lower = text.lower()
    if not _DOCUMENT_HINT.search(lower):
        return None
    nm = vocab.AGREEMENT_NOUN.search(text)
    bare = _BARE_SIGNING.search(text) if nm is None else None
    if (nm is None and bare is None) or _NOT_SIGNED.search(text) or _NATIONAL_TREATY.search(text):
        return None
    dates = [d for d in find_dates(text) if not re.search(r"seit\s+$", text[: d.start])]
    signed = vocab.SIGN_CUE.search(text)
    if nm is None:
        assert bare is not None
        what = bare["what"].strip()
        title = "Vereinbarung " + what if re.match(r"(?:zur|über)\b", what) else "Vereinbarung"
        return _Signing(title, dates, 1, bare.start(), bare=True)
    full_date = any(len(d.iso) == 10 for d in dates)
    traced = bool(dates) and bool(_TRACED_TO.search(text))  # "geht auf eine Erklärung aus dem Jahr 2002 zurück"
    agreed = bool(dates) and bool(_AGREED_IN.search(text))
    concluded = bool(_CONCLUDED.search(text[max(0, nm.start() - 40) : nm.start()])) and (heading or bool(dates))
    anniversary = bool(_ANNIVERSARY_OF.search(text[max(0, nm.start() - 60) : nm.start()]))
    listed = item and bool(dates) and bool(_LISTED_DEED.search(text))
    dated_passive = full_date and bool(re.search(r"\bwurde\b", text))
    if not (signed or dated_passive or traced or agreed or concluded or anniversary or listed):
        return None
    if nm.group(0).strip() in ("Position",) and not signed:
        return None
    counted = _COUNT.search(text[max(0, nm.start() - 40) : nm.start()])
    count = (_EN_COUNT.get(counted["n"].lower()) or number_word(counted["n"]) or 2) if counted else 1
    if text[nm.end() : nm.end() + 2] == "en":  # "Gemeinsame Erklärungen": one per date
        count = max(count, len([d for d in dates if len(d.iso) == 10]))
    at = signed.start() if signed else nm.start()
    return _Signing(_title(nm.group(0)), dates, count, at, anniversary=anniversary and not signed)


def _title(noun: str) -> str:
    """The document noun as a title in the nominative: "offiziellen Erklärung" -> "Offizielle Erklärung"."""
    words = noun.strip().split()
    if len(words) > 1 and words[0].endswith("en") and _FEMININE.search(words[1]):
        words[0] = words[0][:-1]
    words[-1] = re.sub(r"(?<=vertrag)es$|(?<=abkommen)s$|(?<=protokoll)s$|(?<=randum)s$", "", words[-1])
    title = " ".join(words)
    return title[0].upper() + title[1:]


def _dates_of(sg: _Signing) -> list[str | None]:
    """One date per document: the full dates of several documents in turn, else the date nearest the signing."""
    full = [d.iso for d in sg.dates if len(d.iso) == 10]
    if sg.count > 1 and len(full) == sg.count:
        return list(full)
    if not sg.dates:
        return [None] * sg.count
    nearest = min(sg.dates, key=lambda d: (abs(d.start - sg.at), -len(d.iso)))
    return [nearest.iso] * sg.count


# Signatories that are institutions (universities, hospitals, firms), not the home region: their place is no
# partner of the region's agreement.
_INSTITUTIONS_SIGN = re.compile(
    r"^\W*(?:Die|Der|Das|The)\s+(?:[\w\-]+\s+){0,2}?(?:[\w\-]*(?:[Uu]niversität|[Hh]ochschule|[Kk]linik\w*|"
    r"[Ii]nstitut|University|College|Hospital)|GmbH|AG)\b"
)


def _agreement_partner(
    rs: RelationSet, seg: Segments, men: Mentions, att: Attributed, s: Sentence, home: str
) -> str | None:
    """The partner of a signing: a relation named here, a foreign place (a country standing for the one
    relation in it: "die Region im Norden Frankreichs"), a nationality adjective's relation, else the
    relation the sentence refers back to (none where only domestic places are named)."""
    named = [
        rs.relations[i]
        for i in rs.mentioned.get(s.index, [])
        if rs.relations[i].kind not in GROUP and fold(rs.relations[i].partner) != fold(home)
    ]
    if named:
        return named[0].partner
    foreign = [
        m for m in men.by_sentence[s.index] if not m.domestic and not m.partial and fold(m.surface) != fold(home)
    ]
    if foreign and _INSTITUTIONS_SIGN.search(s.text):
        return None  # "Die Universität Stuttgart und die Tongji-Universität in Shanghai haben ... unterzeichnet"
    if foreign:
        m = foreign[0]
        inside = {r.partner for r in rs.relations if r.country == m.country and r.kind not in GROUP}
        if m.type == "country" and len(inside) == 1 and not any(r.key == m.key for r in rs.relations):
            return inside.pop()
        return m.surface
    gaz = default_gazetteer()
    adj_codes = {c for w in re.findall(r"\b[a-zäöü]+isch\w*", s.text) if (c := gaz.adjective_country(w))}
    by_adj = [r for r in rs.relations if r.country in adj_codes and r.kind not in GROUP]
    if by_adj:
        return by_adj[0].partner
    if any(m.domestic and fold(m.surface) != fold(home) for m in men.by_sentence[s.index]):
        return None
    t = anaphor(rs, seg, s, att.title_focus, networks=True)
    return rs.relations[t].partner if t is not None else None


def _place(text: str) -> str | None:
    for pm in re.finditer(r"\bin\s+([A-ZÄÖÜ][\w\-]+)", text):
        p = default_gazetteer().lookup(pm.group(1), cities=True)
        if p and p.type == "city":
            return pm.group(1)
    return None


def _signatories(text: str, people: list[Person]) -> list[str]:
    """The people named in a signing sentence, by full name or by surname ("Ministerpräsident Wüst"), in the
    order the sentence names them."""
    at = {p.name: m.start() for p in people if (m := re.search(rf"\b{re.escape(p.name.split()[-1])}\b", text))}
    return sorted(at, key=at.__getitem__)


def _merge(out: list[Agreement], new: Agreement, bare: bool) -> None:
    """One entry per partner, document noun and date: a later sentence fills in what the first left open; a
    signing without a document noun is the last document with that partner."""
    for a in reversed(out):
        if fold(a.partner) != fold(new.partner):
            continue
        dates = sorted(d for d in (a.date, new.date) if d)
        if (bare or _stem(a.title) == _stem(new.title)) and (len(dates) < 2 or dates[1].startswith(dates[0])):
            a.date = dates[-1] if dates else None  # "2023" and "2023-10-10" are one date, the precise one
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


# "the 20th anniversary in 2015 of the bilateral agreement", "zum 10. Jahrestag der Unterzeichnung des Vertrags"
_ANNIVERSARY_OF = re.compile(
    r"(?:anniversary|jahrestag|jubiläum)\s+(?:in\s+\d{4}\s+)?(?:of|der|des)\s+(?:the\s+)?(?:Unterzeichnung\s+)?", re.I
)


def _context_date(seg: Segments, doc: Document, s: Sentence) -> str | None:
    """A full date just before a sentence that gives none: in the sentence before it in its paragraph ("Am 10.
    Oktober haben ... gefeiert. Aus diesem Anlass unterzeichneten ..."), else in a dateline of the entry
    ("Staatskanzlei | 15.03.2024") at most two short blocks above."""
    before = [t for t in seg.sentences[max(0, s.index - 1) : s.index] if t.block == s.block]
    blocks = [b.text for b in doc.blocks[max(0, s.block - 3) : s.block] if len(b.text) < 80][-2:]
    for text in [t.text for t in before] + blocks[::-1]:
        full = [d.iso for d in find_dates(text) if len(d.iso) == 10]
        if full:
            return full[-1]
    return None


def _years_ago(seg: Segments, doc: Document, s: Sentence) -> str | None:
    """ "Vor 30 Jahren wurde der Partnerschaftsvertrag unterzeichnet" in a text dated 2024: 1994."""
    ago = [n for m, n in anniversaries(s.text) if m["n7"]]
    if not ago:
        return None
    ref = doc.date or _context_date(seg, doc, s)
    return str(int(ref[:4]) - ago[0]) if ref else None


def _date(sg: _Signing, iso: str | None, s: Sentence, doc: Document) -> str | None:
    """The signing's date: from the sentence, an anniversary of the document, "heute", or for a headline the
    document's own date."""
    if sg.anniversary:
        start = anniversary_start(s.text, int(doc.date[:4]) if doc.date else None)
        if start:
            return str(start)
    if iso:
        return iso
    return relative_date(s.text, doc.date) or (doc.date if s.kind == "heading" else None)


def agreements(
    doc: Document, seg: Segments, men: Mentions, att: Attributed, people: list[Person], home: str
) -> Agreements:
    """Every signed document the text reports, merged per partner, document noun and date."""
    rs = att.relations
    out: list[Agreement] = []
    for s in seg.sentences:
        sg = _signing(s.text, s.kind == "heading", s.kind == "list_item")
        if sg is None:
            continue
        partner = _agreement_partner(rs, seg, men, att, s, home)
        if not partner:
            continue
        sig = _signatories(s.text, people) if vocab.SIGN_CUE.search(s.text) else []
        place, evidence = _place(s.text), Evidence(s.text, s.start, s.end)
        for n, iso in enumerate(_dates_of(sg)):
            date = (
                _date(sg, iso, s, doc)
                or _years_ago(seg, doc, s)
                or (_context_date(seg, doc, s) if vocab.SIGN_CUE.search(s.text) else None)
            )
            new = Agreement(sg.title, partner, date, place, sig, evidence)
            if n:
                out.append(new)
            else:
                _merge(out, new, sg.bare)
    _found_relations(rs, out)
    return Agreements(out)
