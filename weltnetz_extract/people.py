"""Stage 6, people: named people with their role and the region or body they act for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocab
from .document import Document
from .facts import Evidence, Person
from .gazetteer import default_gazetteer
from .mentions import Mentions
from .segment import Segments, Sentence

_NAME = r"(?:Dr\.\s+|Prof\.\s+)*(?P<name>[A-ZÄÖÜÉŁ][\w\-’']+(?:\s+(?:von|van|de|di|da|zu)?\s*[A-ZÄÖÜÉŁ][\w\-’']+){1,2})"
_ROLE_NAME = re.compile(rf"\b(?P<role>{vocab.ROLE_WORD})\s+{_NAME}")
_NAME_ROLE = re.compile(rf"{_NAME},\s+(?:der\s+|die\s+)?(?P<role>{vocab.ROLE_WORD}[^,;()]*)")
_ROLE_OF_NAME = re.compile(
    rf"\b(?P<role>{vocab.ROLE_WORD})\s+(?:der|des|von|aus|für)\s+[^,;]{{2,80}}?,\s+(?P<names>[A-ZÄÖÜÉŁ][^,;()]*?(?:\s+und\s+[A-ZÄÖÜÉŁ][^,;()]*?)?)(?=[,;()]|\s*$|\s+\()"
)
_NOT_NAME = re.compile(
    r"^(?:Der|Die|Das|Den|Dem|Des|Ein|Eine|Baden|Land|Landes|Landtag|Mit|Und|Im|In|Am|Für|Bei|Zum|Zur)\b|"
    r"Württemberg|Regierung|Ministerium|Kommission|Delegation|Präfektur|Provinz|Bundes",
)


_LEAD_NOUNS = {"Leitung", "Besuch", "Wahl", "Empfang", "Einladung", "Delegation", "Gespräch", "Treffen", "Gast"}


@dataclass(slots=True)
class People:
    items: list[Person]


def people(doc: Document, seg: Segments, men: Mentions, home: str) -> People:
    found: dict[str, Person] = {}
    gaz = default_gazetteer()

    def add(name: str, role: str | None, s: Sentence, affiliation: str | None) -> None:
        name = re.sub(r"\s+", " ", name).strip().rstrip(".,;:“”\"'")
        words = name.split()
        while len(words) > 2 and (words[0] in _LEAD_NOUNS or words[1] in ("von", "vom")):
            words = words[2:] if words[1] in ("von", "vom") else words[1:]
        name = " ".join(words)
        if any((p := gaz.lookup(w)) is not None and p.type in ("country", "region") for w in words):
            return
        if _NOT_NAME.search(name) or len(name.split()) < 2 or any(w.lower() == w for w in name.split()[-1:]):
            return
        if gaz.lookup(name) is not None:
            return
        if name not in found:
            found[name] = Person(name, role.strip() if role else None, affiliation, Evidence(s.text, s.start, s.end))

    for s in seg.sentences:
        text = s.text
        foreign = [m for m in men.by_sentence[s.index] if not m.domestic and not m.partial and m.type != "network"]
        for m in _ROLE_OF_NAME.finditer(text):
            for nm in re.split(r"\s+und\s+", m["names"]):
                add(nm, m["role"], s, foreign[0].surface if foreign else None)
        for m in _NAME_ROLE.finditer(text):
            add(m["name"], m["role"], s, foreign[0].surface if foreign else home)
        for m in _ROLE_NAME.finditer(text):
            role = m["role"]
            before = text[max(0, m.start() - 40) : m.start()]
            adj = re.search(r"([a-zäöü]+isch\w*)\s+$", before)
            aff: str | None = home if vocab.HOME_ROLES.search(role) else None
            if adj and gaz.adjective_country(adj.group(1)):
                aff = adj.group(1)
            gen = re.search(r"([A-ZÄÖÜ]\w+)s\s+$", before)
            if gen and gaz.lookup(gen.group(1)):
                aff = gen.group(1)
            add(m["name"], role, s, aff)
    return People(list(found.values()))
