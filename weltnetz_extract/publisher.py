"""Stage 0, publisher: who published the document is its home region (FACTS.md), found in the URL, the
title, the imprint ("Staatskanzlei", "Stadt X") or the text; the caller's ``--home`` overrides it.

A German state or town has Germany as its home country; a page under a foreign country's domain
(``.za``, ``.fr``) has that country, with the region of it the page names most as the home.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlparse

from .document import Document
from .gazetteer import Gazetteer, fold
from .language import language

GERMAN_STATES = {
    "baden-wuerttemberg": "Baden-Württemberg",
    "landtag-bw": "Baden-Württemberg",
    "bayern": "Bayern",
    "brandenburg": "Brandenburg",
    "berlin": "Berlin",
    "bremen": "Bremen",
    "hamburg": "Hamburg",
    "hessen": "Hessen",
    "mecklenburg-vorpommern": "Mecklenburg-Vorpommern",
    "regierung-mv": "Mecklenburg-Vorpommern",
    "niedersachsen": "Niedersachsen",
    "nrw": "Nordrhein-Westfalen",
    "rlp": "Rheinland-Pfalz",
    "rheinland-pfalz": "Rheinland-Pfalz",
    "saarland": "Saarland",
    "sachsen-anhalt": "Sachsen-Anhalt",
    "sachsen": "Sachsen",
    "schleswig-holstein": "Schleswig-Holstein",
    "thueringen": "Thüringen",
}
# Names of the states in other languages and short forms, for pages that name their state that way.
STATE_ALIASES = {
    "Bavaria": "Bayern",
    "Freistaat Bayern": "Bayern",
    "Hesse": "Hessen",
    "Lower Saxony": "Niedersachsen",
    "Saxony": "Sachsen",
    "Freistaat Sachsen": "Sachsen",
    "Saxony-Anhalt": "Sachsen-Anhalt",
    "Thuringia": "Thüringen",
    "North Rhine-Westphalia": "Nordrhein-Westfalen",
    "NRW": "Nordrhein-Westfalen",
    "Rhineland-Palatinate": "Rheinland-Pfalz",
    "Mecklenburg-Western Pomerania": "Mecklenburg-Vorpommern",
}
# Generic and international domains say nothing about the publisher's country.
_GENERIC_TLDS = {"com", "org", "net", "eu", "info", "int", "gov", "edu", "io", "biz", "de"}
_HOST_NOISE = {"www", "www1", "www2", "english", "en", "de", "presse", "europa", "portal", "service", "web"}
_TOWN_PHRASE = re.compile(
    r"\b(?:[Dd]ie\s+|[Dd]er\s+)?(?:Stadt|Gemeinde|Landeshauptstadt|Hansestadt|Kreisstadt|Große Kreisstadt|"
    r"City of|Town of)\s+"
    r"(?P<n>[A-ZÄÖÜ][\w\-]+(?:\s+(?:am|an der|im)\s+[A-ZÄÖÜ][\w\-]+)?)"
)
_LAND_PHRASE = re.compile(
    r"\b(?:Das|das|Dem|dem|Des|des|Landes|Freistaat(?:es)?|State of)\s+(?:Land\s+)?(?P<n>[A-Z][\w\-]+)"
)


@dataclass(frozen=True, slots=True)
class Publisher:
    """The home region: its name as documents write it, its ISO country, and whether it is a town."""

    name: str
    country: str = "DE"
    town: bool = False


def _state_in_url(hay: str) -> str | None:
    for token, name in GERMAN_STATES.items():
        if re.search(rf"(?<![a-z]){re.escape(token)}(?![a-z])", hay):
            return name
    return None


def _town_in_host(host: str, gaz: Gazetteer) -> str | None:
    """A German town named by the host ("www1.kassel.de", "buergerinfo-ansbach.example.de", "www.tuebingen.de":
    umlauts are written ae, oe, ue in addresses)."""
    for token in re.split(r"[.\-]", host)[:-1]:
        if token in _HOST_NOISE or len(token) < 3:
            continue
        for name in dict.fromkeys([token, token.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü")]):
            place = gaz.lookup(name, cities=True)
            if place is not None and place.type == "city" and place.country == "DE":
                return place.name
    return None


def _foreign(doc: Document, tld: str, gaz: Gazetteer) -> Publisher | None:
    """A page under a country's domain: that country, and the region of it named most in the text; None
    where the text names a German state more often (a German body's office abroad)."""
    from .mentions import find_mentions

    code = tld.upper()
    if len(code) != 2 or tld in _GENERIC_TLDS:
        return None
    counts: Counter[str] = Counter()
    german: Counter[str] = Counter()
    for m in find_mentions(doc.text, gaz, {}):
        if m.country == code and m.type == "region":
            counts[m.surface] += 1
        elif m.country == "DE" and m.type == "region":
            german[m.surface] += 1
    top = counts.most_common(1)[0] if counts else None
    if german and (language(doc.text) == "de" or top is None or german.most_common(1)[0][1] > top[1]):
        return None
    if top:
        return Publisher(top[0], code)
    country = gaz.country(code)
    return Publisher(country.name if country else code, code)


# "Wisconsin's Sister-State Relationships", "Wisconsin maintains sister-state relationships with ...": a page
# whose title is the region's own, or whose text opens with what the region maintains, is that region's.
_OWN_TITLE = re.compile(r"^(?:The\s+)?(?P<n>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)['’]s\s")
_MAINTAINS = re.compile(
    r"^(?:The\s+(?:State|Province|Region|Prefecture|Free State)\s+of\s+)?(?P<n>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?)\s+"
    r"(?:maintains|has maintained|has built|cooperates|has (?:signed|concluded))\b"
)


def _named_owner(doc: Document, gaz: Gazetteer) -> Publisher | None:
    """The region a page's title calls its own, or that its first paragraph says maintains its relations."""
    first = next((b.text for b in doc.blocks if b.kind == "paragraph"), "")
    for rx, text in ((_OWN_TITLE, doc.title or ""), (_MAINTAINS, first)):
        m = rx.match(text)
        place = gaz.lookup(m["n"], cities=True) if m else None
        if m and place is not None and place.type == "city" and place.country:  # "Karlsruhe's partner cities"
            return Publisher(place.name, place.country, town=True)
        if m and place is not None and place.type == "region" and place.country:
            name = STATE_ALIASES.get(m["n"], m["n"])
            return Publisher(name) if name in GERMAN_STATES.values() else Publisher(m["n"], place.country)
    return None


def _from_text(doc: Document, gaz: Gazetteer) -> Publisher | None:
    """ "Das Land Brandenburg", "die Stadt Kassel", a region the page calls its own, else the German state the
    text names most."""
    owner = _named_owner(doc, gaz)
    if owner is not None:
        return owner
    head = "\n".join(filter(None, [doc.title or "", doc.text[:3000]]))
    for m in _LAND_PHRASE.finditer(head):
        name = STATE_ALIASES.get(m["n"], m["n"])
        if name in GERMAN_STATES.values():
            return Publisher(name)
    towns: Counter[str] = Counter()
    for m in _TOWN_PHRASE.finditer(head):
        place = gaz.lookup(m["n"], cities=True)
        if place is not None and place.country == "DE" and place.type == "city":
            towns[m["n"]] += 1
    counts = {name: doc.text.count(name) for name in set(GERMAN_STATES.values())}
    counts = {k: v for k, v in counts.items() if v and not any(k != o and k in o for o in counts if counts[o])}
    if towns and (not counts or towns.most_common(1)[0][1] >= max(counts.values())):
        return Publisher(towns.most_common(1)[0][0], town=True)
    if counts:
        return Publisher(max(sorted(counts), key=lambda k: counts[k]))
    return None


_DISTRICT = re.compile(r"\b(?:Landratsamt(?:es)?|Landkreis(?:es)?|Kreisverwaltung)\s+(?P<n>[A-ZÄÖÜ][\w\-]+)")


def _district(doc: Document) -> Publisher | None:
    """A district's office ("Landratsamt Biberach", "Der Landkreis Esslingen") that names itself in the title or
    the first lines: its partnerships are twinnings of districts."""
    head = "\n".join(filter(None, [doc.title or "", doc.text[:600]]))
    m = _DISTRICT.search(head)
    return Publisher(f"Landkreis {m['n']}", town=True) if m else None


def _us_state_in_host(host: str, gaz: Gazetteer) -> Publisher | None:
    """A US state's own site ("commerce.maryland.gov", "www.ohio.gov"): that state, in the US."""
    if not host.endswith(".gov"):
        return None
    for token in host.split(".")[:-1]:
        place = next((p for p in gaz.scan.get(fold(token), []) if p.country == "US" and p.type == "region"), None)
        if place is not None:
            return Publisher(place.name, "US")
    return None


def detect_publisher(doc: Document, gaz: Gazetteer, default: str) -> Publisher:
    """The publisher of ``doc``: from its URL (state, town or foreign domain), else its text, else ``default``."""
    district = _district(doc)
    if district is not None:
        return district
    if doc.url:
        parsed = urlparse(doc.url if "//" in doc.url else "//" + doc.url)
        host = (parsed.netloc or "").lower().split(":")[0]
        in_host = _state_in_url(host)
        if in_host:
            return Publisher(in_host)
        state = _state_in_url(parsed.path.lower())
        town = _town_in_host(host, gaz)
        if town:
            return Publisher(town, town=True)
        if state:
            return Publisher(state)
        us_state = _us_state_in_host(host, gaz)
        if us_state is not None:
            return us_state
        foreign = _foreign(doc, host.rsplit(".", 1)[-1], gaz) if "." in host else None
        if foreign:
            return foreign
    return _from_text(doc, gaz) or home_of(default, gaz)


def home_of(name: str, gaz: Gazetteer) -> Publisher:
    """A home region given by name (``--home``): its country from the gazetteer, Germany where unknown."""
    canonical = STATE_ALIASES.get(name, name)
    if canonical in GERMAN_STATES.values():
        return Publisher(canonical)
    place = gaz.lookup(canonical, cities=True)
    country = place.country if place is not None and place.country else "DE"
    return Publisher(canonical, country, town=place is not None and place.type == "city")


def is_home(name: str, publisher: Publisher) -> bool:
    """True where ``name`` is the home region under one of its names ("Bavaria" for Bayern)."""
    folded = fold(STATE_ALIASES.get(name, name))
    return folded == fold(publisher.name) or folded == fold(STATE_ALIASES.get(publisher.name, publisher.name))
