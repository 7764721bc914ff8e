"""The extraction pipeline: a Document becomes FACTS.md facts, each with its evidence sentence.

Stages, each returning a named dataclass:
  1. segment    - sentences with offsets, their block kind and section heading (teasers dropped)
  2. mentions   - places, networks and institutions named in each sentence (gazetteer + patterns)
  3. relations  - relation candidates from kind cues, lists and appositions, merged per partner
  4. attributes - since, status and topics, with list- and clause-level scope and anaphora
  5. agreements - signed documents: title, partner, date, place, signatories
  6. people     - named people with role and affiliation
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlparse

from . import vocab
from .dates import SINCE_YEAR, YEAR, anniversary_start, find_dates, relative_date
from .document import Document
from .facts import Agreement, Evidence, Facts, Person, Relation
from .gazetteer import Gazetteer, Place, default_gazetteer, fold, fold_word

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


@dataclass(slots=True)
class ExtractOptions:
    """Every option of the extractor in one place."""

    home_region: str = "Baden-Württemberg"
    detect_home: bool = True  # take the home region from the publisher (URL, "Das Land Brandenburg") if found
    gazetteer: Gazetteer | None = None


# -- stage 1: segment -----------------------------------------------------------------------------------
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


# -- stage 2: mentions ----------------------------------------------------------------------------------
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
        return self.country == "DE"


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
_STOP_CAP = {"Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Im", "In", "Am", "Mit", "Und", "Land"}


@dataclass(slots=True)
class Mentions:
    by_sentence: list[list[Mention]]
    canon: dict[str, str]


def _network_canon(gaz: Gazetteer) -> dict[str, str]:
    from .gazetteer import _read_tsv

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


def find_mentions(sentence: str, gaz: Gazetteer, canon: dict[str, str]) -> list[Mention]:
    """Places and networks named in one sentence, longest names first, no overlaps."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence)]
    out: list[Mention] = []
    covered: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in covered)

    def add(surface: str, a: int, b: int, place: Place, partial: bool = False) -> None:
        if place.type == "network":
            key = "net:" + fold(canon.get(fold(place.name), place.name))
            surface = canon.get(fold(place.name), surface)  # networks go by their one canonical name
        else:
            key = f"{place.country}:{fold(place.name)}"
        out.append(Mention(surface, a, b, place.country, place.type, key, partial))
        covered.append((a, b))

    for m in _ER_GEBIET.finditer(sentence):
        stem = gaz.lookup(m["stem"]) or gaz.lookup(m["stem"] + "er")
        surface = m.group(0)
        add(surface, m.start(), m.end(), Place(surface, stem.country if stem else None, "region"))
    folded = [fold_word(t[2]) for t in tokens]
    i = 0
    while i < len(tokens):
        matched = False
        tok0 = tokens[i][2]
        first = folded[i].split(" ", 1)[0]
        maybe = tok0[0].isupper() and (first in gaz.first_tokens or tok0.endswith("s"))
        for n in range(min(gaz.max_tokens, len(tokens) - i) if maybe else 0, 0, -1):
            a, b = tokens[i][0], tokens[i + n - 1][1]
            surface = sentence[a:b]
            places = gaz.scan.get(" ".join(folded[i : i + n]))
            if places is None and n == 1 and surface.endswith("s") and len(surface) > 4:
                places = gaz.scan.get(fold(surface[:-1]))
                if places:
                    surface, b = surface[:-1], b - 1
            if places and free(a, b):
                add(surface, a, b, places[0])
                i += n
                matched = True
                break
        if not matched:
            tok = tokens[i][2]
            if "-" in tok and tok[0].isupper():
                first = tok.split("-")[0]
                place = gaz.scan.get(fold(first))
                a = tokens[i][0]
                if place and free(a, a + len(tok)):
                    last = tok.rsplit("-", 1)[1].lower()
                    if last in ("bündnis", "netzwerk", "allianz", "initiative") and place[0].type != "network":
                        add(tok, a, a + len(tok), Place(tok, None, "network"))
                        out.append(
                            Mention(
                                first,
                                a,
                                a + len(first),
                                place[0].country,
                                place[0].type,
                                f"{place[0].country}:{fold(place[0].name)}",
                                True,
                            )
                        )
                    else:
                        add(first, a, a + len(first), place[0], partial=True)
            i += 1
    for m in _REGION_PREFIX.finditer(sentence):
        a, b = m.span("name")
        if not free(a, b):
            continue
        name = m["name"]
        region = gaz.lookup(name)
        words = name.split()
        if region is None and len(words) == 2:
            region = gaz.lookup(words[0])
            if region is not None:
                name, b = words[0], a + len(words[0])
        country = region.country if region else None
        if country is None:
            adj = _ADJ.search(sentence[: m.start()])
            country = gaz.adjective_country(adj.group(1)) if adj else None
        if name in _STOP_CAP:
            continue
        add(name, a, b, Place(region.name if region else name, country, "region"))
    for m in _NETWORK_NAMED.finditer(sentence):
        a, b = m.span("name")
        if free(a, b) and gaz.lookup(m["name"]) is None and m["name"] not in _STOP_CAP:
            add(m["name"], a, b, Place(m["name"], None, "network"))
    return sorted(out, key=lambda x: x.start)


