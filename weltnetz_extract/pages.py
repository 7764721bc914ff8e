"""Partner pages (part of stage 3, relations): a page whose title, address or a heading announces the home's
partners ("Partnerstädte", "Unsere Partnerregionen", "Sister-State Relationships") names each partner in a
heading or a paragraph of its own, often with no partnership word beside the name.

- Heading items: a short heading under such a cue that names a place ("Monthey (Schweiz)", "Hessen, Germany",
  "Middelkerke und Clevedon") is a partner of the page's kind, unless the text of its section says the
  partnership is only planned, or calls it a cooperation with that partner and nothing more.
- Paragraph items: on a page with such a cue and neither heading items nor a list, the first place of the
  page's kind each paragraph or caption names is a partner (town pages describing one twin town per paragraph,
  region pages showing each partner's logo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from . import vocab
from .document import Block
from .gazetteer import Place, fold
from .mentions import STOP_CAP, UP, Mention, before
from .relations import Candidate, Context, SentenceView, heading_verdict, is_person_part, planned, section_of, view

_PAGE_CUE = re.compile(
    r"städtepartnerschaften|partnerstädte|partnerregionen|partnerprovinzen|landespartnerschaften|"
    r"regionalpartnerschaften|partnergemeinden|partnerkommunen|partnerkreise|städteverbrüderung|"
    r"sister[- ]cit(?:y|ies)|sister[- ]states?\b|sister[- ](?:provinces|regions)|partner[- ]regions|partner[- ]cities|"
    r"partner[- ](?:towns|states|provinces)\b|twin(?:ned)?[- ](?:towns|cities|regions)\b|town[- ]twinning|twinnings\b|"
    r"^\s*(?:unsere\s+|internationale\s+)?partnerschaften\s*$",
    re.I,
)
_URL_CUE = re.compile(
    r"staedtepartner|partnerstaedte|partnerregion|partnerprovinz|sister-cit|sister-state|partner-region|"
    r"partner-cit|partner-town|twin-town|twinned-|town-twinning|staedteverbruederung",
    re.I,
)
_MUNICIPAL_WORD = re.compile(r"städt|staedt|stadt|gemeind|kommun|kreis|cit(?:y|ies)|town", re.I)
# The name and its country in a heading item: "Monthey (Schweiz)", "Rostow am Don, Russland", "Épernay".
_HEADING_ITEM = re.compile(
    rf"^(?P<names>[{UP}][^()–,;:!?]*?)\s*(?:\((?P<paren>[^)]+)\)|,\s*(?P<comma>[{UP}][\w\-]+"
    rf"(?:\s+(?:of\s+(?:the\s+)?)?[{UP}][\w\-]+){{0,2}}))?\s*$"
)
_NAME_SPLIT = re.compile(r"\s+(?:und|and|sowie)\s+|\s*,\s*")
_UNKNOWN_NAME = re.compile(rf"^[{UP}][\w'’\-]+(?:\s+[{UP}][\w'’\-]+){{0,2}}$")


@dataclass(frozen=True, slots=True)
class PageCue:
    kind: str  # state_partnership | municipal_partnership
    block: int  # the block of the cue heading, -1 for the title or the address


def page_cue(ctx: Context, town: bool) -> PageCue | None:
    """The page's partner cue: its address or title, else the first short heading with one."""
    title = ctx.doc.title or ""
    path = unquote(ctx.doc.url or "").split("//", 1)[-1].partition("/")[2]
    for text, block in [(title, -1), (path, -1)] + [
        (b.text, i) for i, b in enumerate(ctx.doc.blocks) if b.kind == "heading" and len(b.text.split()) <= 8
    ]:
        m = (_URL_CUE if text is path else _PAGE_CUE).search(text)
        if m:
            word = m.group(0)
            municipal = bool(_MUNICIPAL_WORD.search(word)) or (town and "partnerschaften" in word.lower())
            return PageCue("municipal_partnership" if municipal else "state_partnership", block)
    return None


def partner_pages(ctx: Context, town: bool) -> None:
    """Heading items, else paragraph items, of a partner page (see the module's docstring)."""
    cue = page_cue(ctx, town)
    if cue is None:
        return
    found = heading_items(ctx, cue)
    has_list = any(b.kind == "list_item" for b in ctx.doc.blocks)
    if not found and not has_list:
        paragraph_items(ctx, cue)


def heading_items(ctx: Context, cue: PageCue) -> int:
    """Partners named by the headings after the cue; returns how many headings named one."""
    found = 0
    for s in ctx.seg.sentences:
        block = ctx.doc.blocks[s.block]
        if block.kind != "heading" or s.block <= cue.block or s.index in ctx.seg.title_sentences:
            continue
        sv = view(ctx, s)
        section = section_of(ctx, s.block)
        places = _heading_places(ctx, sv, section)
        if not places:
            continue
        found += 1
        for m in places:
            verdict = heading_verdict(ctx, sv, m)
            if verdict == "planned":
                continue
            since = _heading_since(sv.text)
            cand = Candidate(verdict or cue.kind, m.surface, m.country, m.key, s.index, since, 3 if since else -1)
            i = ctx.rs.add(cand)
            ctx.rs.list_ids.append(i)
            _section_commission(ctx, section, m)
    return found


_HEADING_SINCE = re.compile(r"\((?:seit|since)\s+(?P<y>(?:1[89]|20)\d\d)\)|\((?P<b>(?:1[89]|20)\d\d)\)\s*$")


