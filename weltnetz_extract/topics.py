"""Topics, part of stage 4: the fields of cooperation a document names for each relation.

A sentence gives topics only where it talks about working together (``vocab.TOPIC_TRIGGER``), and only the
topic words that name a field: the name of a body ("Ausschuss für Umwelt und Verkehr", "Kultusministerium",
"Wirtschaftsdelegation"), a product ("Jugendticket") or praise ("wirtschaftsstarke Region",
"Automobilstandort") names none. The topics go to the relations the sentence names; to every member where
they are stated for a group ("Mit den Nachbarländern Polen und Tschechien ... in Verkehr und Bildung"); to
the list items a list intro hands them on to; to the relations a plural anaphor ("Diese Verbindungen", "die
Städtepartnerschaften") or a generic subject ("Die Zusammenarbeit erstreckt sich über ...") points to in its
section; and a continuation sentence ("Hinzu kommen ...") adds to the topics of the sentence before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import vocab
from .document import Document
from .mentions import Mentions
from .relations import GROUP, RelationSet
from .segment import Sentence

# "Ausschuss für Umwelt und Verkehr", "Kommission für Entwicklung und Reform", "Ministry for Culture":
# the name of a body, up to the first word that cannot be part of it.
_BODY_FOR = re.compile(
    r"\b(?:[A-ZÄÖÜ][a-zäöüß\-]*)?(?:[Aa]usschuss|[Aa]usschusses|[Kk]ommission|[Aa]rbeitsgruppe|[Mm]inisterium|"
    r"[Mm]inisteriums|[Rr]eferat(?:s|es)?|[Aa]bteilung|[Kk]omitee|[Bb]eirat|"
    r"[Mm]inister(?:in)?|Committee|Ministry|Minister|Department|Directorate|Council)\s+(?:für|for|of)\s+"
    r"(?:(?:[A-ZÄÖÜ][\w\-]*|[a-zäöü]+(?:e|en|er|es|em)|und|sowie|and|&)(?:\s*,\s*|\s+|$))+"
)
# Compounds whose head is a body, a role, a product or praise: "Verkehrs-, Wissenschafts- und
# Sozialministeriums", "Kultusministerin", "Wirtschaftsdelegationsreisen", "Jugendticket", "wirtschaftsstarken",
# "Automobilstandort" (an authority's staff trained in a field, "Umweltbehörden", is that field's work).
_BODY_COMPOUND = re.compile(
    r"(?:\b[A-ZÄÖÜ][\w]*-,?\s+(?:(?:und|sowie|oder)\s+)?)*\b[\w\-]*?"
    r"(?:ministeri(?:um|ums|en)|minister(?:in|innen|s)?|delegation(?:en|sreise\w*)?|ausschuss\w*|"
    r"referat\w*|ticket\w*|preis(?:es|e|träger\w*)?|award\w*|stark(?:e|en|er|es|em)?|standort\w*|"
    r"geist(?:es|s)?|begeisterung|leidenschaft)\b(?:\s+für\s+[A-ZÄÖÜ][\w\-]*(?:\s+(?:und|sowie)\s+[A-ZÄÖÜ][\w\-]*)?)?",
    re.I,
)
_COMPOUND_HINT = re.compile(
    r"minist|delegation|ausschuss|referat|ticket|preis|award|stark|standort|geist|begeisterung|leidenschaft"
)
# Who takes part is no field: "getragen von Politik, Zivilgesellschaft, Wirtschaft", "Die Partnerschaften
# verbinden Verwaltung, Wirtschaft und Zivilgesellschaft", "eine Delegation aus Wirtschaft, Politik und Medien".
_ACTORS = re.compile(
    r"\b(?:verbinde[nt]|[Gg]etragen\s+(?:(?:wird|werden)\s+(?:\w+\s+){0,3}?)?von|(?:Delegation|Vertreter\w*|Akteure[n]?|"
    r"Teilnehmende[n]?|Gäste[n]?)\s+(?:aus|von))\s+(?:[A-ZÄÖÜ][\w\-]*(?:\s*,\s*|\s+(?:und|sowie)\s+|(?=\W|$)))+"
)
# Adjectives of a field ("kulturelle", "wirtschaftlichen") name one only where they qualify working together or
# its subject matter ("kulturellen Beziehungen", "wirtschaftlicher Austausch"), not an event or a thing
# ("kulturelle Darbietungen"); "in den Bereichen Kultur und Bildung" is nouns and always counts.
_ADJ_RUN = re.compile(
    r"\b((?:[a-zäöüß\-]+(?:isch|lich|ell|al|iv)(?:e|en|er|es|em)(?:\s*,\s*|\s+(?:und|sowie|oder)\s+))*"
    r"[a-zäöüß\-]+(?:isch|lich|ell|al|iv)(?:e|en|er|es|em))\s+(?P<head>[A-ZÄÖÜ][\w\-]*)"
)
_COOP_HEAD = re.compile(
    r"(?:beziehung|austausch|zusammenarbeit|kooperation|kontakt|projekt|verbindung|partnerschaft|begegnung|"
    r"bereich|feld|frage|thema|themen|ebene|leben|entwicklung|erfolg|interesse|ziel|bildung|arbeit|bande|"
    r"engagement|aufgabe|schwerpunkt|initiative|vorhaben|programm|dialog)",
    re.I,
)
# A sentence that goes on with the fields of the sentence before it.
_CONTINUATION = re.compile(
    r"^\W*(?:Hinzu komm(?:t|en)|Dazu komm(?:t|en)|Dazu zähl(?:t|en)|Dazu gehör(?:t|en)|Außerdem|Darüber hinaus|"
    r"Ebenso|Zudem|Ferner|Weitere (?:Themen|Schwerpunkte|Bereiche)|In addition|Moreover|Furthermore|Also)\b"
)
# Subjects that stand for all the partnerships of a page or section.
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:(?:Städte|Regional|Regionen|Landes|Länder|Kommunal)?[Pp]artnerschaften|Partnerstädte[n]?|"
    r"Partnerregionen|Partnerländer[n]?|Partnerprovinzen|Partnerkommunen|[Dd]iese[rn]? (?:Verbindungen|"
    r"Beziehungen|Partnerschaften|Kontakte)|partner (?:regions|cities|towns)|twinnings|partnerships|"
    r"Partnerschafts(?:komitees|vereine|verbände))\b"
)
_GENERIC_SUBJECT = re.compile(
    r"^\W*(?:Die|Diese|Unsere|The|Our)\s+(?:\w+\s+)?(?:Zusammenarbeit|Kooperation|cooperation)\b", re.I
)
_ACTIVE_STATES = (None, "active")


@dataclass(slots=True)
class TopicState:
    """What the topic rules carry from one sentence to the next."""

    pending: list[int] = field(default_factory=list)  # a list intro's relations, handed on to its items
    last: list[int] = field(default_factory=list)  # the relations of the last topic sentence
    last_block: int = -1
    for_all: list[tuple[tuple[str, ...], set[str]]] = field(default_factory=list)  # stated for all of a kind
    intro_until: int = -1  # sentences before this one come before any partner is named


def field_words(text: str) -> str:
    """The sentence without the words that name a body, a product or praise rather than a field."""
    lower = text.lower()
    if re.search(r"\b(?:für|for|of)\b", lower):
        text = _BODY_FOR.sub(" ", text)
    if re.search(r"verbinde|getragen|\b(?:aus|von)\b", lower):
        text = _ACTORS.sub(" ", text)
    text = _ADJ_RUN.sub(lambda m: m.group(0) if _COOP_HEAD.search(m["head"]) else m["head"], text)
    if _COMPOUND_HINT.search(lower):
        text = _BODY_COMPOUND.sub(" ", text)
    return text


def slugs_of(text: str) -> set[str]:
    """The topic slugs a sentence names as fields."""
    words = field_words(text)
    lower = words.lower()
    found = {slug for slug, rx in vocab.TOPIC_RES.items() if rx.search(lower)}
    return found | {slug for slug, rx in vocab.TOPIC_ABBREVIATIONS.items() if rx.search(words)}


def _add(rs: RelationSet, ids: list[int], slugs: set[str]) -> None:
    for i in ids:
        rs.topics.setdefault(i, set()).update(slugs)


def _named_ids(rs: RelationSet, men: Mentions, s: Sentence, named: list[int], touched: list[int]) -> list[int]:
    """The relations a kind rule found here or a compound names ("Burundi-Bündnis"), else all those named."""
    partial_keys = {m.key for m in men.by_sentence[s.index] if m.partial}
    via_compound = [i for i in named if rs.relations[i].key in partial_keys]
    ids = [i for i in dict.fromkeys(touched + via_compound) if rs.relations[i].kind not in GROUP]
    return ids or [i for i in dict.fromkeys(named) if rs.relations[i].kind not in GROUP]


def topics_of_sentence(
    doc: Document,
    rs: RelationSet,
    men: Mentions,
    s: Sentence,
    refs: tuple[list[int], list[int], int | None],
    st: TopicState,
) -> None:
    """Fields of cooperation of one sentence; ``refs`` are the relations it names, touches and refers to."""
    named, touched, target = refs
    block_kind = doc.blocks[s.block].kind
    if block_kind != "list_item":
        st.pending = []
    if block_kind == "heading":
        return
    continued = bool(st.last) and st.last_block == s.block and bool(_CONTINUATION.search(s.text))
    is_trigger = bool(vocab.TOPIC_TRIGGER.search(s.text.lower())) or (block_kind == "list_item" and bool(st.pending))
    if not (is_trigger or continued):
        return
    slugs = slugs_of(s.text)
    ids = _named_ids(rs, men, s, named, touched)
    if not ids and continued:
        ids = st.last
    elif not ids and (plural := _PLURAL_ANAPHOR.search(s.text)):
        ids = list(rs.list_ids)
        if slugs and (target is None or _page_intro(doc, rs, s, st)):
            st.for_all.append((_kinds_of(plural.group(0)), slugs))
            if target is not None:
                return  # "Getragen werden die Partnerschaften ..." before the first partner: all of them
    elif not ids and target is None and slugs and _GENERIC_SUBJECT.search(s.text):
        st.for_all.append((_PARTNERSHIPS, slugs))
    elif not ids and slugs and _intro(doc, rs, s, st):
        st.for_all.append((_PARTNERSHIPS, slugs))  # a partner page's or a list's intro speaks of all its partners
        return
    if not ids:
        ids = st.pending if block_kind == "list_item" and st.pending else ([target] if target is not None else [])
        if target is not None and vocab.JOINT_COMMISSION_CUE.search(s.text):  # "Im Rahmen der Gemischten Kommission"
            key = rs.relations[target].key
            ids = ids + [i for i, r in enumerate(rs.relations) if r.key == key and r.kind == "joint_commission"]
    _add(rs, ids, slugs)
    if slugs:
        st.last, st.last_block = ids, s.block
    if s.text.rstrip().endswith(":"):
        st.pending = ids


def _intro(doc: Document, rs: RelationSet, s: Sentence, st: TopicState) -> bool:
    """A paragraph of a partner page before its first partner, or the paragraph right before a list."""
    blocks = doc.blocks
    if blocks[s.block].kind != "paragraph":
        return False
    if s.block + 1 < len(blocks) and blocks[s.block + 1].kind == "list_item":
        return True
    return False


def _page_intro(doc: Document, rs: RelationSet, s: Sentence, st: TopicState) -> bool:
    """A short paragraph of a partner page before its first partner is named."""
    block = doc.blocks[s.block]
    return rs.page and s.index < st.intro_until and block.kind == "paragraph" and len(block.text) < 300


def finish_topics(rs: RelationSet, st: TopicState) -> None:
    """Topics stated for all partnerships go to the kept-up ones of that kind; a commission's are its
    partnership's too."""
    for kinds, slugs in st.for_all:
        members = [i for i, r in enumerate(rs.relations) if r.kind in kinds and r.status in _ACTIVE_STATES]
        if len(members) >= 2:
            _add(rs, members, slugs)
    for i, r in enumerate(rs.relations):
        if r.kind != "joint_commission" or not rs.topics.get(i):
            continue
        for j, p in enumerate(rs.relations):
            if p.key == r.key and p.kind in ("state_partnership", "cooperation"):
                _add(rs, [j], rs.topics[i])


_PARTNERSHIPS = ("state_partnership", "municipal_partnership")


def _kinds_of(word: str) -> tuple[str, ...]:
    """The partnership kinds a plural anaphor stands for: towns, regions, or both."""
    if re.search(r"städte|kommun|cities|towns|twinning", word, re.I):
        return ("municipal_partnership",)
    if re.search(r"region|landes|länder|provinz", word, re.I):
        return ("state_partnership",)
    return _PARTNERSHIPS
