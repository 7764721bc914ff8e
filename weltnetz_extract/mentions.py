"""Stage 2, mentions: places, networks and institutions named in each sentence (gazetteer and patterns)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import HOME_COUNTRY, Gazetteer, Place, _read_tsv, fold, fold_word
from .segment import Segments


@dataclass(frozen=True, slots=True)
class Mention:
    surface: str
    start: int  # offsets within the sentence
    end: int
    country: str | None
    type: str  # country | region | city | network | institution | named
    key: str  # identity across spellings
    partial: bool = False  # only part of a compound ("Burundi" in "Burundi-Bündnis")

    @property
    def domestic(self) -> bool:
        return self.country == HOME_COUNTRY.get()


_TOKEN = re.compile(r"[^\W_][^\W_]*(?:['’\-][^\W_]+)*", re.U)
_REGION_PREFIX = re.compile(
    r"\b(?:Präfektur|Provinz|Woiwodschaft|Bundesstaat(?:es)?|Region|Oblast|Gebiet|Departement|Département|"
    r"Kanton|Gouvernement|Distrikt|Grafschaft|Autonomen Gemeinschaft|Autonome Gemeinschaft)\s+"
    r"(?P<name>[A-ZÄÖÜŁŚŻ][\w'’\-]+(?:\s+[A-ZÄÖÜ][\w'’\-]+)?)"
)
_ER_GEBIET = re.compile(r"\b(?P<stem>[A-ZÄÖÜ]\w+)er\s+(?:Gebiet|Oblast)\b")
_NETWORK_NAMED = re.compile(
    r"(?:[Bb]ündnis|[Nn]etzwerk|[Kk]oalition|Coalition|Allianz)\s+[„\"‚]?(?P<name>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})"
)
_ADJ = re.compile(r"\b([a-zäöü][a-zäöü\-]+isch(?:e|en|er|es|em)?)\s+$")
STOP_CAP = {"Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Im", "In", "Am", "Mit", "Und", "Land"}


@dataclass(slots=True)
class Mentions:
    by_sentence: list[list[Mention]]
    canon: dict[str, str]


def _network_canon(gaz: Gazetteer) -> dict[str, str]:
    """Folded network alias -> the network's one canonical name (first in networks.tsv)."""
    out = {}
    for row in _read_tsv("networks.tsv"):
        names = row[0].split("|")
        for n in names:
            out[fold(n)] = names[0]
            first, _, rest = n.partition(" ")
            if rest and first[0].isupper() and first.endswith("e"):
                out[fold(f"{first}n {rest}")] = names[0]
    return out


_CANON_CACHE: dict[int, dict[str, str]] = {}
_COMPOUND_NETWORK = ("bündnis", "netzwerk", "allianz", "initiative")