def mentions(seg: Segments, gaz: Gazetteer) -> Mentions:
    canon = _CANON_CACHE.get(id(gaz))
    if canon is None:
        canon = _CANON_CACHE[id(gaz)] = _network_canon(gaz)
    return Mentions([find_mentions(s.text, gaz, canon) for s in seg.sentences], canon)


# -- stage 3: relations ---------------------------------------------------------------------------------
KIND_RANK = {
    "state_partnership": 0,
    "joint_commission": 1,
    "municipal_partnership": 2,
    "network_membership": 3,
    "cooperation": 4,
}
GROUP = {"representation": "representation", "institution": "institution"}


@dataclass(slots=True)
class Candidate:
    kind: str
    partner: str
    country: str | None
    key: str
    sentence: int
    since: int | None = None
    since_rank: int = -1
    status: str | None = None
    status_rank: int = -1
    home: str | None = None


@dataclass(slots=True)
class RelationSet:
    """Merged relations and, per sentence, the relation ids it names or touches."""

    relations: list[Candidate] = field(default_factory=list)
    mentioned: dict[int, list[int]] = field(default_factory=dict)  # sentence -> relation ids (by mention)
    touched: dict[int, list[int]] = field(default_factory=dict)  # sentence -> relation ids (by a kind rule)
    topics: dict[int, set[str]] = field(default_factory=dict)
    list_ids: list[int] = field(default_factory=list)  # relations of the last list, for "die Partnerschaften"

    def group_of(self, kind: str) -> str:
        return GROUP.get(kind, "relation")

    def add(self, cand: Candidate) -> int:
        group = self.group_of(cand.kind)
        for i, r in enumerate(self.relations):
            if self.group_of(r.kind) == group and r.key == cand.key:
                if KIND_RANK.get(cand.kind, 9) < KIND_RANK.get(r.kind, 9):
                    r.kind = cand.kind
                if cand.since_rank > r.since_rank:
                    r.since, r.since_rank = cand.since, cand.since_rank
                if cand.status_rank > r.status_rank:
                    r.status, r.status_rank = cand.status, cand.status_rank
                if r.country is None:
                    r.country = cand.country
                self.touched.setdefault(cand.sentence, []).append(i)
                return i
        self.relations.append(cand)
        self.touched.setdefault(cand.sentence, []).append(len(self.relations) - 1)
        return len(self.relations) - 1


_PARTNER_LIST = re.compile(
    r"Partnerschaft(?:en)?\s+mit\s+(?:der|den|dem)?\s*(?P<country>[^()]+?)\s*\((?P<inner>[^)]*)\)(?P<rest>.*)$"
)
_ITEM_PAREN = re.compile(
    r"^(?:(?:der|die|das)\s+)?(?:(?:Woiwodschaft|Provinz|Region|Präfektur|Bundesstaat|Oblast|Kanton|Stadt|Gemeinde|"
    r"Landkreis|Kreis|Departement)\s+)?(?P<name>[A-ZÄÖÜ][^()–,;:]*?)\s*\((?P<paren>[^)]+)\)\s*[,:–-]?\s*"
    rf"(?:seit\s+(?:dem\s+Jahr\s+)?)?(?P<y>{YEAR})?(?P<rest>.*)$"
)
_LIST_SPLIT = re.compile(r"\s*,\s*|\s+und\s+|\s+sowie\s+")
_ITEM = re.compile(rf"^(?P<name>.*?)\s*(?:(?:seit\s+)?(?P<y>{YEAR}))?\s*$")
_PREFIX_STRIP = re.compile(
    r"^(?:der|die|das|den|dem)?\s*(?:Woiwodschaft|Präfektur|Provinz|Bundesstaat|Region|Oblast|Kanton|Departement)\s+"
)
_LOCATIVE = re.compile(r"\b(?:in|im|nach|aus|bei|von)\s+(?:der\s+|den\s+|dem\s+)?$")
_NAMED_PLACE = re.compile(
    r"mit\s+(?:dem|der|den)\s+(?:Gemeinde\s+|Stadt\s+|Kommune\s+)?(?P<name>[A-Z][^,.;:()]*?)\s+in\s+"
    r"(?P<country>[A-ZÄÖÜ][\w\-]+)"
)
_IN_LIST = re.compile(
    r"\b(?:in|nach)\s+(?P<list>[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*)?"
    r"(?:\s*(?:,|und|sowie)\s*[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*)?)*)"
)
_FUER = re.compile(
    r"\bfür\s+(?:den|die|das)?\s*(?:Bundesstaat\s+|Provinz\s+|Region\s+|Präfektur\s+)?(?P<name>[A-ZÄÖÜ][\w\-]+)"
)


