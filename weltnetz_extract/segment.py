"""Stage 1, segment: the document's blocks become sentences with offsets, block kind and section heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int
    block: int
    kind: str
    section: int  # index of the block of the last heading before it, or -1


@dataclass(slots=True)
class Segments:
    sentences: list[Sentence]
    title_sentences: list[int]


_ABBREV = {
    "dr",
    "st",
    "nr",
    "ca",
    "bzw",
    "inkl",
    "z",
    "b",
    "u",
    "a",
    "d",
    "h",
    "v",
    "l",
    "r",
    "n",
    "poln",
    "prof",
    "vgl",
    "evtl",
    "ggf",
    "usw",
    "e",
    "s",
    "mio",
    "mrd",
    "abs",
    "art",
    "jh",
    "jhd",
    "sog",
    "str",
    "tel",
    "ing",
    "dipl",
}
_BOUNDARY = re.compile(r"[.!?…][\"“”‘’»«)]*\s+(?=[A-ZÄÖÜ„\"“‚(0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``, not split after abbreviations or ordinals ("17. Juli", "Dr.")."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start : m.start() + 1]
        word = re.search(r"(\w+)\.$", before)
        if text[m.start()] == "." and word:
            w = word.group(1)
            if w.lower() in _ABBREV or (w.isdigit() and len(w) <= 2) or (len(w) == 1 and w.isupper()):
                continue
        spans.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def segment(doc: Document) -> Segments:
    sentences: list[Sentence] = []
    title: list[int] = []
    section = -1
    for bi, block in enumerate(doc.blocks):
        if block.kind in ("teaser", "meta"):
            continue
        if block.kind == "heading":
            section = bi
        for a, b in split_sentences(block.text):
            s = Sentence(len(sentences), block.text[a:b], block.start + a, block.start + b, bi, block.kind, section)
            if doc.title and block.text == doc.title:
                title.append(s.index)
            sentences.append(s)
    return Segments(sentences, title)
