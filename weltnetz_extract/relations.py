"""Stage 3, relations: relation candidates from kind cues, lists and appositions, merged per partner.

Each rule is a small function ``rule(ctx, sv) -> bool`` over the running context and one sentence; a rule
that returns True has consumed the sentence (a list intro or a list item), and the later rules skip it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import vocab
from .dates import YEAR
from .document import Block, Document
from .gazetteer import HOME_COUNTRY, Gazetteer, Place, default_gazetteer, fold
from .lexicon import german_pos, is_proper_name
from .mentions import STOP_CAP, UP, Mention, Mentions, before, find_mentions
from .segment import Segments, Sentence

KIND_RANK = {
    "state_partnership": 0,
    "joint_commission": 1,
    "municipal_partnership": 2,
    "network_membership": 3,
    "cooperation": 4,
}
GROUP = {"representation": "representation", "institution": "institution"}
# A commission is a relation of its own beside a partnership with the same partner.
MERGE_GROUP = {**GROUP, "joint_commission": "commission"}


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
    page: bool = False  # a partner page: its title, address or a heading announces the home's partners

    def group_of(self, kind: str) -> str:
        return MERGE_GROUP.get(kind, "relation")

    def add(self, cand: Candidate) -> int:
        """Merge a candidate into the relation with its partner and kind group, or add it."""
        group = self.group_of(cand.kind)
        for i, r in enumerate(self.relations):
            groups = {self.group_of(r.kind), group}
            same = len(groups) == 1 or (groups == {"relation", "commission"} and "cooperation" in (r.kind, cand.kind))
            if same and r.key == cand.key:
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
LOCATIVE = _LOCATIVE = re.compile(
    r"\b(?:in|im|nach|aus|bei|auf|gegen|to|from|at)\s+(?:(?:der|den|dem|die|das|des|the|unser\w*|ihr\w*|sein\w*)\s+)?"
    r"(?:[\wäöüß\-]+\s+)?$|\bvon\s+(?:der\s+|den\s+|dem\s+)?$|\b(?:bei|nahe|near)\s+$"
)
# A place named inside a person's role is their affiliation: "Botschafterin der Republik Lettland".
_ROLE_OF = re.compile(rf"{vocab.ROLE_WORD}\s+(?:(?:der|des|von|vom|of|the)\s+)+(?:[\wäöüß\-]+\s+){{0,2}}$")
_PERSON_BEFORE = re.compile(r"(?:\b(?:Dr|Prof)\.|\b(?:Herrn?|Frau|Mr|Mrs|Ms))\s+$")
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
def status_of(text: str) -> str | None:
    """The status a text states: resumed is active; a pause, unless an end follows it ("ausgesetzt und dann
    auslaufen lassen"); an end; else a cue of keeping the relation up."""
    if vocab.RESUMED_CUE.search(text):
        return "active"
    dormant, ended = vocab.DORMANT_CUE.search(text), vocab.ENDED_CUE.search(text)
    if dormant and not (ended and ended.start() > dormant.start()):
        return "dormant"
    if ended:
        return "ended"
    if vocab.ACTIVE_CUE.search(text):
        return "active"
    return None


# -- the running context --------------------------------------------------------------------------------
@dataclass(slots=True)
class ListScope:
    """A list intro ("Das Land unterhält folgende Landespartnerschaften:") and what it gives its items."""

    kind: str
    status: str | None
    home: str | None
    block: int  # the block of the intro or of the last item; items must follow it


@dataclass(frozen=True, slots=True)
class Sought:
    """A partner a sentence looks for without naming it: the kind, and the country an adjective gives."""

    kind: str
    country: str | None
    block: int


@dataclass(slots=True)
class Context:
    doc: Document
    seg: Segments
    men: Mentions
    gaz: Gazetteer
    home: str
    town: bool = False  # the home is a town, or the page one about twinnings: its partnerships are twinnings
    rs: RelationSet = field(default_factory=lambda: RelationSet())
    scope: ListScope | None = None
    sought: Sought | None = None  # a partner sought in the sentence before ("eine schottische Stadt gesucht")


@dataclass(slots=True)
class SentenceView:
    """One sentence as the rules see it: its foreign mentions, block, status cue and cue text."""

    s: Sentence
    text: str
    ms: list[Mention]  # foreign mentions (partial ones included)
    full: list[Mention]  # foreign mentions of whole names, descriptors dropped
    block: Block
    status: str | None
    cue_text: str  # the text with event partners ("Partnerland der Messe") blanked


def _in_role(text: str, m: Mention) -> bool:
    """A place inside a role phrase, or a town name that is part of a person's name ("Dr. Martin Wey",
    "Florence Lasserre-David", "Elita Kuzma"): HanTa tells a proper name beside it from a common noun."""
    prefix = before(text, m.start)
    if _MAYORS_OF_PAIR.search(prefix):
        return False  # "die Bürgermeister von Lörrach und Sens unterzeichneten": the pair, not one's role
    if _ROLE_OF.search(prefix) or _PERSON_BEFORE.search(prefix):
        return True
    if m.type not in ("city", "region"):
        return False
    nxt = re.match(r"\s([A-ZÄÖÜ][\w\-]+)", text[m.end :])
    prev = re.search(r"(?<![.!?:]\s)(?<=\s)([A-ZÄÖÜ][\w\-]+)\s$", prefix)
    for word in (nxt.group(1) if nxt else None, prev.group(1) if prev else None):
        if not word or _PLACE_WORD.fullmatch(word) or default_gazetteer().adjective_country(word):
            continue  # "the Polish Opole Voivodeship": an adjective, not a first name
        if default_gazetteer().lookup(word, cities=True) is None and is_proper_name(word):
            return True
    return False


_MAYORS_OF_PAIR = re.compile(
    r"\b(?:die|the)\s+(?:\w+\s+)?(?:Ober)?(?:[Bb]ürgermeister(?:innen)?|mayors)\s+(?:von|of)\s+[\w\-]+\s+(?:und|and)\s+"
    r"(?:(?:dem|der|des|the)\s+)?(?:[a-zäöü]+\s+)?$"
)
# Words that go with a place name, not a person's: "Eastern Cape Province", "Chiba Prefecture", "New York City".
_PLACE_WORD = re.compile(
    r"Province|Prefecture|Region|State|Oblast|County|Voivodeship|Canton|District|Department|City|Town|"
    r"Municipality|Island|Islands|Provinz|Präfektur|Kanton|Bezirk|Kreis|Gebiet|Rayon|Kraj|Land",
    re.I,
)


def is_person_part(text: str, m: Mention) -> bool:
    """A place that is part of a role phrase or of a person's name (see :func:`_in_role`)."""
    return _in_role(text, m)


def view(ctx: Context, s: Sentence) -> SentenceView:
    """The sentence as the rules see it."""
    return _view(ctx, s)


def planned(text: str) -> bool:
    """A partnership or cooperation only planned, sought or talked about, and nothing said to exist already (an
    anniversary, "seit", "besteht"): no relation (yet)."""
    return bool(vocab.PLANNED_CUE.search(text)) and not _established(text)


# "Eskilstuna (Schweden)": a country in brackets after a name says where that is; it is no partner itself.
_BRACKET_HINT = re.compile(r"[\w.]\s*\($")


def section_of(ctx: Context, block: int) -> list[SentenceView]:
    """The sentences of the blocks after heading ``block`` up to the next heading."""
    out = []
    for s in ctx.seg.sentences:
        if s.block > block and ctx.doc.blocks[s.block].kind == "heading":
            break
        if s.block > block:
            out.append(_view(ctx, s))
    return out


def heading_verdict(ctx: Context, sv: SentenceView, m: Mention) -> str | None:
    """What the section under a heading that names a partner says of it in its own words: "planned" (a
    partnership only sought or talked about), "cooperation" (a cooperation with it and never a partnership), or
    None; None for anything but a heading."""
    if sv.block.kind != "heading":
        return None
    section = section_of(ctx, sv.s.block)
    if any(vocab.PLANNED_CUE.search(x.text) for x in section) and not any(_established(x.text) for x in section):
        return "planned"
    if any(vocab.STATE_CUE.search(x.cue_text) or vocab.MUNICIPAL_CUE.search(x.cue_text) for x in section):
        return None
    named = [x for x in section if any(n.key == m.key for n in x.full + x.ms)]
    return "cooperation" if any(vocab.COOPERATION_CUE.search(x.text) for x in named) else None


def _established(text: str) -> bool:
    return bool(
        vocab.ACTIVE_CUE.search(text)
        or re.search(r"\bseit\s+\d{4}|\bsince\s+\d{4}|anniversary|jubiläum|jährig", text, re.I)
    )


def _view(ctx: Context, s: Sentence) -> SentenceView:
    text = s.text
    ms = [m for m in ctx.men.by_sentence[s.index] if not m.domestic and fold(m.surface) != fold(ctx.home)]
    full = [
        m
        for m in ms
        if not m.partial
        and not _DESCRIPTOR.search(before(text, m.start))
        and not _in_role(text, m)
        and not (m.type == "country" and _BRACKET_HINT.search(before(text, m.start)) and text[m.end : m.end + 1] == ")")
        and not _bracket_alias(text, m, ms)
    ]
    cue_text = vocab.EVENT_PARTNER.sub(" ", text)
    return SentenceView(s, text, ms, full, ctx.doc.blocks[s.block], status_of(text), cue_text)


def _bracket_alias(text: str, m: Mention, ms: list[Mention]) -> bool:
    """A name in brackets right after a place of the same country and type is its other name: "Region Ústí
    (Ústecký kraj)", "Lwiw (Lemberg)"."""
    head = text[: m.start].rstrip()
    if not head.endswith("(") or text[m.end : m.end + 1] != ")":
        return False
    opening = len(head) - 1
    return any(o.end <= opening and not text[o.end : opening].strip() and o.country == m.country for o in ms)


def _cand(ctx: Context, sv: SentenceView, kind: str, m: Mention, **attrs: int | str | None) -> int:
    cand = Candidate(kind, m.surface, m.country, m.key, sv.s.index)
    for name, value in attrs.items():
        setattr(cand, name, value)
    return ctx.rs.add(cand)


def _status_attrs(status: str | None, rank: int) -> dict[str, int | str | None]:
    return {"status": status, "status_rank": rank if status else -1}


# -- list rules -----------------------------------------------------------------------------------------
def rule_list_intro(ctx: Context, sv: SentenceView) -> bool:
    """A sentence ending in a colon, or a heading, that announces partnerships opens a list scope."""
    text = sv.text
    heading_intro = (
        sv.block.kind == "heading"
        and not sv.full
        and len(text) < 60
        and bool(_HEADING_INTRO.search(text))
        and not vocab.TOPIC_TRIGGER.search(text.replace("artnerschaft", "").lower())
    )
    opens = not (text.rstrip().endswith(":") or heading_intro) and _opens_list(ctx, sv)
    if not (text.rstrip().endswith(":") or heading_intro or opens):
        return False
    if opens:  # the paragraph before a list: its cue may be in an earlier sentence
        text = sv.block.text
    network = bool(text.rstrip().endswith(":") and vocab.NETWORK_INTRO.search(text))
    cue_text = text if opens else sv.cue_text
    partners = (ctx.town or ctx.rs.page) and re.search(r"\b(?:partners|Partner[n]?)\b", cue_text)  # "folgende Partner:"
    if not (network or partners or vocab.STATE_CUE.search(cue_text) or vocab.MUNICIPAL_CUE.search(cue_text)):
        return False
    towns = ctx.town and not vocab.STATE_ONLY_CUE.search(text)
    municipal = vocab.MUNICIPAL_CUE.search(text) or towns or _TOWN_NOUNS.search(text)
    kind = "network_membership" if network else ("municipal_partnership" if municipal else "state_partnership")
    town = next(iter(_towns(text, ctx.gaz, [], domestic=True)), None)
    ctx.scope = ListScope(kind, sv.status, town.surface if town else None, sv.s.block)
    ctx.rs.list_ids = []
    return True


_TOWN_NOUNS = re.compile(r"\b(?:Städte[n]?|Gemeinden|Kommunen|Landkreisen|cities|towns)\b")


def _opens_list(ctx: Context, sv: SentenceView) -> bool:
    """The last sentence of a short paragraph right before a list ("Karlsruhe has five partner cities.")."""
    blocks, b = ctx.doc.blocks, sv.s.block
    if b + 1 >= len(blocks) or blocks[b + 1].kind != "list_item" or sv.block.kind != "paragraph":
        return False
    last = ctx.seg.sentences[sv.s.index + 1].block != b if sv.s.index + 1 < len(ctx.seg.sentences) else True
    return last and len(sv.block.text) < 300 and not sv.full


def _in_list(ctx: Context, sv: SentenceView) -> bool:
    scope = ctx.scope
    if scope is None or sv.s.block <= scope.block:
        return False
    short = len(sv.block.text) < 90 and not sv.block.text.rstrip().endswith((".", "?", "!"))
    return sv.block.kind in ("list_item", "heading") or short


def update_scope_status(ctx: Context, sv: SentenceView, in_list: bool) -> None:
    """A paragraph after the intro that names the partnerships' status ("Sie ruhen derzeit") gives it."""
    scope = ctx.scope
    if scope is None or ctx.rs.list_ids or in_list or sv.block.kind != "paragraph" or scope.status is not None:
        return
    if vocab.STATE_CUE.search(sv.cue_text) or vocab.MUNICIPAL_CUE.search(sv.cue_text):
        scope.status = sv.status


def rule_partner_list(ctx: Context, sv: SentenceView) -> bool:
    """ "Partnerschaften mit China (Liaoning seit 1982 und Jiangsu 1986) – ruhen derzeit"."""
    pm = _PARTNER_LIST.search(sv.text)
    if not pm:
        return False
    country_place = lookup_inflected(ctx.gaz, pm["country"].strip())
    if country_place is None or country_place.type != "country":
        return False  # "Partnerschaft mit dem Leningrader Gebiet (Verwaltungssitz ...)": an item, not a country
    code = country_place.country if country_place else None
    status = status_of(pm["rest"]) or (ctx.scope.status if ctx.scope else None) or sv.status
    kind = ctx.scope.kind if ctx.scope else "state_partnership"
    names = []
    for chunk in _LIST_SPLIT.split(pm["inner"].strip()):
        im = _ITEM.match(chunk.strip())
        name = _PREFIX_STRIP.sub("", im["name"]).strip() if im else ""
        if not name or name.lower().startswith("seit") or not name[0].isupper():
            continue
        assert im is not None
        place = ctx.gaz.lookup(name)
        if place is None:
            found = find_mentions(name, ctx.gaz, ctx.men.canon)
            if found and found[0].surface == name:
                place = Place(name, found[0].country, found[0].type)
        country = (place.country if place else None) or code
        key = f"{place.country if place and place.country else code}:{fold(place.name if place else name)}"
        year = int(im["y"]) if im["y"] else None
        names.append(name)
        cand = Candidate(kind, name, country, key, sv.s.index, year, 3 if year else -1, status, 3 if status else -1)
        ctx.rs.add(cand)
    if not names and country_place is not None:
        key = f"{code}:{fold(country_place.name)}"
        name = pm["country"].strip()
        ctx.rs.add(Candidate(kind, name, code, key, sv.s.index, None, -1, status, 3 if status else -1))
    # "Partnerschaften mit der Provinz Shandong (seit 1987) und ...": left to the general rules
    return bool(names) or country_place is not None


_ITEM_HEAD = re.compile(
    rf"^(?:(?P<y0>{YEAR})\s*[:–]\s*)?(?:(?:der|die|das|dem|den|mit|the|and)\s+)*(?:(?:Partnerschaft|partnership)\s+(?:mit|with)\s+(?:der|dem|den|the)?\s*)?"
    r"(?:(?P<type>Woiwodschaft|Wojewodschaft|Provinz|Region|Präfektur|Bundesstaat|Oblast|Kanton|Stadt|Gemeinde|"
    r"Landkreis|Kreis|Departement|Département|Gebiet|Province|Prefecture|State|City)\s+(?:of\s+)?)?"
    r"(?P<name>[A-ZÄÖÜŁŚŻ][^()–,;:]*?)\s*"
    r"(?:\((?P<paren>[^)]+)\)|,\s*(?P<comma>[A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+)?)(?=\s+seit\b|\s+since\b|\s*$|\s*[–:(]|\s+-\s))?"
    r"\s*(?P<rest>(?:[,:–]|-\s|\bseit\b|\bsince\b|\b(?:ist|ruht|is)\b).*|\.?)$"
)
_TYPE_SUFFIX = re.compile(r"(?<=\w)\s+(?:Oblast|Province|Prefecture|Voivodeship|Krai)$")
_SEAT = re.compile(r"^(?:Verwaltungssitz|Hauptstadt|Sitz|capital|Hauptort)\s+", re.I)
_FULL_SINCE = re.compile(
    rf"\b(?:seit|since)\s+(?:dem\s+|the\s+)?(?:[0-3]?\d\.\s*(?:\w+\.?|\d{{1,2}}\.)\s*)?(?P<y>{YEAR})\b"
)


# An item's beginning without "seit": "twinned in 1992", "the twinning agreement was signed in 1969",
# "Partnerschaftsvertrag vom 12. März 1996", "Freundschaftsabkommen im Jahr 2022 unterzeichnet".
_ITEM_BEGINNING = re.compile(
    r"\b(?:twinned|established|founded|signed|concluded|unterzeichnet|geschlossen|begründet|besiegelt|gegründet)\b|"
    r"(?:vertrag|abkommen|urkunde|vereinbarung|erklärung|agreement|treaty|charter)\w*\s+(?:vom\s+|von\s+|of\s+)?"
    r"(?:\d{1,2}\.\s*\w+\.?\s*)?(?:im\s+jahr\s+)?\d{4}",
    re.I,
)


_BARE_YEAR = re.compile(rf"^\s*[,:–-]?\s*\(?(?P<y>{YEAR})\)?(?!\d|\.\d)")


def _item_since(rest: str, paren: str, first: str | None) -> int | None:
    """An item's start: "seit 1967" (not a pause's "ruht seit 2022"), a year right after the name ("Paris
    (Frankreich), 1987", "Madrid, Spanien (1988)", "1993: Warschau"), or a founding or signing year."""
    in_paren = _FULL_SINCE.search(paren)
    if in_paren:  # "Sankt Petersburg (seit 1957) – ..."
        return int(in_paren["y"])
    for ym in _FULL_SINCE.finditer(rest):
        a = max(rest.rfind(c, 0, ym.start()) for c in ",;:–(") + 1
        if not (vocab.DORMANT_CUE.search(rest[a : ym.start()]) or vocab.ENDED_CUE.search(rest[a : ym.start()])):
            return int(ym["y"])
    bare = _BARE_YEAR.match(rest) or _BARE_YEAR.match(paren.rpartition(",")[2])
    if bare:
        return int(bare["y"])
    if first:
        return int(first)
    return _item_beginning(rest)


def _item_beginning(rest: str) -> int | None:
    """The year a list item says its partnership was founded or its deed signed (not a later event's)."""
    if not _ITEM_BEGINNING.search(rest) or re.search(r"\b(?:neu|new|erneuert|renewed)\w*", rest, re.I):
        return None
    m = re.search(rf"(?<![\d.,]){YEAR}(?!\d)", rest)
    return int(m.group(0)) if m else None


def _country_of_hint(gaz: Gazetteer, hint: str) -> str | None:
    """The country a bracket or comma after an item names: a country, or a town or region in one."""
    hint = _SEAT.sub("", hint.strip())
    if "," in hint:  # a table row's cells: "Germany, 1999"
        return next(filter(None, (_country_of_hint(gaz, part) for part in hint.split(",") if part.strip())), None)
    place = lookup_inflected(gaz, hint)
    if place is not None and place.type == "country":
        return place.country
    towns = gaz.cities.get(fold(hint))
    if towns:
        return towns[0].country
    return place.country if place is not None else None


def rule_network_item(ctx: Context, sv: SentenceView, in_list: bool) -> bool:
    """An item of a list of networks ("BSSSC – Baltic Sea States Subregional Co-operation"): the name before
    its explanation."""
    from .networks import name_at

    scope = ctx.scope
    if scope is None or scope.kind != "network_membership" or not in_list:
        return False
    found = name_at(sv.text, 0, ctx.home, bare=True)
    if found is None or _is_place(ctx.gaz, found.name):
        return True
    mention = _network_mention(ctx, found.name, found.start, found.end)
    i = _cand(ctx, sv, "network_membership", mention, **_status_attrs(scope.status, 0))
    ctx.rs.list_ids.append(i)
    scope.block = sv.s.block
    return True


def rule_list_item(ctx: Context, sv: SentenceView, in_list: bool) -> bool:
    """List items "Roanne (Frankreich) seit 1958", "Amiens, Frankreich seit 1960", "der Wojewodschaft
    Pommern (Danzig):", "Aquitaine (Frankreich): Partnerschaft besteht seit dem 1. November 1995"."""
    scope = ctx.scope
    if scope is None or not in_list or (sv.block.kind == "paragraph" and len(sv.text) >= 90):
        return False
    im = _ITEM_HEAD.match(sv.text.strip().rstrip("."))
    if not im or not (im["paren"] or im["comma"] or im["type"]):
        return False
    name = im["name"].strip()
    bare = _TYPE_SUFFIX.sub("", name)  # "Lviv Oblast", "Fujian Province": the bare name where it is known
    if bare != name and ctx.gaz.lookup(name) is None and ctx.gaz.lookup(bare, cities=True) is not None:
        name = bare
    place = ctx.gaz.lookup(name, cities=True)
    hint = im["paren"] or im["comma"]
    code = (_country_of_hint(ctx.gaz, hint) if hint else None) or (place.country if place else None)
    if place is not None and place.country and place.type != "city":
        code = place.country  # a known region: its own country, whatever the bracket says
    if (place is not None and place.domestic) or code in (HOME_COUNTRY.get(), None):
        return False
    since = _item_since(im["rest"] or "", im["paren"] or "", im["y0"])
    own = status_of(im["rest"] or "")
    st = own or scope.status
    key = f"{code}:{fold(place.name if place else name)}"
    verdict = heading_verdict(ctx, sv, Mention(name, 0, len(name), code, "region", key))
    if verdict == "planned":
        return True
    st_rank = 3 if own else (0 if st else -1)  # the intro's status yields to one stated later
    kind = "cooperation" if verdict else scope.kind
    cand = Candidate(kind, name, code, key, sv.s.index, since, 3 if since else -1, st, st_rank)
    i = ctx.rs.add(cand)
    scope.block = sv.s.block
    if scope.kind == "municipal_partnership" and scope.home:
        ctx.rs.relations[i].home = scope.home
    ctx.rs.list_ids.append(i)
    return True


def rule_list_item_mention(ctx: Context, sv: SentenceView, in_list: bool) -> bool:
    """Items of a list intro naming partners: "Kanagawa (Japan), seit 1989", "in Russland mit Perm und Tjumen"
    (the regions, not the country they are in); an item with its own cooperation cue is a cooperation."""
    scope = ctx.scope
    if scope is None or not in_list or not sv.full:
        return False
    if sv.block.kind == "paragraph" and (len(sv.text) >= 90 or sv.text.endswith(".")):
        return False
    places = [m for m in sv.full if m.type != "network"]
    if not places:
        return True
    regions = [m for m in places if m.type in ("region", "city")]
    chosen = regions or [m for m in places if not _LOCATIVE.search(before(sv.text, m.start))] or places[:1]
    own_kind = vocab.COOPERATION_CUE.search(sv.text) and not vocab.STATE_CUE.search(sv.text)
    kind = "cooperation" if own_kind else scope.kind
    own = status_of(sv.text)
    st = own or scope.status
    for m in chosen:
        verdict = heading_verdict(ctx, sv, m)
        if verdict == "planned":
            continue
        ym = re.match(rf"^\s*\(?[^)]*\)?\s*(?:seit\s+)?(?P<y>{YEAR})\b", sv.text[m.end :])
        since = int(ym["y"]) if ym else None
        attrs = {"since": since, "since_rank": 3 if since else -1, "status": st, "status_rank": 3 if own else 0}
        i = _cand(ctx, sv, verdict or kind, m, **attrs)
        ctx.rs.list_ids.append(i)
    scope.block = sv.s.block
    return True


# "Partnerregionen Georgia, Oberösterreich und Westkap", "partner regions A, B and C", "voivodeships of A and B"
_ENUM_NOUN = re.compile(
    r"\b(?P<noun>(?:Partner(?:schafts)?|Nachbar)(?:regionen|provinzen|länder[n]?|staaten|bundesstaaten|präfekturen)|"
    r"(?:Partner|Schwester)(?:städte[n]?|gemeinden|kommunen)|Partnern|Provinzen|Regionen|Woiwodschaften|Wojewodschaften|"
    r"partner (?:regions|provinces|states|cities|towns)|sister cities|twin towns|"
    r"(?:voivodeships|provinces|regions|prefectures|states) of)\s+"
    r"(?:(?:der|den|dem|the|unserer|unseren|seinen|ihren|its|our)\s+)?"
)
_ENUM_SPLIT = re.compile(r"\s*,\s*|\s+(?:und|and|sowie|as well as)\s+")
_ENUM_NAME = re.compile(
    r"^(?:(?:der|die|das|the)\s+)?([A-ZÄÖÜŁŚŻ][\w'’´\-]*(?:\s+(?:[A-ZÄÖÜ][\w'’\-]*|de|am|an der|es))*)"
)


def _enum_items(text: str) -> list[tuple[str, int]]:
    """The names (and offsets) of an enumeration after ``_ENUM_NOUN``, each cut at its first lower-case word."""
    out: list[tuple[str, int]] = []
    pos = 0
    for part in _ENUM_SPLIT.split(text):
        at = text.find(part, pos)
        pos = at + len(part)
        m = _ENUM_NAME.match(part.strip())
        if not m:
            break
        out.append((m.group(1), at + (len(part) - len(part.lstrip()))))
        if len(m.group(1)) < len(part.strip()) and not part.strip()[len(m.group(1)) :].startswith(" ("):
            rest = part.strip()[len(m.group(1)) :]
            if not re.match(r"^\s*(?:in|im|aus)\s", rest):  # "Hubei in Zentralchina und Hainan": go on
                break
    return out


def rule_enumeration(ctx: Context, sv: SentenceView) -> None:
    """Every name of an enumeration after a plural partner noun is a partner of that noun's kind."""
    for em in _ENUM_NOUN.finditer(sv.text):
        noun = em["noun"].lower()
        if _LOCATIVE.search(before(sv.text, em.start())):
            continue  # "Regionen in unseren Nachbarländern Polen und Frankreich": where, not with whom
        municipal = any(w in noun for w in ("städt", "gemeind", "kommun", "cit", "town"))
        if noun in ("provinzen", "regionen", "woiwodschaften", "wojewodschaften") or noun.endswith(" of"):
            if not (vocab.STATE_CUE.search(sv.cue_text) or vocab.MUNICIPAL_CUE.search(sv.cue_text)):
                continue  # a bare "Provinzen X und Y" needs a partnership said in the sentence
        kind = "municipal_partnership" if municipal else "state_partnership"
        if noun.startswith("nachbar"):
            kind = "cooperation"
        for name, at in _enum_items(sv.text[em.end() :]):
            _enum_partner(ctx, sv, kind, name, em.end() + at)


def _enum_partner(ctx: Context, sv: SentenceView, kind: str, name: str, start: int) -> None:
    mention = next((m for m in sv.full if m.start == start or m.surface == name), None)
    if mention is None or mention.type == "country" and kind != "cooperation":
        entries = ctx.gaz.scan.get(fold(name)) or ctx.gaz.cities.get(fold(name)) or []
        preferred = [p for p in entries if p.type != "country"] if kind != "cooperation" else entries
        place = preferred[0] if preferred else (entries[0] if entries else None)
        if place is None or place.domestic or place.type == "network":
            return
        mention = Mention(
            name, start, start + len(name), place.country, place.type, f"{place.country}:{fold(place.name)}"
        )
    if mention.domestic or mention.type == "network":
        return
    i = _cand(ctx, sv, kind, mention, **_status_attrs(sv.status, 1))
    ctx.rs.list_ids.append(i)


def close_scope(ctx: Context, sv: SentenceView, in_list: bool) -> None:
    """A list scope ends some blocks after its last item."""
    if ctx.scope is not None and not in_list and sv.block.kind != "list_item" and sv.s.block > ctx.scope.block + 8:
        ctx.scope = None


# -- kind rules -----------------------------------------------------------------------------------------
def rule_apposition(ctx: Context, sv: SentenceView) -> None:
    """ "der japanischen Partnerprovinz Kanagawa": a partner named right after a partner noun; after a noun for
    regions a name that is a region as well as a country is the region ("Partnerregionen Georgia")."""
    for m in sv.full:
        am = vocab.STATE_APPOSITION.search(before(sv.text, m.start))
        if am and m.type in ("region", "country", "city"):
            if m.type == "country" and not re.search(r"land|staat|state", am.group(0), re.I):
                m = _as_region(ctx.gaz, m)
            _cand(ctx, sv, "state_partnership", m, **_status_attrs(sv.status, 1))


def _as_region(gaz: Gazetteer, m: Mention) -> Mention:
    """The region reading of a name that is also a country's ("Georgia": the US state, not Georgien)."""
    region = next((p for p in gaz.scan.get(fold(m.surface), []) if p.type == "region"), None)
    if region is None or region.domestic:
        return m
    return Mention(m.surface, m.start, m.end, region.country, "region", f"{region.country}:{fold(region.name)}")


def _not_locative(text: str, ms: list[Mention]) -> list[Mention]:
    """The mentions not named as a location; "in Polen und Frankreich" makes both locations."""
    out: list[Mention] = []
    prev: Mention | None = None
    prev_locative = False
    for m in ms:
        joined = prev is not None and re.fullmatch(r"\s*(?:,|und|and|sowie|oder|or)\s*", text[prev.end : m.start])
        prefix = before(text, m.start)
        locative = bool(_LOCATIVE.search(prefix) and not _RELATION_OF.search(prefix)) or bool(joined and prev_locative)
        if not locative:
            out.append(m)
        prev, prev_locative = m, locative
    return out


# "die Verbindungen von Kalifornien und Baden-Württemberg": after a relation noun, "von" names who, not where.
_RELATION_OF = re.compile(
    r"(?:verbindung|beziehung|zusammenarbeit|partnerschaft|kooperation|freundschaft)\w*\s+von\s+$", re.I
)


def rule_state_partnership(ctx: Context, sv: SentenceView) -> None:
    """A partnership named with its partners: the regions, else the countries not named as a place."""
    if not vocab.STATE_CUE.search(sv.cue_text) or vocab.MUNICIPAL_CUE.search(sv.cue_text):
        return
    if ctx.town and not vocab.STATE_ONLY_CUE.search(sv.cue_text):
        towns = towns_in(sv.text, ctx.gaz, sv.full, ctx.men.places)
        if towns:  # a town's partnerships are twinnings: "Erlangen pflegt Partnerschaften mit Eskilstuna"
            for m in towns:
                _cand(ctx, sv, "municipal_partnership", m, **_status_attrs(sv.status, 1))
            return
    regions = _not_locative(sv.text, [m for m in sv.full if m.type == "region"])
    countries = _not_locative(sv.text, [m for m in sv.full if m.type == "country"])
    # "Partnerschaften mit Burgund-Franche-Comté und Ruanda": a country coordinated with the regions is one too
    coordinated = [
        c
        for c in countries
        if regions
        and _coordinated(sv.text, c, regions)
        and all(p.type == "country" for p in ctx.gaz.scan.get(fold(c.surface), []))  # not "Georgia"
    ]
    for m in (regions + coordinated) if regions else countries:
        district = ctx.town and m.type == "region" and _DISTRICT_BEFORE.search(before(sv.text, m.start))
        kind = "municipal_partnership" if district else "state_partnership"  # "mit dem ungarischen Komitat Pest"
        _cand(ctx, sv, kind, m, **_status_attrs(sv.status, 1))


_DISTRICT_BEFORE = re.compile(
    r"\b(?:Komitat|Kreis|Landkreis|Bezirk|Powiat|Département|Departement|County|District)\s+$"
)


def _coordinated(text: str, country: Mention, regions: list[Mention]) -> bool:
    """A country joined to a region of another country by "und" or a comma ("Burgund und Ruanda")."""
    if any(r.country == country.country for r in regions):
        return False
    return any(
        re.fullmatch(r"\s*(?:,|und|sowie|and)\s*", text[r.end : country.start])
        or re.fullmatch(r"\s*(?:,|und|sowie|and)\s*", text[country.end : r.start])
        for r in regions
    )


# The partnership of the pair the sentence before named: "Die Partnerschaft der beiden Regionen besteht seit
# 1995", "The partnership between the two regions was established in 1995", "Ihre Partnerschaft ...".
_PAIR_PARTNERSHIP = vocab.Cue(
    r"\b(?:die|ihre|deren)\s+(?:landes|regional|länder|städte)?partnerschaft\s+(?:der|zwischen)\s+(?:den\s+)?"
    r"(?:beiden|beider)\s+(?:regionen|länder|provinzen|städte|partner)|^\W*(?:ihre|deren)\s+\w*partnerschaft\b|"
    r"\b(?:the|their)\s+partnership\s+between\s+the\s+two\s+(?:regions|states|provinces|cities|towns)|"
    r"^\W*their\s+partnership\b|^\W*(?:die|the)\s+(?:landes|regional)?partnerschaft\s+(?:war|wurde|ist|besteht)\b|"
    r"^\W*the\s+partnership\s+(?:was|is|has)\b"
)


def rule_pair_partnership(ctx: Context, sv: SentenceView) -> None:
    """A partnership of "the two regions" whose partner the sentence before names as the only foreign region (a
    town's: the only foreign town) that acts together with the home ("X und die Provinz Y haben ... unterzeichnet")."""
    if any(m.type != "country" for m in sv.full) or sv.s.index == 0:
        return
    if not _PAIR_PARTNERSHIP.search(sv.text) or planned(sv.text):
        return
    pv = None
    for prev in reversed(ctx.seg.sentences[max(0, sv.s.index - 3) : sv.s.index]):
        if ctx.doc.blocks[prev.block].kind == "heading" and prev.block != sv.s.block:
            break
        view_ = _view(ctx, prev)
        if any(m.type != "country" for m in view_.full):
            pv = view_
            break
    if pv is None:
        return
    regions = [m for m in pv.full if m.type == "region"]
    if ctx.town:
        regions = towns_in(pv.text, ctx.gaz, pv.full, ctx.men.places) or regions
    if len({m.key for m in regions}) != 1 or len({m.key for m in pv.full if m.type != "country"}) != 1:
        return
    kind = "municipal_partnership" if ctx.town else "state_partnership"  # a town's partnerships are twinnings
    _cand(ctx, sv, kind, regions[0], **_status_attrs(sv.status, 1))


# "sein polnischer Partnerkreis Bielsko", "die französische Partnerstadt Dole": a twin named after its noun, its
# country from the adjective, known to the gazetteer or not.
_ADJ_TWIN = re.compile(
    rf"\b(?P<adj>[a-zäöü]+isch(?:e|en|er|es|em)?)\s+(?:Partner(?:stadt|kreis|landkreis|gemeinde|kommune)|"
    rf"Schwesterstadt)\s+(?P<name>[{UP}][\w'’\-]+(?:\s+[{UP}][\w'’\-]+)?)"
)


def rule_adjective_twin(ctx: Context, sv: SentenceView) -> None:
    """A twin town or district named right after an adjective and a partner noun."""
    for am in _ADJ_TWIN.finditer(sv.text):
        code = ctx.gaz.adjective_country(am["adj"].lower())
        name = am["name"]
        if not code or code == HOME_COUNTRY.get() or name in STOP_CAP or _common_word(name.split()[0]):
            continue
        start = am.start("name")
        mention = Mention(name, start, start + len(name), code, "city", f"{code}:{fold(name)}")
        _cand(ctx, sv, "municipal_partnership", mention, **_status_attrs(sv.status, 1))


def rule_municipal(ctx: Context, sv: SentenceView) -> None:
    """A town twinning: foreign towns in a sentence with a twinning cue; the domestic town is the home."""
    if not vocab.MUNICIPAL_CUE.search(sv.cue_text):
        return
    home_town = next(iter(_towns(sv.text, ctx.gaz, [], domestic=True)), None)
    towns = towns_in(sv.text, ctx.gaz, sv.full, ctx.men.places)
    for m in towns:
        i = _cand(ctx, sv, "municipal_partnership", m, **_status_attrs(sv.status, 1))
        if home_town and ctx.rs.relations[i].home is None:
            ctx.rs.relations[i].home = home_town.surface
    if not towns and not ctx.town and vocab.TWINNED.search(sv.text):
        # a state "twinned with Rwanda", a "Jumelage" of a state and a country: a partnership of the two
        for m in _not_locative(sv.text, [m for m in sv.full if m.type in ("region", "country")]):
            _cand(ctx, sv, "state_partnership", m, **_status_attrs(sv.status, 1))


def rule_joint_commission(ctx: Context, sv: SentenceView) -> None:
    """A mixed commission with a country or region; one that meets is active."""
    if not vocab.JOINT_COMMISSION_CUE.search(sv.text):
        return
    status = sv.status or ("active" if vocab.COMMISSION_MEETING.search(sv.text) else None)
    for m in [m for m in sv.full if m.type in ("country", "region") and not _LOCATIVE.search(before(sv.text, m.start))]:
        _cand(ctx, sv, "joint_commission", m, **_status_attrs(status, 1))
    pairs = r"\bDeutsch-([A-ZÄÖÜ]\w+?)(?:e|en|er|es)\s+(?:Regierungs|Gemischte)|"
    pairs += r"\b(?!Deutsch)[A-ZÄÖÜ]\w+isch-([A-ZÄÖÜ]\w+?)(?:e|en|er|es)\s+"
    pairs += r"(?:Regierungs)?(?:[Kk]ommission|Arbeitsgruppe)"
    for am in re.finditer(pairs, sv.text):
        code = ctx.gaz.adjective_country((am.group(1) or am.group(2)).lower() + "e")
        country = ctx.gaz.country(code)
        if country is None or country.domestic:
            continue
        named = next(  # the country as the document names it ("der Republik Österreich"), where it does
            (m for ms in ctx.men.by_sentence for m in ms if m.type == "country" and m.country == code),
            None,
        )
        mention = Mention(country.name, am.start(), am.end(), code, "country", f"{code}:{fold(country.name)}")
        _cand(ctx, sv, "joint_commission", named or mention, **_status_attrs(status, 1))


def rule_cooperation(ctx: Context, sv: SentenceView) -> None:
    """A named cooperation: "Zusammenarbeit mit dem Nationalpark X in Y", or with a country or region."""
    if not vocab.COOPERATION_CUE.search(sv.text):
        return
    named = list(_NAMED_PLACE.finditer(sv.text))
    for nm in named:
        cp = ctx.gaz.lookup(nm["country"])
        if cp and cp.type == "country" and not cp.domestic:
            name = nm["name"].strip()
            key = f"{cp.country}:{fold(name)}"
            if not any(m.key == key for m in sv.full):
                ctx.rs.add(Candidate("cooperation", name, cp.country, key, sv.s.index))
    only_together = not _COOP_BEYOND_TOGETHER.search(sv.text)
    for m in _not_locative(sv.text, sv.full):
        if m.type not in ("country", "region"):
            continue
        if any(m.start > n.start("name") and m.end <= n.end("country") for n in named):
            continue
        if only_together and not _TOGETHER.search(before(sv.text, m.start)):
            continue  # "gemeinsam mit" names its partner right after it
        _cand(ctx, sv, "cooperation", m)


_REMEMBRANCE = vocab.Cue(r"gedenk|erinnerung|massaker|remembrance|memorial|commemorat")
_CONTINUITY = vocab.Cue(r"\bseit\s+\d{4}|jedes jahr|jährlich|regelmäßig|every year|annual|\bsince\s+\d{4}")


def rule_remembrance(ctx: Context, sv: SentenceView) -> None:
    """Remembrance work kept up with a place abroad, told without a partnership word ("Seit 2012 reisen jedes Jahr
    Schüler nach Lidice, um das Gedenken an die Opfer wachzuhalten"): a cooperation with that place."""
    continuity = _CONTINUITY.search(sv.text)
    if not (_REMEMBRANCE.search(sv.text) and continuity):
        return
    since = re.search(r"\d{4}", continuity.group(0))
    year = int(since.group(0)) if since else None
    for m in towns_in(sv.text, ctx.gaz, sv.full, ctx.men.places):
        _cand(ctx, sv, "cooperation", m, since=year, since_rank=2 if year else -1, status="active", status_rank=1)


def rule_park(ctx: Context, sv: SentenceView) -> None:
    """A park abroad in a sentence about a partnership or cooperation ("Der Nationalpark Bayerischer Wald und der
    tschechische Nationalpark Šumava feiern ihre Partnerschaft"): a cooperation of the home's park with it."""
    parks = [m for m in sv.full if m.type == "named"]
    if not parks or not (vocab.STATE_CUE.search(sv.cue_text) or vocab.COOPERATION_CUE.search(sv.text)):
        return
    home = re.search(
        r"\b(?:Nationalpark|Naturpark|Biosphärenreservat)\s+[A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+)?", sv.text
    )
    for m in parks:
        i = _cand(ctx, sv, "cooperation", m, **_status_attrs(sv.status, 1))
        if home is not None and home.start() != m.start and ctx.rs.relations[i].home is None:
            ctx.rs.relations[i].home = home.group(0)


def rule_network(ctx: Context, sv: SentenceView) -> None:
    """Every network named is a membership, and so is one named by its shape where the sentence says the home
    takes part (networks.py); only "active" is taken from the sentence, or from how it takes part ("wirkt mit")."""
    from .networks import ACTIVE, network_names

    # active where the sentence says so, or how the home takes part, or reports its founding (FACTS.md)
    known = [m for m in sv.full if m.type == "network"]
    names = network_names(sv.text, ctx.home)
    if not known and not names:
        return
    active = sv.status == "active" or bool(ACTIVE.search(sv.text) or vocab.FOUNDING_CUE.search(sv.text))
    attrs = _status_attrs("active" if active else None, 1)
    for m in known:
        _cand(ctx, sv, "network_membership", m, **attrs)
    for n in names:
        if any(m.start < n.end and n.start < m.end for m in sv.ms) or _is_place(ctx.gaz, n.name):
            continue
        _cand(ctx, sv, "network_membership", _network_mention(ctx, n.name, n.start, n.end), **attrs)


def _is_place(gaz: Gazetteer, name: str) -> bool:
    place = gaz.lookup(name)
    return place is not None and place.type != "network"


def _network_mention(ctx: Context, name: str, start: int, end: int) -> Mention:
    canon = ctx.men.canon.get(fold(name), name)
    return Mention(canon, start, end, None, "network", f"net:{fold(canon)}")


def rule_representation(ctx: Context, sv: SentenceView) -> None:
    """An office abroad: the place it is in or serves; a house named after the home ("das Haus Rheinland-Pfalz
    in Dijon") is one too."""
    house = re.search(rf"\bHaus\s+(?:des\s+Landes\s+)?{re.escape(ctx.home)}\b", sv.text)
    if vocab.REPRESENTATION_CUE.search(sv.text) or house:
        text = sv.text[house.end() :] if house else sv.text
        for m in _offices(text, ctx.gaz, sv.ms if not house else []):
            _cand(ctx, sv, "representation", m, **_status_attrs(sv.status, 1))


def rule_institution(ctx: Context, sv: SentenceView) -> None:
    """An institution at home serving a foreign relation: "Deutsch-Amerikanisches Institut"."""
    for im in vocab.INSTITUTION_CUE.finditer(sv.text):
        adj = re.match(r"Deutsch-(\w+)", im.group(0))
        code = ctx.gaz.adjective_country(adj.group(1)) if adj else None
        if sv.block.kind == "list_item" and len(sv.block.text.split()) <= 16:
            name = sv.block.text.strip()
        else:
            tail = re.match(r"(?:\s+e\.\s?V\.)?(?:\s+[A-ZÄÖÜ][\w\-]+)?", sv.text[im.end() :])
            name = (im.group(0) + (tail.group(0) if tail else "")).strip()
        ctx.rs.add(Candidate("institution", name, code, f"inst:{fold(name)}", sv.s.index))


# "... wurde eine schottische Stadt als Partnerin gesucht", "suchte der Gemeinderat eine Partnerstadt in Italien"
_SEEKING = vocab.Cue(
    r"\b(?:gesucht|suchte[n]?|sucht|auf der suche|looking for|searched for|sought)\b[^.;]*|"
    r"\beine[nr]?\s+(?:\w+\s+)?(?:partnerstadt|partnerregion|partnergemeinde)\b[^.;]*\bgesucht"
)
_PLACEHOLDER = re.compile(
    r"\b(?:eine[nr]?|a|an)\s+(?:(?P<adj>[a-zäöü]+isch\w*|[A-Z][a-z]+(?:ish|ian|ese|ch))\s+)?"
    r"(?P<noun>Partnerstadt|Stadt|Partnerregion|Region|Partnergemeinde|Gemeinde|Kommune|Provinz|city|town|region|"
    r"province)\b(?:\s+(?:in|im|aus)\s+(?P<where>[A-ZÄÖÜ][\w\-]+))?",
)
# "Die Wahl fiel auf Dundee", "Man entschied sich für Menfi", "The choice fell on Dundee"
_CHOSEN = vocab.Cue(
    r"\bwahl\s+fiel\s+auf\b|\bentschied\w*\s+(?:\w+\s+){0,3}?für\b|\bentscheidung\s+fiel\s+auf\b|"
    r"\bchoice\s+fell\s+on\b|\bchose\b|\bwas\s+chosen\b|\bwurde\s+ausgewählt\b"
)


def _sought(ctx: Context, sv: SentenceView) -> Sought | None:
    """A sentence about a partnership that looks for a partner it does not name yet."""
    if not _SEEKING.search(sv.text):
        return None
    pm = _PLACEHOLDER.search(sv.text)
    if pm is None:
        return None
    code = ctx.gaz.adjective_country(pm["adj"]) if pm["adj"] else None
    if code is None and pm["where"]:
        where = ctx.gaz.lookup(pm["where"])
        code = where.country if where is not None and where.type == "country" else None
    town = pm["noun"].lower() in ("partnerstadt", "stadt", "partnergemeinde", "gemeinde", "kommune", "city", "town")
    kind = "municipal_partnership" if town or ctx.town else "state_partnership"
    return Sought(kind, code, sv.s.block)


def rule_chosen(ctx: Context, sv: SentenceView, sought: Sought) -> bool:
    """The sentence after a search that names the choice ("Die Wahl fiel auf Dundee"): the partner sought."""
    cm = _CHOSEN.search(sv.text)
    if cm is None or sv.s.block > sought.block + 1:
        return False
    rest = sv.text[cm.end() :]
    name = re.match(
        rf"\s*(?:die\s+|the\s+)?(?:Stadt\s+|Region\s+|city of\s+)?(?P<n>[{UP}][\w'’\-]+(?:\s+[{UP}][\w'’\-]+)?)", rest
    )
    if name is None:
        return False
    start = cm.end() + name.start("n")
    place = ctx.gaz.lookup(name["n"], cities=True) or ctx.men.places.get(fold(name["n"]))
    code = place.country if place is not None else sought.country
    if code is None or code == HOME_COUNTRY.get():
        return False
    mention = Mention(name["n"], start, start + len(name["n"]), code, "city", f"{code}:{fold(name['n'])}")
    _cand(ctx, sv, sought.kind, mention, **_status_attrs(sv.status, 1))
    return True


KIND_RULES = (
    rule_enumeration,
    rule_apposition,
    rule_state_partnership,
    rule_pair_partnership,
    rule_adjective_twin,
    rule_municipal,
    rule_joint_commission,
    rule_cooperation,
    rule_remembrance,
    rule_park,
    rule_network,
    rule_representation,
    rule_institution,
)


def _sentence(ctx: Context, s: Sentence) -> None:
    sv = _view(ctx, s)
    if rule_list_intro(ctx, sv):
        return
    in_list = _in_list(ctx, sv)
    update_scope_status(ctx, sv, in_list)
    if rule_partner_list(ctx, sv):
        return
    if rule_network_item(ctx, sv, in_list):
        return
    if rule_list_item(ctx, sv, in_list) or rule_list_item_mention(ctx, sv, in_list):
        return
    close_scope(ctx, sv, in_list)
    if planned(sv.text):
        return  # "Eine Partnerschaft mit X ist im Gespräch": no relation (yet)
    sought, ctx.sought = ctx.sought, None
    if sought is not None:
        rule_chosen(ctx, sv, sought)
    before_rules = len(ctx.rs.relations)
    for rule in KIND_RULES:
        rule(ctx, sv)
    if len(ctx.rs.relations) == before_rules:
        ctx.sought = _sought(ctx, sv)


def link_mentions(rs: RelationSet, seg: Segments, men: Mentions) -> None:
    """For each sentence, the relations it names (by a mention's key or the partner's name in the text)."""
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


def relations(
    doc: Document, seg: Segments, men: Mentions, gaz: Gazetteer, home: str, town: bool = False
) -> RelationSet:
    """Run the rules over every sentence, then the partner-page rules, and link the sentences to the relations
    they name. ``town``: the home is a town."""
    from .pages import page_cue, partner_pages

    ctx = Context(doc, seg, men, gaz, home, town)
    cue = page_cue(ctx, town)
    ctx.town = town or (cue is not None and cue.kind == "municipal_partnership")
    ctx.rs.page = cue is not None
    for s in seg.sentences:
        _sentence(ctx, s)
    partner_pages(ctx, town)
    link_mentions(ctx.rs, seg, men)
    return ctx.rs


_TOGETHER = re.compile(r"\bgemeinsam mit\s+(?:[\wäöüß\-]+\s+){0,3}$", re.I)
_COOP_BEYOND_TOGETHER = re.compile(vocab.COOPERATION_CUE.pattern.replace(r"|\bgemeinsam mit\b", ""), re.I)

# A place named only to describe the partner: "die Hauptstadt des Bundesstaates Wisconsin".
_DESCRIPTOR = re.compile(
    r"\b(?:haupt)?stadt\s+(?:des|der)\s+(?:[\wäöüß\-]+\s+){0,2}$|\b(?:im|in)\s+(?:norden|süden|osten|westen)\s+"
    r"(?:(?:des|der)\s+(?:[\wäöüß\-]+\s+){0,2})?$|"
    # the seat in a university's name ("der Technischen Universität Gdańsk", "University of Michigan")
    r"\b(?:universität|universitaet|hochschule|tu|th|fh|university|college|akademie|klinikum|institut)\s+(?:of\s+)?$|"
    # a former name beside the current one ("mit der damaligen Region Picardie")
    r"\b(?:damalig|ehemalig|frühere|früheren|vormalig|former)\w*\s+(?:[\wäöüß\-]+\s+)?$",
    re.I,
)
# A heading that announces a list of partners: "Städtepartnerschaften", "Unsere Partnerregionen".
_HEADING_INTRO = re.compile(
    r"^\s*(?:(?:unsere|die|weitere|internationale)\s+)?(?:städte|landes|regional|länder)?partner"
    r"(?:schaften|städte|regionen|provinzen|länder|gemeinden|kommunen|kreise)"
    r"(?:\s+(?:der\s+(?:stadt|gemeinde|landeshauptstadt|hansestadt)\s+)?[A-ZÄÖÜ][\w\-]+s?)?\s*$",
    re.I,
)


def lookup_inflected(gaz: Gazetteer, name: str) -> Place | None:
    """Look a name up, also in its nominative form ("der Russischen Föderation" -> "Russische Föderation")."""
    name = re.sub(r"^(?:der|die|das|den|dem|des)\s+", "", name)
    place = gaz.lookup(name)
    if place is None:
        place = gaz.lookup(re.sub(r"(?<=[a-zäöü])(?:en|er|em|es)\b(?=\s)", "e", name))
    if place is None and name.endswith("s"):
        place = gaz.lookup(name[:-1])
    return place


def _towns(text: str, gaz: Gazetteer, full: list[Mention], domestic: bool = False) -> list[Mention]:
    return towns_in(text, gaz, full, {}, domestic=domestic)


_CAP_WORD = re.compile(rf"(?:\b(?:St|Ste|Sankt|San|Santa)\.?\s)?\b[{UP}][\w'’\-]+")
_TOWN_JOIN = re.compile(r"\s(?:(?:an der|am|im|de|del|di|la|sur|upon|es|el)\s)?$")


def _town_names(text: str) -> list[tuple[str, int]]:
    """Capitalised names of one to three words ("Prag", "Ann Arbor", "Villa El Salvador", "Rostow am Don"),
    each start with its longest candidate first."""
    caps = [(m.start(), m.end()) for m in _CAP_WORD.finditer(text)]
    out = []
    for i, (a, b) in enumerate(caps):
        ends = [b]
        for c, d in caps[i + 1 : i + 3]:
            if not _TOWN_JOIN.fullmatch(text[ends[-1] : c]):
                break
            ends.append(d)
        out += [(text[a:e], a) for e in reversed(ends)]
    return out


def towns_in(
    text: str,
    gaz: Gazetteer,
    full: list[Mention],
    places: dict[str, Place],
    *,
    domestic: bool = False,
    anywhere: bool = False,
) -> list[Mention]:
    """Towns in ``text``: the city mentions, and capitalised words (one or two) that the gazetteer's towns or the
    document's own ``places`` know, where a cue, preposition, conjunction or adjective leads to them (or
    ``anywhere``). ``domestic`` asks for the home country's towns instead of foreign ones."""
    out = [m for m in full if m.type == "city"] if not domestic else []
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in out]
    for word, start in _town_names(text):
        if word in STOP_CAP or (start == 0 and not anywhere) or any(a <= start < b for a, b in taken):
            continue
        # a town follows a cue, a preposition, a conjunction or an adjective, never a first name
        if not anywhere and not _TOWN_CONTEXT.search(before(text, start)):
            continue
        place = _town_place(gaz, word) or places.get(fold(word))
        if place is None or place.type != "city" or place.domestic != domestic or _common_word(word):
            continue
        mention = Mention(word, start, start + len(word), place.country, "city", f"{place.country}:{fold(place.name)}")
        taken.append((start, mention.end))
        if not any(m.key == mention.key for m in out) and (domestic or not _in_role(text, mention)):
            out.append(mention)
    return out