@lru_cache(maxsize=4096)
def _status_of(text: str) -> str | None:
    if vocab.RESUMED_CUE.search(text):
        return "active"
    if vocab.DORMANT_CUE.search(text):
        return "dormant"
    if vocab.ENDED_CUE.search(text):
        return "ended"
    if vocab.ACTIVE_CUE.search(text):
        return "active"
    return None


def relations(doc: Document, seg: Segments, men: Mentions, gaz: Gazetteer, opts: ExtractOptions) -> RelationSet:
    rs = RelationSet()
    home = opts.home_region
    list_ctx: dict[str, str | None] | None = None  # list intro: kind and status for the items that follow
    list_block = -1
    for s in seg.sentences:
        text = s.text
        ms = [m for m in men.by_sentence[s.index] if not m.domestic and fold(m.surface) != fold(home)]
        full = [m for m in ms if not m.partial]
        block = doc.blocks[s.block]
        sent_status = _status_of(text)
        cue_text = vocab.EVENT_PARTNER.sub(" ", text)  # "Partnerland der Messe" names no partner of the region
        full = [m for m in full if not _DESCRIPTOR.search(text[: m.start])]

        def cand(
            kind: str,
            m: Mention,
            since: int | None = None,
            since_rank: int = -1,
            status: str | None = None,
            status_rank: int = -1,
            _s: Sentence = s,
        ) -> int:
            return rs.add(
                Candidate(kind, m.surface, m.country, m.key, _s.index, since, since_rank, status, status_rank)
            )

        # List intros ("Das Land unterhält folgende Landespartnerschaften:") scope the items after them.
        heading_intro = (
            block.kind == "heading"
            and not full
            and len(text) < 60
            and bool(_HEADING_INTRO.search(text))
            and not vocab.TOPIC_TRIGGER.search(text.replace("artnerschaft", ""))
        )
        if (text.rstrip().endswith(":") or heading_intro) and (
            vocab.STATE_CUE.search(cue_text) or vocab.MUNICIPAL_CUE.search(cue_text)
        ):
            kind = "municipal_partnership" if vocab.MUNICIPAL_CUE.search(text) else "state_partnership"
            town = next(iter(_towns(text, gaz, [], domestic=True)), None)
            list_ctx = {"kind": kind, "status": sent_status, "home": town.surface if town else None}
            list_block = s.block
            rs.list_ids = []
            continue
        in_list = (
            list_ctx is not None
            and s.block > list_block
            and (
                block.kind in ("list_item", "heading")
                or (len(block.text) < 90 and not block.text.rstrip().endswith((".", "?", "!")))
            )
        )
        if (
            list_ctx is not None
            and not rs.list_ids
            and not in_list
            and block.kind == "paragraph"
            and list_ctx.get("status") is None
            and (vocab.STATE_CUE.search(cue_text) or vocab.MUNICIPAL_CUE.search(cue_text))
        ):
            list_ctx["status"] = sent_status
        # 1. "Partnerschaften mit China (Liaoning seit 1982 und Jiangsu 1986) – ruhen derzeit"
        pm = _PARTNER_LIST.search(text)
        if pm:
            country_place = _lookup_inflected(gaz, pm["country"].strip())
            code = country_place.country if country_place else None
            item_status = _status_of(pm["rest"]) or (list_ctx or {}).get("status") or sent_status
            kind = (list_ctx or {}).get("kind") or "state_partnership"
            names = []
            for chunk in _LIST_SPLIT.split(pm["inner"].strip()):
                im = _ITEM.match(chunk.strip())
                if not im:
                    continue
                name = _PREFIX_STRIP.sub("", im["name"]).strip()
                year = int(im["y"]) if im["y"] else None
                if not name or name.lower().startswith("seit") or not name[0].isupper():
                    continue
                place = gaz.lookup(name)
                if place is None:
                    found = find_mentions(name, gaz, men.canon)
                    if found and found[0].surface == name:
                        place = Place(name, found[0].country, found[0].type)
                key = f"{place.country if place and place.country else code}:{fold(place.name if place else name)}"
                names.append(name)
                rs.add(
                    Candidate(
                        kind,
                        name,
                        (place.country if place else None) or code,
                        key,
                        s.index,
                        year,
                        3 if year else -1,
                        item_status,
                        3 if item_status else -1,
                    )
                )
            if not names and country_place is not None:
                key = f"{code}:{fold(country_place.name)}"
                rs.add(
                    Candidate(
                        kind, pm["country"].strip(), code, key, s.index, None, -1, item_status, 3 if item_status else -1
                    )
                )
            if names or country_place is not None:
                continue
            # "Partnerschaften mit der Provinz Shandong (seit 1987) und ...": the general rules below
        # 2a. list items "Roanne (Frankreich) seit 1958", "Provinz Anhui (China) seit 1984 – ruht derzeit"
        im = _ITEM_PAREN.match(text.strip()) if in_list and list_ctx is not None else None
        if im and list_ctx is not None and (block.kind != "paragraph" or len(text) < 90):
            name = im["name"].strip()
            paren = _lookup_inflected(gaz, im["paren"].strip())
            place = gaz.lookup(name, cities=True)
            code = (
                paren.country if paren is not None and paren.type == "country" else (place.country if place else None)
            )
            if (place is None or not place.domestic) and code not in ("DE", None):
                since = int(im["y"]) if im["y"] else None
                own = _status_of(im["rest"] or "")
                st = own or list_ctx.get("status")
                key = f"{code}:{fold(place.name if place else name)}"
                kind = list_ctx["kind"] or "state_partnership"
                st_rank = 3 if own else (0 if st else -1)  # the intro's status yields to one stated later
                i = rs.add(Candidate(kind, name, code, key, s.index, since, 3 if since else -1, st, st_rank))
                list_block = s.block
                if kind == "municipal_partnership" and list_ctx.get("home"):
                    rs.relations[i].home = list_ctx["home"]
                rs.list_ids.append(i)
                continue
        # 2b. items of a list intro: headings or list items naming a region
        if (
            in_list
            and list_ctx is not None
            and full
            and block.kind != "paragraph"
            or (in_list and list_ctx is not None and full and len(text) < 90 and not text.endswith("."))
        ):
            m = full[0]
            if m.type == "network":
                continue
            since = None
            after = text[m.end :]
            ym = re.match(rf"^\s*\(?[^)]*\)?\s*(?:seit\s+)?(?P<y>{YEAR})\b", after)
            if ym:
                since = int(ym["y"])
            own = _status_of(text)
            st = own or list_ctx.get("status")
            st_rank = 3 if own else (0 if st else -1)
            i = cand(list_ctx["kind"] or "state_partnership", m, since, 3 if since else -1, st, st_rank)
            rs.list_ids.append(i)
            list_block = s.block
            continue
        if list_ctx is not None and not in_list and block.kind not in ("list_item",) and s.block > list_block + 8:
            list_ctx = None

        # 3. appositions: "der japanischen Partnerprovinz Kanagawa"
        state_cue = vocab.STATE_CUE.search(cue_text)
        muni_cue = vocab.MUNICIPAL_CUE.search(cue_text)
        for m in full:
            if vocab.STATE_APPOSITION.search(text[: m.start]) and m.type in ("region", "country", "city"):
                cand("state_partnership", m, status=sent_status, status_rank=1 if sent_status else -1)
        # 4. a partnership named with its partners
        if state_cue and not muni_cue:
            regions = [m for m in full if m.type == "region"]
            countries = [m for m in full if m.type == "country" and not _LOCATIVE.search(text[: m.start])]
            for m in regions or countries:
                cand("state_partnership", m, status=sent_status, status_rank=1 if sent_status else -1)
        if muni_cue:
            for m in _towns(text, gaz, full):
                i = cand("municipal_partnership", m, status=sent_status, status_rank=1 if sent_status else -1)
                town = next((t for t in _towns(text, gaz, [], domestic=True)), None)
                if town and rs.relations[i].home is None:
                    rs.relations[i].home = town.surface
        # 5. joint commissions
        if vocab.JOINT_COMMISSION_CUE.search(text):
            com_status = sent_status or ("active" if vocab.COMMISSION_MEETING.search(text) else None)
            for m in [m for m in full if m.type in ("country", "region")]:
                cand("joint_commission", m, status=com_status, status_rank=1 if com_status else -1)
        # 6. named cooperation
        if vocab.COOPERATION_CUE.search(text):
            for nm in _NAMED_PLACE.finditer(text):
                cp = gaz.lookup(nm["country"])
                if cp and cp.type == "country" and not cp.domestic:
                    name = nm["name"].strip()
                    key = f"{cp.country}:{fold(name)}"
                    if not any(m.key == key for m in full):
                        rs.add(Candidate("cooperation", name, cp.country, key, s.index))
            for m in full:
                if m.type in ("country", "region") and not _LOCATIVE.search(text[: m.start]):
                    if any(
                        m.start > n.start("name") and m.end <= n.end("country") for n in _NAMED_PLACE.finditer(text)
                    ):
                        continue
                    cand("cooperation", m)
        # 7. networks
        for m in full:
            if m.type == "network":
                cand(
                    "network_membership",
                    m,
                    status=sent_status if sent_status == "active" else None,
                    status_rank=1 if sent_status == "active" else -1,
                )
        # 8. offices abroad
        if vocab.REPRESENTATION_CUE.search(text):
            for m in _offices(text, gaz, ms):
                cand("representation", m)
        # 9. institutions at home serving a foreign relation
        for im in vocab.INSTITUTION_CUE.finditer(text):
            adj = re.match(r"Deutsch-(\w+)", im.group(0))
            code = gaz.adjective_country(adj.group(1)) if adj else None
            if block.kind == "list_item" and len(block.text.split()) <= 16:
                name = block.text.strip()
            else:
                tail = re.match(r"(?:\s+e\.\s?V\.)?(?:\s+[A-ZÄÖÜ][\w\-]+)?", text[im.end() :])
                name = (im.group(0) + (tail.group(0) if tail else "")).strip()
            rs.add(Candidate("institution", name, code, f"inst:{fold(name)}", s.index))

    # which relations each sentence names
    patterns = [re.compile(rf"(?<!\w){re.escape(fold(r.partner))}(?!\w)") for r in rs.relations]
    for s in seg.sentences:
        ids = []
        for m in men.by_sentence[s.index]:
            for i, r in enumerate(rs.relations):
                if r.key == m.key and i not in ids:
                    ids.append(i)
        folded = fold(s.text)
        for i, rx in enumerate(patterns):
            if i not in ids and rs.relations[i].kind not in GROUP and rx.search(folded):
                ids.append(i)
        rs.mentioned[s.index] = ids
    return rs


