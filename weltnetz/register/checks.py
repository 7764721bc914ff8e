"""Consistency checks of the register against itself and against its sources.

Seven checks, each a function that returns `Finding`s (what is wrong, the records and sources concerned):

- ``anniversary``: a source speaks of an "N-jähriges Jubiläum" (or "Nth anniversary") of a partnership in a year
  that does not match the relation's start year ("35-jähriges Jubiläum" in 2024 means 1989);
- ``count``: a count in a source's prose ("zwölf Landespartnerschaften") against the register on that source's
  date (active and resting state partnerships of the home region);
- ``sources_disagree``: two sources give a relation different start years, or different current statuses;
- ``no_source``: a published relation that no source states;
- ``dormant_anniversary``: a resting or ended relation with a round anniversary in the planning window: the
  planner and the public calendar leave it out, so an editor should know before someone plans a celebration;
- ``duplicate_actor``: two actors with the same folded name in the same country;
- ``reverse_twinning``: a relation stored beside its reverse (A–B and B–A of the same kind).

`run()` runs them all; its result is cached by the data version, so every change to the register (any write,
see version.py) runs them again on the next look, and nothing is recomputed while nothing changed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from . import names
from .models import Actor, Relation, RelationCitation, Source, StatusChange, home_region
from .vocab import RelationKind, Status

NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "one": 1, "two": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# "35-jährigen Jubiläum", "35 Jahre Partnerschaft", "35th anniversary", "zum 35. Mal jährt sich"
_ANNIVERSARY = [
    re.compile(r"\b(\d{1,3})\s*-?\s*jährige[nrs]?\s+(?:jubiläum|bestehen|partnerschaft)", re.I),
    re.compile(r"\b(\d{1,3})\s+jahre\s+(?:partnerschaft|freundschaft|zusammenarbeit)", re.I),
    re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary", re.I),
    re.compile(r"\bzum\s+(\d{1,3})\.\s+mal", re.I),
]
# counts of the home region's relations in prose, by kind
_COUNTS = {
    RelationKind.STATE_PARTNERSHIP: re.compile(
        r"\b" + _NUMBER + r"\s+(?:landespartnerschaften|partnerregionen|state partnerships|partner regions)\b", re.I
    ),
}
_SINCE = re.compile(r"\b(?:seit|since|gegründet|founded|begründet|established)\D{0,40}?\b(1[89]\d\d|20\d\d)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass
class Finding:
    """One inconsistency: which check, what is wrong, and the records and sources to look at."""

    check: str
    message: str
    relations: list[int] = field(default_factory=list)
    actors: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    code: str
    title: Any  # translatable
    run: Callable[[], list[Finding]]


def _sentences(text: str) -> Iterable[str]:
    for line in text.split("\n"):
        yield from (s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", line) if s.strip())


def _number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


def _home_relations() -> list[Relation]:
    try:
        home = home_region()
    except Actor.DoesNotExist:
        return []
    return list(Relation.objects.filter(home=home).select_related("partner"))


def _names_in(sentence: str, relations: list[Relation]) -> list[Relation]:
    folded = names.fold(sentence)
    found = []
    for rel in relations:
        for label in rel.partner.all_names:
            key = names.fold(label)
            if len(key) >= 4 and re.search(rf"\b{re.escape(key)}\b", folded):
                found.append(rel)
                break
    return found


def _prose_sources():
    """Documents written in prose (data files state no anniversaries or counts)."""
    fields = ("id", "title", "text", "published_on", "retrieved_on")
    return Source.objects.exclude(kind=Source.Kind.DATA_FILE).only(*fields).order_by("pk")


def _source_year(source: Source, sentence: str) -> int | None:
    day = source.published_on or source.retrieved_on
    return day.year if day else None


# -- the checks ---------------------------------------------------------------------------------------------
def check_anniversaries() -> list[Finding]:
    """An anniversary a source names against the relation's start year."""
    relations = [r for r in _home_relations() if r.since]
    out = []
    for source in Source.objects.exclude(kind=Source.Kind.DATA_FILE).only(
        "id", "title", "text", "published_on", "retrieved_on"
    ):
        for sentence in _sentences(source.text or ""):
            ages = [int(m.group(1)) for rx in _ANNIVERSARY for m in rx.finditer(sentence)]
            if not ages:
                continue
            year = _source_year(source, sentence)
            if year is None:
                continue
            for rel in _names_in(sentence, relations):
                for age in ages:
                    if rel.since is not None and year - age != rel.since:
                        out.append(
                            Finding(
                                "anniversary",
                                _(
                                    "“%(source)s” (%(year)s) speaks of the %(age)s. anniversary with %(partner)s: "
                                    "that means %(start)s, the register says %(since)s"
                                )
                                % {
                                    "source": source.title,
                                    "year": year,
                                    "age": age,
                                    "partner": rel.partner,
                                    "start": year - age,
                                    "since": rel.since,
                                },
                                relations=[rel.pk],
                                sources=[source.pk],
                            )
                        )
    return out