def _heading_since(text: str) -> int | None:
    """The start a heading item gives in brackets: "Marseille (seit 1958)", "Osaka (1989)"."""
    m = _HEADING_SINCE.search(text)
    return int(m["y"] or m["b"]) if m else None


def _section_commission(ctx: Context, section: list[SentenceView], m: Mention) -> None:
    """ "A joint commission of the two states meets every second year." under the partner's heading: a commission
    with that partner."""
    for x in section:
        if vocab.JOINT_COMMISSION_CUE.search(x.text) and not x.full:
            status = "active" if vocab.COMMISSION_MEETING.search(x.text) or x.status == "active" else None
            ctx.rs.add(
                Candidate("joint_commission", m.surface, m.country, m.key, x.s.index, status=status, status_rank=1)
            )


def _heading_places(ctx: Context, sv: SentenceView, section: list[SentenceView]) -> list[Mention]:
    """The foreign places a short heading names, without the country in its brackets or after its comma."""
    text = sv.text.strip()
    hm = _HEADING_ITEM.match(text)
    if hm is None or len(text.split()) > 8 or vocab.STATE_CUE.search(text) or vocab.MUNICIPAL_CUE.search(text):
        return []
    hint = (hm["paren"] or hm["comma"] or "").strip()
    hint_place = ctx.gaz.lookup(hint) if hint else None
    out: list[Mention] = []
    for name in _NAME_SPLIT.split(hm["names"].strip()):
        name = re.sub(r"^(?:die|der|das|the)\s+", "", name.strip(), flags=re.I)
        whole = ctx.gaz.lookup(name, cities=True)
        inner = next((m for m in sv.full if m.surface in name and fold(m.surface) != fold(hint)), None)
        if whole is not None and (inner is None or len(inner.surface) < len(name)):
            inner = None  # "Rostow am Don" is the town, not the region "Rostow" in it
        m = inner or _town_named(ctx, _TYPE_WORDS.sub("", name), hint_place, section)
        if m is not None and not m.domestic and m.type != "network":
            out.append(m)
    return out


_TYPE_WORDS = re.compile(
    r"^(?:(?:Stadt|Gemeinde|Region|Provinz|Gebiet|Oblast|Kreis|Landkreis|Bezirk|Kanton|Département|Departement|"
    r"Woiwodschaft|Wojewodschaft|City of|Province of|Region of)\s+)+|\s+(?:Province|Prefecture|Region|Oblast|City)$"
)


def _town_named(ctx: Context, name: str, hint: Place | None, section: list[SentenceView]) -> Mention | None:
    """A heading that is just a name: a known town, or a name placed in a country by the heading's brackets,
    by the document elsewhere, or by a known place beside it in its section ("Gattschina bei Sankt Petersburg")."""
    if not _UNKNOWN_NAME.match(name) or name in STOP_CAP:
        return None
    place = ctx.gaz.lookup(name, cities=True) or ctx.men.places.get(fold(name))
    code = place.country if place is not None else (hint.country if hint is not None else None)
    if code is None:
        code = _country_nearby(ctx, name, section)
    if code is None:
        return None
    kind = place.type if place is not None else "city"
    return Mention(name, 0, len(name), code, kind, f"{code}:{fold(place.name if place else name)}")


def _country_nearby(ctx: Context, name: str, section: list[SentenceView]) -> str | None:
    """The country of the known place a section names right after ``name`` ("bei", "nahe", "in", "near")."""
    rx = re.compile(
        rf"{re.escape(name)}\s+(?:bei|nahe|in|im|an der|near|in der Nähe von)\s+"
        rf"(?P<where>[{UP}][\w\-.]*(?:\s+[{UP}][\w\-]+)?)"
    )
    for sv in section:
        m = rx.search(sv.text)
        if m:
            where = ctx.gaz.lookup(m["where"], cities=True)
            if where is not None:
                return where.country
    return None


def paragraph_items(ctx: Context, cue: PageCue) -> None:
    """The first place of the page's kind in each paragraph or caption after the cue."""
    seen: set[int] = set()
    for s in ctx.seg.sentences:
        block: Block = ctx.doc.blocks[s.block]
        if s.block in seen or s.block <= cue.block or block.kind not in ("paragraph", "caption"):
            continue
        sv = view(ctx, s)
        if planned(sv.text):
            continue
        m = _first_of_kind(ctx, sv, cue.kind, at_start=s.start == block.start)
        if m is not None:
            seen.add(s.block)
            ctx.rs.add(Candidate(cue.kind, m.surface, m.country, m.key, s.index))


def _first_of_kind(ctx: Context, sv: SentenceView, kind: str, at_start: bool) -> Mention | None:
    """A region of a region page, a town of a town page: the first one not named as where something is (a
    paragraph opening with "In Chicago ..." is about Chicago) nor inside a person's name."""
    from .relations import LOCATIVE, towns_in

    if kind == "state_partnership":
        cands = [m for m in sv.full if m.type == "region"]
    else:
        cands = towns_in(sv.text, ctx.gaz, sv.full, ctx.men.places, anywhere=True)
        cands += [m for m in sv.full if m.type == "region" and ctx.gaz.cities.get(fold(m.surface))]
        cands.sort(key=lambda m: m.start)
    for m in cands:
        if m.domestic or is_person_part(sv.text, m):
            continue
        if LOCATIVE.search(before(sv.text, m.start)) and not (at_start and m.start <= 3):
            continue
        return m
    return None