# A place named only to describe the partner: "die Hauptstadt des Bundesstaates Wisconsin".
_DESCRIPTOR = re.compile(
    r"\b(?:haupt)?stadt\s+(?:des|der)\s+(?:[\wäöüß\-]+\s+){0,2}$|\b(?:im|in)\s+(?:norden|süden|osten|westen)\s+"
    r"(?:des|der)\s+(?:[\wäöüß\-]+\s+){0,2}$",
    re.I,
)
# A heading that announces a list of partners: "Städtepartnerschaften", "Unsere Partnerregionen".
_HEADING_INTRO = re.compile(
    r"^\s*(?:(?:unsere|die|weitere|internationale)\s+)?(?:städte|landes|regional|länder)?partner"
    r"(?:schaften|städte|regionen|provinzen|länder|gemeinden|kommunen|kreise)\s*$",
    re.I,
)


def _lookup_inflected(gaz: Gazetteer, name: str) -> Place | None:
    """Look a name up, also in its nominative form ("der Russischen Föderation" -> "Russische Föderation")."""
    name = re.sub(r"^(?:der|die|das|den|dem|des)\s+", "", name)
    place = gaz.lookup(name)
    if place is None:
        place = gaz.lookup(re.sub(r"(?<=[a-zäöü])(?:en|er|em|es)\b(?=\s)", "e", name))
    if place is None and name.endswith("s"):
        place = gaz.lookup(name[:-1])
    return place