def _town_place(gaz: Gazetteer, word: str) -> Place | None:
    """The town a name most likely means: the gazetteer's best-known town, or a region that is a town too
    ("St. Petersburg", "Shanghai": federal cities and city provinces), whichever is better known."""
    key = fold(word)
    entries = [p for p in gaz.cities.get(key, []) + gaz.scan.get(key, []) if p.type in ("city", "region")]
    if not any(p.type == "city" for p in entries):
        return None
    best = max(entries, key=lambda p: p.weight)
    return best if best.type == "city" else Place(best.name, best.country, "city", best.weight)


@lru_cache(maxsize=8192)
def _common_word(word: str) -> bool:
    """A capitalised word that is an ordinary German word ("Auch" opening a sentence), not a name."""
    return " " not in word and german_pos(word) not in ("NE", "NN", "FM", "XY", "")


_TOWN_CONTEXT = re.compile(
    r"(?:partnerstadt|partnerstädte[n]?|partnergemeinde|stadt|gemeinde|kommune|landkreis|kreis|mit|zwischen|und|"
    r"sowie|nach|in|,|[a-zäöü]+ischen?|with|and|between|of)\s+(?:der\s+|dem\s+|den\s+|the\s+)?$|"
    r"partnerschaft\s+[A-ZÄÖÜ][\wäöüß]+\s?[–/]\s?$",  # "Städtepartnerschaft Erlangen–Rennes"
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