class _Finder:
    """Mentions of one sentence, collected pattern by pattern without overlaps."""

    def __init__(self, sentence: str, gaz: Gazetteer, canon: dict[str, str]) -> None:
        self.sentence, self.gaz, self.canon = sentence, gaz, canon
        self.out: list[Mention] = []
        self.covered: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.covered)

    def add(self, surface: str, a: int, b: int, place: Place, partial: bool = False) -> None:
        if place.type == "network":
            canon = self.canon.get(fold(place.name))
            key = "net:" + fold(canon or place.name)
            surface = canon or surface  # networks go by their one canonical name
        else:
            key = f"{place.country}:{fold(place.name)}"
        self.out.append(Mention(surface, a, b, place.country, place.type, key, partial))
        self.covered.append((a, b))

    def er_gebiet(self) -> None:
        """ "Swerdlowsker Gebiet", "Leningrader Oblast": the region of the town the adjective names."""
        for m in _ER_GEBIET.finditer(self.sentence):
            stem = self.gaz.lookup(m["stem"]) or self.gaz.lookup(m["stem"] + "er")
            surface = m.group(0)
            self.add(surface, m.start(), m.end(), Place(surface, stem.country if stem else None, "region"))

    def gazetteer_names(self) -> None:
        """Names of the gazetteer's scanned table, longest first; a genitive -s is tried without it."""
        gaz, sentence = self.gaz, self.sentence
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
        folded = [fold_word(t[2]) for t in tokens]
        i = 0
        while i < len(tokens):
            tok0 = tokens[i][2]
            maybe = tok0[0].isupper() and (folded[i].split(" ", 1)[0] in gaz.first_tokens or tok0.endswith("s"))
            n = self._longest_at(tokens, folded, i) if maybe else 0
            if n:
                i += n
                continue
            self._compound(tokens[i][0], tokens[i][2])
            i += 1

    def _longest_at(self, tokens: list[tuple[int, int, str]], folded: list[str], i: int) -> int:
        for n in range(min(self.gaz.max_tokens, len(tokens) - i), 0, -1):
            a, b = tokens[i][0], tokens[i + n - 1][1]
            surface = self.sentence[a:b]
            places = self.gaz.scan.get(" ".join(folded[i : i + n]))
            if places is None and n == 1 and surface.endswith("s") and len(surface) > 4:
                places = self.gaz.scan.get(fold(surface[:-1]))
                if places:
                    surface, b = surface[:-1], b - 1
            if places and self.free(a, b):
                self.add(surface, a, b, places[0])
                return n
        return 0

    def _compound(self, a: int, tok: str) -> None:
        """ "Burundi-Bündnis" is a network with a partial mention of Burundi; "Jiangsu-Kommission" a partial one."""
        if "-" not in tok or not tok[0].isupper():
            return
        first = tok.split("-")[0]
        place = self.gaz.scan.get(fold(first))
        if not place or not self.free(a, a + len(tok)):
            return
        p = place[0]
        if tok.rsplit("-", 1)[1].lower() in _COMPOUND_NETWORK and p.type != "network":
            self.add(tok, a, a + len(tok), Place(tok, None, "network"))
            self.out.append(Mention(first, a, a + len(first), p.country, p.type, f"{p.country}:{fold(p.name)}", True))
        else:
            self.add(first, a, a + len(first), p, partial=True)

    def region_prefixed(self) -> None:
        """ "Provinz Anhui", "Woiwodschaft Kleinpolen": the name after a type word, known or not."""
        for m in _REGION_PREFIX.finditer(self.sentence):
            a, b = m.span("name")
            if not self.free(a, b):
                continue
            name = m["name"]
            region = self.gaz.lookup(name)
            words = name.split()
            if region is None and len(words) == 2:
                region = self.gaz.lookup(words[0])
                if region is not None:
                    name, b = words[0], a + len(words[0])
            country = region.country if region else None
            if country is None:
                adj = _ADJ.search(self.sentence[: m.start()])
                country = self.gaz.adjective_country(adj.group(1)) if adj else None
            if name not in STOP_CAP:
                self.add(name, a, b, Place(region.name if region else name, country, "region"))

    def named_networks(self) -> None:
        """ "Bündnis Klimaschutz", "Netzwerk Regions4": a network named after its type word."""
        for m in _NETWORK_NAMED.finditer(self.sentence):
            a, b = m.span("name")
            if self.free(a, b) and self.gaz.lookup(m["name"]) is None and m["name"] not in STOP_CAP:
                self.add(m["name"], a, b, Place(m["name"], None, "network"))


def find_mentions(sentence: str, gaz: Gazetteer, canon: dict[str, str]) -> list[Mention]:
    """Places and networks named in one sentence, longest names first, no overlaps."""
    finder = _Finder(sentence, gaz, canon)
    finder.er_gebiet()
    finder.gazetteer_names()
    finder.region_prefixed()
    finder.named_networks()
    return sorted(finder.out, key=lambda x: x.start)


def mentions(seg: Segments, gaz: Gazetteer) -> Mentions:
    """Mentions of every sentence, and the network canonicaliser used for them."""
    canon = _CANON_CACHE.get(id(gaz))
    if canon is None:
        canon = _CANON_CACHE[id(gaz)] = _network_canon(gaz)
    return Mentions([find_mentions(s.text, gaz, canon) for s in seg.sentences], canon)