def _towns(text: str, gaz: Gazetteer, full: list[Mention], domestic: bool = False) -> list[Mention]:
    out = [m for m in full if m.type == "city"] if not domestic else []
    for tm in re.finditer(r"\b[A-ZÄÖÜ][\w'’\-]+(?:\s+(?:an der|am|im|de|di|sur|upon)\s+[A-ZÄÖÜ][\w\-]+)?", text):
        word = tm.group(0)
        if word in _STOP_CAP or tm.start() == 0:
            continue
        # a town follows a cue, a preposition, a conjunction or an adjective, never a first name
        if not _TOWN_CONTEXT.search(text[: tm.start()]):
            continue
        place = gaz.lookup(word, cities=True)
        if place and place.type == "city" and place.domestic == domestic:
            key = f"{place.country}:{fold(place.name)}"
            if not any(m.key == key for m in out):
                out.append(Mention(word, tm.start(), tm.end(), place.country, "city", key))
    return out


_TOWN_CONTEXT = re.compile(
    r"(?:partnerstadt|partnerstädte[n]?|partnergemeinde|stadt|gemeinde|kommune|landkreis|kreis|mit|zwischen|und|"
    r"sowie|nach|in|,|[a-zäöü]+ischen?)\s+(?:der\s+|dem\s+|den\s+)?$",
    re.I,
)


