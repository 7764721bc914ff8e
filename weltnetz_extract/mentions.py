"""Stage 2, mentions: places, networks and institutions named in each sentence (gazetteer and patterns)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .gazetteer import HOME_COUNTRY, Gazetteer, Place, _read_tsv, fold, fold_word
from .lexicon import is_proper_name
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
# Upper-case letters of the Latin names documents use (a name's first letter is checked with str.isupper too).
UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_NAME = rf"[{UP}][\w'’\-]+"
_REGION_TYPES = (
    r"Präfektur|Provinz|Woiwodschaft|Wojewodschaft|Bundesstaat(?:es)?|Region|Oblast|Gebiet|Departement|Département|"
    r"Kanton|Gouvernement|Distrikt|Grafschaft|Autonomen Gemeinschaft|Autonome Gemeinschaft|Gespanschaft|Komitat|"
    r"Powiat|Kraj"
)
# "Provinz Anhui", "Gebiet (Oblast) Lwiw": the name after a type word, a type word in brackets skipped.
_REGION_PREFIX = re.compile(
    rf"\b(?P<type>{_REGION_TYPES})\s+(?:\((?:{_REGION_TYPES}|[A-Z][a-z]+)\)\s+)?(?P<name>{_NAME}(?:\s+[{UP}][\w'’\-]+)?)"
)
_REGION_SUFFIX = re.compile(
    rf"(?P<name>{_NAME}(?:\s+{_NAME})?)\s+(?:Region|Province|Prefecture|Oblast|Voivodeship|Krai|Kraj|Governorate)\b"
)
# Type words that name the country by themselves: a Département is French, a Woiwodschaft Polish.
TYPE_COUNTRY = {
    "departement": "FR",
    "département": "FR",
    "woiwodschaft": "PL",
    "wojewodschaft": "PL",
    "powiat": "PL",
    "präfektur": "JP",
    "kanton": "CH",
    "gespanschaft": "HR",
    "komitat": "HU",
    "kraj": "CZ",
    "autonome gemeinschaft": "ES",
    "autonomen gemeinschaft": "ES",
}
_ER_GEBIET = re.compile(r"\b(?P<stem>[A-ZÄÖÜ]\w+)er\s+(?:Gebiet|Oblast)\b")
_NETWORK_NAMED = re.compile(
    r"(?:[Bb]ündnis|[Nn]etzwerk|[Kk]oalition|Coalition|Allianz)\s+[„\"‚]?(?P<name>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})"
)
_ADJ = re.compile(r"\b([a-zäöü][a-zäöü\-]+isch(?:e|en|er|es|em)?)\s+$")
# "die russische Großstadt Nowy Urengoi", "der ukrainischen Stadt Schytomyr": a town the adjective places.
_TYPED_TOWN = re.compile(
    r"\b(?P<adj>[a-zäöü][a-zäöü\-]+isch(?:e|en|er|es|em)?)\s+"
    r"(?P<noun>[A-ZÄÖÜ][a-zäöüß]*(?:stadt|gemeinde|kommune|metropole)|Stadt|Gemeinde|Kommune|Metropole)\s+"
    rf"(?P<name>{_NAME}(?:\s+(?:am|an der|de|del|di|la|sur)\s+{_NAME}|\s+[{UP}][\w'’\-]+)?)"
)
# "der tschechische Nationalpark Šumava", "Nationalpark Šumava in Tschechien": a park abroad is a partner itself.
_PARK = re.compile(
    r"(?:\b(?P<adj>[a-zäöü][a-zäöü\-]+isch(?:e|en|er|es|em)?)\s+)?"
    rf"(?P<body>(?:Nationalpark|Naturpark|Biosphärenreservat)\s+{_NAME}(?:\s+[{UP}][\w'’\-]+)?)"
    rf"(?:\s+(?:in|im)\s+(?:der\s+)?(?P<where>{_NAME}))?"
)
_NAME_COUNTRY = re.compile(rf"(?<![\w\-])(?P<name>{_NAME}(?:\s+{_NAME})?)\s+\((?P<country>[{UP}][\w\- ]+)\)")
_SLASH = re.compile(rf"(?<![\w/])(?P<a>{_NAME}(?:\s+{_NAME})?)/(?P<b>{_NAME}(?:\s+{_NAME})?)(?![\w/])")


def before(text: str, at: int, width: int = 80) -> str:
    """The last ``width`` characters before ``at``: what a pattern anchored at its end ("in der $") needs, without
    scanning the whole sentence."""
    return text[max(0, at - width) : at]


STOP_CAP = {"Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Im", "In", "Am", "Mit", "Und", "Land"}


@dataclass(slots=True)
class Mentions:
    by_sentence: list[list[Mention]]
    canon: dict[str, str]
    places: dict[str, Place] = field(default_factory=dict)  # folded name -> a place this document itself locates


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
            surface = self.gaz.base_forms.get(fold(surface), surface)  # "der Tschechischen Republik"
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
        """ "Provinz Anhui", "Woiwodschaft Kleinpolen", "Gebiet (Oblast) Lwiw": the name after a type word, known
        or not; its country from the gazetteer, the type word, an adjective before it or a town of that name."""
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
            country = region.country if region else TYPE_COUNTRY.get(m["type"].lower())
            if country is None:
                adj = _ADJ.search(before(self.sentence, m.start()))
                country = self.gaz.adjective_country(adj.group(1)) if adj else None
            if country is None:
                town = self.gaz.lookup(name, cities=True)  # "Gebiet Lwiw", "Region Sumy": named after its capital
                country = town.country if town is not None else None
            if name not in STOP_CAP and name[0].isupper():
                self.add(name, a, b, Place(region.name if region else name, country, "region"))

    def region_suffixed(self) -> None:
        """ "the Karlovy Vary Region", "Opole Voivodeship": an English name before its type word, where the
        gazetteer knows the name (as a region or as the town the region is named after)."""
        for m in _REGION_SUFFIX.finditer(self.sentence):
            words = m["name"].split()
            for n in (2, 1):
                if len(words) < n:
                    continue
                name = " ".join(words[-n:])
                a = m.end("name") - len(name)
                place = self.gaz.lookup(name, cities=True)
                if place is None or place.country is None or name in STOP_CAP:
                    continue
                if self.free(a, m.end("name")):
                    self.add(name, a, m.end("name"), Place(place.name, place.country, "region"))
                break

    def typed_towns(self) -> None:
        """ "die russische Großstadt Nowy Urengoi": a town, known or not, in the country of the adjective."""
        for m in _TYPED_TOWN.finditer(self.sentence):
            a, b = m.span("name")
            code = self.gaz.adjective_country(m["adj"])
            if code is None or not m["name"][0].isupper() or m["name"] in STOP_CAP:
                continue
            if self.free(a, b):
                self.add(m["name"], a, b, Place(m["name"], code, "city"))

    def parks(self) -> None:
        """ "der tschechische Nationalpark Šumava": a protected area abroad, named with its type word."""
        for m in _PARK.finditer(self.sentence):
            a, b = m.span("body")
            code = self.gaz.adjective_country(m["adj"]) if m["adj"] else None
            if code is None and m["where"]:
                where = self.gaz.lookup(m["where"])
                code = where.country if where is not None and where.type == "country" else None
            if code is not None and self.free(a, b):
                self.out.append(Mention(m["body"], a, b, code, "named", f"{code}:{fold(m['body'])}"))
                self.covered.append((a, b))

    def bracketed_towns(self) -> None:
        """ "Cumiana (Italien)": a name the gazetteer does not know, with a country in brackets, is a town there."""
        for m in _NAME_COUNTRY.finditer(self.sentence):
            a, b = m.span("name")
            country = self.gaz.lookup(m["country"])
            name = m["name"]
            if country is None or country.type != "country" or not self.free(a, b) or name in STOP_CAP:
                continue
            if self.gaz.lookup(name, cities=True) is None and is_proper_name(name.split()[0]):
                self.add(name, a, b, Place(name, country.country, "city"))

    def slash_variants(self) -> None:
        """ "Kleinpolen/Małopolska", "Beşiktaş/Istanbul": two names of one place (or a place and the town it is
        part of) are one partner, named by the first known part; "Baden-Württemberg/Liaoning" stays two."""
        for m in _SLASH.finditer(self.sentence):
            (a, first), (b, second) = self._slash_part(m, "a"), self._slash_part(m, "b")
            start, end = m.start("a") + m["a"].rfind(a), m.start("b") + len(b)
            known = [p for p in (first, second) if p is not None]
            if not known or len({p.country for p in known}) > 1 or not self.free(start, end):
                continue
            place = first or known[0]
            surface = a if first is not None else self.sentence[start:end]
            self.add(surface, start, end, Place(place.name, place.country, place.type))

    def _slash_part(self, m: re.Match[str], group: str) -> tuple[str, Place | None]:
        """One side of "A/B", cut to its one word next to the slash where the two words are no known name."""
        text = m[group]
        place = self.gaz.lookup(text, cities=True)
        for sep in (" ", "-"):
            if place is None and sep in text:
                text = text.rsplit(sep, 1)[1] if group == "a" else text.split(sep, 1)[0]
                place = self.gaz.lookup(text, cities=True)
        return text, place

    def named_networks(self) -> None:
        """ "Bündnis Klimaschutz", "Netzwerk Regions4": a network named after its type word."""
        for m in _NETWORK_NAMED.finditer(self.sentence):
            a, b = m.span("name")
            if self.free(a, b) and self.gaz.lookup(m["name"]) is None and m["name"] not in STOP_CAP:
                self.add(m["name"], a, b, Place(m["name"], None, "network"))


def find_mentions(sentence: str, gaz: Gazetteer, canon: dict[str, str]) -> list[Mention]:
    """Places and networks named in one sentence, longest names first, no overlaps."""
    finder = _Finder(sentence, gaz, canon)
    finder.slash_variants()
    finder.er_gebiet()
    finder.bracketed_towns()
    finder.parks()
    finder.typed_towns()
    finder.gazetteer_names()
    finder.region_prefixed()
    finder.region_suffixed()
    finder.named_networks()
    return sorted(finder.out, key=lambda x: x.start)


def mentions(seg: Segments, gaz: Gazetteer) -> Mentions:
    """Mentions of every sentence, and the network canonicaliser used for them."""
    canon = _CANON_CACHE.get(id(gaz))
    if canon is None:
        canon = _CANON_CACHE[id(gaz)] = _network_canon(gaz)
    by_sentence = _countries_from_document([find_mentions(s.text, gaz, canon) for s in seg.sentences])
    places = {
        fold(m.surface): Place(m.surface, m.country, m.type)
        for ms in by_sentence
        for m in ms
        if m.country and m.type in _PLACES and gaz.lookup(m.surface, cities=True) is None
    }
    return Mentions(by_sentence, canon, places)


def _countries_from_document(by_sentence: list[list[Mention]]) -> list[list[Mention]]:
    """A place named without a country ("die Region Sumy") takes the one the document gives it elsewhere
    ("die ukrainische Region Sumy")."""
    known = {fold(m.surface): m.country for ms in by_sentence for m in ms if m.country and m.type in _PLACES}
    if not known:
        return by_sentence
    out = []
    for ms in by_sentence:
        fixed = []
        for m in ms:
            code = known.get(fold(m.surface)) if m.country is None and m.type in _PLACES else None
            fixed.append(replace(m, country=code, key=f"{code}:{fold(m.surface)}") if code else m)
        out.append(fixed)
    return out


_PLACES = ("region", "city")