def check_counts() -> list[Finding]:
    """A count of the home region's relations in a source's prose against the register on the source's date."""
    try:
        home = home_region()
    except Actor.DoesNotExist:
        return []
    out = []
    for source in Source.objects.exclude(kind=Source.Kind.DATA_FILE).only(
        "id", "title", "text", "published_on", "retrieved_on"
    ):
        day = source.published_on or source.retrieved_on or timezone.localdate()
        for kind, rx in _COUNTS.items():
            for m in rx.finditer(source.text or ""):
                stated = _number(m.group(1))
                if stated is None:
                    continue
                held = Relation.objects.public().filter(home=home, kind=kind).as_of(day).count()
                if stated != held:
                    out.append(
                        Finding(
                            "count",
                            _(
                                "“%(source)s” says “%(words)s” (%(stated)s); "
                                "the register holds %(held)s active or resting on %(day)s"
                            )
                            % {"source": source.title, "words": m.group(0), "stated": stated, "held": held, "day": day},
                            sources=[source.pk],
                        )
                    )
    return out


def check_sources_disagree() -> list[Finding]:
    """Two sources that give one relation different start years or statuses."""
    out = []
    years: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for rid, sid, passage in RelationCitation.objects.filter(field="since", source__isnull=False).values_list(
        "relation_id", "source_id", "passage"
    ):
        for m in _SINCE.finditer(passage or ""):
            years[rid][int(m.group(1))].add(sid)
    first_dated = (
        StatusChange.objects.filter(status=Status.ACTIVE, date__isnull=False, source__isnull=False)
        .order_by("relation_id", "date")
        .values_list("relation_id", "date", "source_id")
    )
    seen: set[int] = set()
    for rid, date, sid in first_dated:
        if rid not in seen and date is not None:
            seen.add(rid)
            years[rid][date.year].add(sid)
    for rid, by_year in years.items():
        if len(by_year) > 1:
            shown = ", ".join(f"{y}" for y in sorted(by_year))
            out.append(
                Finding(
                    "sources_disagree",
                    _("sources give different start years: %(years)s") % {"years": shown},
                    relations=[rid],
                    sources=sorted({s for ids in by_year.values() for s in ids}),
                )
            )
    # statuses said to hold "now" (undated) by different sources, disagreeing
    now: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for rid, status, sid in StatusChange.objects.filter(date__isnull=True, source__isnull=False).values_list(
        "relation_id", "status", "source_id"
    ):
        now[rid][status].add(sid)
    for rid, by_status in now.items():
        if len(by_status) > 1:
            out.append(
                Finding(
                    "sources_disagree",
                    _("sources give different current statuses: %(statuses)s")
                    % {"statuses": ", ".join(str(Status(s).label) for s in sorted(by_status))},
                    relations=[rid],
                    sources=sorted({s for ids in by_status.values() for s in ids}),
                )
            )
    return out


def check_no_source() -> list[Finding]:
    """Published relations that no citation and no status change with a source supports."""
    cited = RelationCitation.objects.filter(relation=OuterRef("pk"), source__isnull=False)
    dated = StatusChange.objects.filter(relation=OuterRef("pk"), source__isnull=False)
    rows = (
        Relation.objects.public()
        .filter(~Exists(cited), ~Exists(dated))
        .select_related("home", "partner")
        .order_by("pk")[:500]
    )
    message = _("%(relation)s: no source states it")
    return [Finding("no_source", message % {"relation": rel}, relations=[rel.pk]) for rel in rows]