def _offices(text: str, gaz: Gazetteer, ms: list[Mention]) -> list[Mention]:
    fm = _FUER.search(text)
    if fm:
        place = gaz.lookup(fm["name"], cities=True)
        if place and not place.domestic:
            return [
                Mention(
                    fm["name"],
                    fm.start("name"),
                    fm.end("name"),
                    place.country,
                    place.type,
                    f"{place.country}:{fold(place.name)}",
                )
            ]
    found: list[Mention] = []
    for lm in _IN_LIST.finditer(text):
        pos = lm.start("list")
        for name in re.split(r"\s*,\s*|\s+und\s+|\s+sowie\s+", lm["list"]):
            name = name.strip()
            place = gaz.lookup(name, cities=True)
            if place and not place.domestic and place.type in ("city", "region", "country"):
                found.append(
                    Mention(
                        name, pos, pos + len(name), place.country, place.type, f"{place.country}:{fold(place.name)}"
                    )
                )
    if found:
        return found
    return [m for m in ms if m.partial and m.type == "country"][:1]


# -- stage 4: attributes --------------------------------------------------------------------------------
@dataclass(slots=True)
class Attributed:
    relations: RelationSet
    focus: int | None
    title_focus: int | None


def _anaphor(rs: RelationSet, seg: Segments, s: Sentence, focus: int | None, networks: bool = False) -> int | None:
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
    r"partnerschaft|zusammenarbeit|beziehungen|beide[n]? (?:länder|regionen|seiten)|kooperation", re.I
)


_PLURAL_ANAPHOR = re.compile(r"\b(?:Partnerschaften|Partnerstädte[n]?|Partnerregionen|Partnerländer[n]?)\b")


def attributes(doc: Document, seg: Segments, men: Mentions, rs: RelationSet) -> Attributed:
    focus = _focus(rs, seg)
    ref_year = int(doc.date[:4]) if doc.date else None
    pending_topics_for: list[int] = []
    for s in seg.sentences:
        text = s.text
        named = rs.mentioned.get(s.index, [])
        touched = rs.touched.get(s.index, [])
        target = None if named else _anaphor(rs, seg, s, focus)
        # since: "seit 1982" next to a partner, founding verbs, anniversaries
        # the relations a since or status clause can be about: those a kind rule found here, else those
        # named here, else the one an anaphor ("Die Partnerschaft ...", a section's heading) points to
        about = list(dict.fromkeys(touched))
        if not about and _SINCE_OF_RELATION.search(text):  # the relation itself is the subject of "seit"
            about = [i for i in dict.fromkeys(named) if rs.relations[i].kind not in GROUP]
            if not about and target is not None:
                about = [target]
        if vocab.EXISTENCE_CUE.search(text) and not vocab.DORMANT_CUE.search(text):
            for sy in SINCE_YEAR.finditer(text):
                ids = about
                if len(ids) > 1:  # the relation named nearest before "seit"
                    before = {m.key: m.end for m in men.by_sentence[s.index] if m.end <= sy.start()}
                    ids = sorted(
                        (i for i in ids if rs.relations[i].key in before), key=lambda i: -before[rs.relations[i].key]
                    )[:1]
                if len(ids) == 1:
                    _set_since(rs.relations[ids[0]], int(sy["y"]), 2)
        if vocab.FOUNDING_CUE.search(text):
            years = [d.year for d in find_dates(text)]
            if years:
                founded = about
                if not touched and not about and _FOUNDED_RELATION.search(text):
                    founded = [i for i in dict.fromkeys(named) if rs.relations[i].kind not in GROUP]
                    founded = founded or ([target] if target is not None else [])
                for i in set(touched or founded):
                    if rs.relations[i].kind not in GROUP:
                        _set_since(rs.relations[i], years[0], 2)
        start = anniversary_start(text, ref_year)
        if start:
            ids = [
                i for i in named if rs.relations[i].kind not in GROUP and rs.relations[i].kind != "network_membership"
            ]
            for i in ids or ([target] if target is not None else []):
                _set_since(rs.relations[i], start, 1)
        # status: cues in sentences that name the relation, or refer back to it
        st = _status_of(text)
        if st:
            ids = [
                i
                for i in named
                if not any(
                    m.partial
                    and m.key == rs.relations[i].key
                    and not any(n.key == m.key and not n.partial for n in men.by_sentence[s.index])
                    for m in men.by_sentence[s.index]
                )
            ]
            if not ids and target is not None and _ANAPHOR_WORDS.search(text):
                ids = [target]
                _upgrade_by_anaphor(rs.relations[target], text)
            for i in ids:
                _set_status(rs.relations[i], st, 0)
        # topics
        is_trigger = bool(vocab.TOPIC_TRIGGER.search(text))
        block_kind = doc.blocks[s.block].kind
        if block_kind == "list_item" and pending_topics_for:
            is_trigger = True
        elif block_kind != "list_item":
            pending_topics_for = []
        if is_trigger and block_kind != "heading":
            slugs = {slug for slug, rx in vocab.TOPIC_RES.items() if rx.search(text)}
            partial_keys = {m.key for m in men.by_sentence[s.index] if m.partial}
            via_compound = [i for i in named if rs.relations[i].key in partial_keys]
            ids = [i for i in dict.fromkeys(touched + via_compound) if rs.relations[i].kind not in GROUP] or [
                i for i in named if rs.relations[i].kind not in GROUP
            ]
            if not ids and rs.list_ids and _PLURAL_ANAPHOR.search(text):
                ids = list(rs.list_ids)
            if not ids:
                ids = (
                    pending_topics_for
                    if block_kind == "list_item" and pending_topics_for
                    else ([target] if target is not None else [])
                )
            for i in ids:
                rs.topics.setdefault(i, set()).update(slugs)
            if text.rstrip().endswith(":"):
                pending_topics_for = ids
    return Attributed(rs, focus, _title_focus(rs, seg))


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


def _set_since(r: Candidate, year: int, rank: int) -> None:
    if rank > r.since_rank:
        r.since, r.since_rank = year, rank


def _set_status(r: Candidate, status: str, rank: int) -> None:
    if r.kind in GROUP:
        return
    if r.kind == "cooperation" and status == "active":
        return  # a cooperation without a treaty has no formal state; only a stated pause or end counts
    if rank > r.status_rank or (rank == r.status_rank and status != "active"):
        r.status, r.status_rank = status, rank


# -- stage 5: agreements --------------------------------------------------------------------------------
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