def anniversary_window(today: dt.date | None = None, months: int = 24) -> tuple[dt.date, dt.date]:
    """The planning window: from today for `months` months."""
    start = today or timezone.localdate()
    years, month = divmod(start.month - 1 + months, 12)
    end_year = start.year + years
    try:
        end = start.replace(year=end_year, month=month + 1)
    except ValueError:
        end = start.replace(year=end_year, month=month + 1, day=28)
    return start, end


def check_dormant_anniversaries() -> list[Finding]:
    """Resting or ended relations with a round anniversary in the planning window (left out of the planner)."""
    from .anniversaries import between, planner_rule

    start, end = anniversary_window()
    first, every = planner_rule()
    base = Relation.objects.public().filter(status__in=[Status.DORMANT, Status.ENDED])
    rows = between(start, end, base, statuses=None, first=first, every=every)
    by_id = {r.pk: r for r in base.filter(pk__in=[a.relation_id for a in rows]).select_related("home", "partner")}
    return [
        Finding(
            "dormant_anniversary",
            _("%(relation)s: %(age)s years in %(year)s, but its status is “%(status)s”")
            % {
                "relation": by_id[a.relation_id],
                "age": a.age,
                "year": a.year,
                "status": by_id[a.relation_id].get_status_display(),
            },
            relations=[a.relation_id],
        )
        for a in rows
        if a.relation_id in by_id
    ]


def check_duplicate_actors() -> list[Finding]:
    """Actors of the same folded name in the same country."""
    dupes = (
        Actor.objects.values("name_key", "country_code")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exclude(name_key="")
        .order_by("name_key")[:500]
    )
    out = []
    for row in dupes:
        same = Actor.objects.filter(name_key=row["name_key"], country_code=row["country_code"])
        ids = list(same.values_list("id", flat=True))
        country = row["country_code"] or "–"
        message = _("%(n)s actors named “%(name)s” in %(country)s")
        values = {"n": row["n"], "name": row["name_key"], "country": country}
        out.append(Finding("duplicate_actor", message % values, actors=ids))
    return out


def check_reverse_twinnings() -> list[Finding]:
    """A relation stored beside its reverse (same kind, sides swapped)."""
    reverse = Relation.objects.filter(kind=OuterRef("kind"), home=OuterRef("partner"), partner=OuterRef("home"))
    rows = (
        Relation.objects.filter(Exists(reverse))
        .filter(home_id__lt=F("partner_id"))
        .select_related("home", "partner")
        .order_by("pk")[:500]
    )
    out = []
    for rel in rows:
        other = Relation.objects.filter(kind=rel.kind, home=rel.partner, partner=rel.home).values_list("pk", flat=True)
        out.append(
            Finding(
                "reverse_twinning",
                _("%(relation)s is stored twice, once each way round") % {"relation": rel},
                relations=[rel.pk, *other],
            )
        )
    return out


CHECKS: list[Check] = [
    Check("anniversary", _l("An anniversary in a source against the start year"), check_anniversaries),
    Check("count", _l("A count in a source's prose against the register"), check_counts),
    Check("sources_disagree", _l("Sources that disagree on a start year or status"), check_sources_disagree),
    Check("no_source", _l("Relations without a source"), check_no_source),
    Check(
        "dormant_anniversary",
        _l("Resting or ended relations with a round anniversary (left out of the planner)"),
        check_dormant_anniversaries,
    ),
    Check("duplicate_actor", _l("Duplicate actors (same name and country)"), check_duplicate_actors),
    Check("reverse_twinning", _l("Relations stored beside their reverse"), check_reverse_twinnings),
]


def run(*, cached: bool = True) -> dict[str, list[Finding]]:
    """Every check's findings, keyed by check code; cached until the register changes (its data version)."""
    from django.utils.translation import get_language

    from .version import register_version

    key = f"weltnetz:checks:{register_version()[0]}:{get_language()}"
    if cached:
        hit = cache.get(key)
        if hit is not None:
            return hit
    result = {check.code: check.run() for check in CHECKS}
    if cached:
        cache.set(key, result, 3600)
    return result