def agreements(
    doc: Document, seg: Segments, men: Mentions, att: Attributed, people: list[Person], home: str
) -> Agreements:
    rs = att.relations
    out: list[Agreement] = []
    for s in seg.sentences:
        text = s.text
        nm = vocab.AGREEMENT_NOUN.search(text)
        if not nm:
            continue
        dates = [d for d in find_dates(text) if not re.search(r"seit\s+$", text[: d.start])]
        full_date = any(len(d.iso) == 10 for d in dates)
        traced = bool(dates) and bool(_TRACED_TO.search(text))  # "geht auf eine Erklärung aus dem Jahr 2002 zurück"
        if not (vocab.SIGN_CUE.search(text) or (full_date and re.search(r"\bwurde\b", text)) or traced):
            continue
        if nm.group(0).strip() in ("Position",) and not vocab.SIGN_CUE.search(text):
            continue
        partner = None
        named = [rs.relations[i] for i in rs.mentioned.get(s.index, []) if rs.relations[i].kind not in GROUP]
        if named:
            partner = named[0].partner
        else:
            foreign = [m for m in men.by_sentence[s.index] if not m.domestic and not m.partial]
            if foreign:
                partner = foreign[0].surface
            else:
                adj_codes = {
                    c
                    for w in re.findall(r"\b[a-zäöü]+isch\w*", text)
                    if (c := default_gazetteer().adjective_country(w))
                }
                by_adj = [r for r in rs.relations if r.country in adj_codes and r.kind not in GROUP]
                target = by_adj[0] if by_adj else None
                if target is None:
                    domestic_only = any(m.domestic and fold(m.surface) != fold(home) for m in men.by_sentence[s.index])
                    if domestic_only:
                        continue
                    t = _anaphor(rs, seg, s, att.title_focus, networks=True)
                    target = rs.relations[t] if t is not None else None
                partner = target.partner if target else None
        if not partner:
            continue
        title = nm.group(0).strip()
        title = title[0].upper() + title[1:]
        date = dates[0].iso if dates else relative_date(text, doc.date)
        place = None
        for pm in re.finditer(r"\bin\s+([A-ZÄÖÜ][\w\-]+)", text):
            p = default_gazetteer().lookup(pm.group(1), cities=True)
            if p and p.type == "city":
                place = pm.group(1)
                break
        sig = [p.name for p in people if p.evidence and s.start <= p.evidence.start < s.end + 1]
        sig = [p.name for p in people if p.name in text] or sig
        ev = Evidence(text, s.start, s.end)
        merged = False
        for a in out:
            if fold(a.partner) == fold(partner) and _stem(a.title) == _stem(title):
                a.date = a.date or date
                a.place = a.place or place
                a.signatories = a.signatories or sig
                merged = True
                break
        if not merged:
            out.append(Agreement(title, partner, date, place, sig, ev))
    # A dated partnership declaration founds the relation where nothing else says when it began.
    for a in out:
        renewal = a.evidence is not None and re.search(r"\bneue|erneu", a.title + " " + a.evidence.text, re.I)
        if a.date and vocab.FOUNDING_AGREEMENT.search(a.title) and not renewal:
            for r in rs.relations:
                if fold(r.partner) == fold(a.partner) and r.kind not in GROUP:
                    _set_since(r, int(a.date[:4]), 0)
    return Agreements(out)


# -- stage 6: people ------------------------------------------------------------------------------------
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


# -- the sequence ---------------------------------------------------------------------------------------
def detect_home(doc: Document, default: str) -> str:
    """The publishing state from the URL or an "Das Land X" phrase; else ``default``."""
    if doc.url:
        parsed = urlparse(doc.url)
        hay = (parsed.netloc + parsed.path).lower()
        for token, name in GERMAN_STATES.items():
            if re.search(rf"(?<![a-z]){re.escape(token)}(?![a-z])", hay):
                return name
    m = re.search(r"\b(?:Das|das|Dem|dem) Land (?P<n>[A-ZÄÖÜ][\w\-]+)", doc.text)
    if m and m["n"] in GERMAN_STATES.values():
        return m["n"]
    counts = {name: doc.text.count(name) for name in set(GERMAN_STATES.values())}
    counts = {k: v for k, v in counts.items() if v and not any(k != o and k in o for o in counts if counts[o])}
    if counts:
        return max(sorted(counts), key=lambda k: counts[k])
    return default


def run(doc: Document, options: ExtractOptions | None = None) -> Facts:
    """Run all stages on a read document."""
    opts = options or ExtractOptions()
    gaz = opts.gazetteer or default_gazetteer()
    home = detect_home(doc, opts.home_region) if opts.detect_home else opts.home_region
    opts = ExtractOptions(home_region=home, detect_home=False, gazetteer=gaz)
    seg = segment(doc)
    men = mentions(seg, gaz)
    rs = relations(doc, seg, men, gaz, opts)
    att = attributes(doc, seg, men, rs)
    ppl = people(doc, seg, men, home)
    ags = agreements(doc, seg, men, att, ppl.items, home)
    facts = Facts()
    for i, r in enumerate(rs.relations):
        s = seg.sentences[r.sentence]
        facts.relations.append(
            Relation(
                kind=r.kind,
                partner=r.partner,
                country=r.country,
                since=r.since,
                status=r.status if r.kind not in GROUP else None,
                topics=sorted(rs.topics.get(i, set())),
                home=r.home,
                evidence=Evidence(s.text, s.start, s.end),
            )
        )
    facts.agreements = ags.items
    facts.people = ppl.items
    return facts
