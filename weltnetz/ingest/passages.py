"""The sentence that states a fact, for its citation: not the headline, not a caption that shows the signing.

The extractor gives each fact the passage it was found in, which is often the headline ("Baden-Württemberg und
Kanagawa vertiefen Kooperation") or a photo caption. An editor's register cites the sentence that states the
fact: for an agreement the one with its date, place and signatories; for a relation the one with its start year
or status; for a person the one with the role. Each sentence of the document is scored by what of the fact it
states; the extractor's passage is kept unless another sentence states more, or it is the headline.

A person's term of office ("seit 2011", "von 2011 bis 2016", "2011–2016", "since 2011") is read near the name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from weltnetz.register.names import fold

# A sentence ends at . ! ? followed by space and a capital or quote; not after a number ("17. Juli") or a short
# abbreviation ("Dr.", "St.").
_END = re.compile(r"(?<=[.!?])[\"“”»]?\s+(?=[A-ZÄÖÜ„\"»(])")
_ABBREV = re.compile(
    r"(?:\b\d{1,2}|\b(?:Dr|Prof|St|Nr|Hr|Fr|ca|bzw|vgl|Abs|Art|Mr|Mrs|Ms|Jr|Sr|Co|Mio|Mrd|Tel|[A-ZÄÖÜ]|z\.B|u\.a|d\.h))[.]$"
)
_MONTHS = [
    ("januar", "january"),
    ("februar", "february"),
    ("märz", "march"),
    ("april", "april"),
    ("mai", "may"),
    ("juni", "june"),
    ("juli", "july"),
    ("august", "august"),
    ("september", "september"),
    ("oktober", "october"),
    ("november", "november"),
    ("dezember", "december"),
]
_SIGNING = re.compile(r"unterzeichn|unterschrieb|unterschreib|signed|signing|sign\b|vereinbart|besiegelt", re.I)
_RELATION = re.compile(
    r"partnerschaft|partner|kooperation|zusammenarbeit|mitglied|freundschaft|partnership|cooperation|member", re.I
)
_STATUS = {
    "dormant": re.compile(r"ruht|ruhen|ausgesetzt|eingefroren|suspended|dormant|on hold", re.I),
    "ended": re.compile(r"beendet|aufgelöst|gekündigt|endete|ended|terminated", re.I),
    "active": re.compile(r"seit|pflegt|unterhält|besteht|since|maintain", re.I),
}


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


def sentences(text: str) -> Iterator[Span]:
    """The sentences of a text with their offsets; a line is never joined with the next."""
    offset = 0
    for line in text.split("\n"):
        start = 0
        pieces = []
        for m in _END.finditer(line):
            if _ABBREV.search(line[: m.start()]):
                continue
            pieces.append((start, m.start()))
            start = m.end()
        pieces.append((start, len(line)))
        for a, b in pieces:
            chunk = line[a:b]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                yield Span(stripped, offset + a + lead, offset + a + lead + len(stripped))
        offset += len(line) + 1


def _has(folded: str, name: Any) -> bool:
    name = fold(str(name or ""))
    return bool(name) and name in folded


def _surname(name: str) -> str:
    parts = str(name or "").split()
    return parts[-1] if parts else ""


def _date_score(folded: str, value: str | None) -> float:
    if not value:
        return 0
    score = 0.0
    year, _, rest = value.partition("-")
    if year and year in folded:
        score += 1
    if rest:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return score
        names = [fold(m) for m in _MONTHS[day.month - 1]]
        written = [f"{day.day} {m} " for m in names] + [f"{m} {day.day} " for m in names]
        written += [f"{day.day:02d} {day.month:02d} ", f"{day.day} {day.month} "]
        if any(w in folded + " " for w in written):
            score += 2
    return score


def score(kind: str, payload: dict[str, Any], sentence: str) -> float:
    """How much of the fact the sentence states (0: it does not name the fact's partner or person)."""
    folded = fold(sentence)
    if kind == "person":
        if not _has(folded, payload.get("name")) and not _has(folded, _surname(payload.get("name") or "")):
            return 0
        return 1 + 2 * _has(folded, payload.get("role")) + _has(folded, payload.get("affiliation"))
    partner = _has(folded, payload.get("partner"))
    if kind == "agreement":
        title = _has(folded, payload.get("title"))
        if not (partner or title):
            return 0
        s = 1.0 * partner + 3 * title + _date_score(folded, payload.get("date"))
        s += 2 * _has(folded, payload.get("place")) + bool(_SIGNING.search(sentence))
        s += sum(_has(folded, _surname(n)) for n in payload.get("signatories") or [])
        return s
    if not partner:
        return 0
    s = 1.0 + bool(_RELATION.search(sentence))
    if payload.get("since") and str(payload["since"]) in sentence:
        s += 2
    status = payload.get("status")
    if status in _STATUS and _STATUS[status].search(sentence):
        s += 1
    return s


def best_passage(
    text: str, title: str | None, kind: str, payload: dict[str, Any], evidence: dict[str, Any]
) -> dict[str, Any]:
    """The evidence to cite: the sentence that states most of the fact, never the headline where another
    sentence names it; the extractor's own passage where none states more. Returns {"text", "start", "end"}."""
    headline = fold(title or "")

    def is_headline(span_text: str) -> bool:
        return bool(headline) and fold(span_text) == headline

    given = str(evidence.get("text") or "")
    start, end = evidence.get("start"), evidence.get("end")
    given_score = -1.0
    if given and not is_headline(given):
        given_score = score(kind, payload, given)
    best: tuple[float, Span] | None = None
    for span in sentences(text):
        if is_headline(span.text) or len(span.text) < 20:
            continue
        s = score(kind, payload, span.text)
        if s > 0 and (best is None or s > best[0]):
            best = (s, span)
    if best is not None and best[0] > given_score:
        span = best[1]
        return {"text": span.text, "start": span.start, "end": span.end}
    return {"text": given, "start": start, "end": end}


# -- a person's term of office --------------------------------------------------------------------------------
_TERM = [
    (re.compile(r"\bvon (\d{4}) bis (\d{4})\b|\bfrom (\d{4}) (?:to|until) (\d{4})\b", re.I), "range"),
    (re.compile(r"\(?\b(\d{4})\s*[–-]\s*(\d{4})\b\)?"), "range"),
    (re.compile(r"\b(?:seit|since)(?: dem jahr| dem)? (\d{4})\b", re.I), "start"),
    (re.compile(r"\b(?:bis|until)(?: zum jahr)? (\d{4})\b", re.I), "end"),
]


def term(sentence: str, name: str, role: str | None) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of the office the sentence gives next to the person's name or role (1 January / 31 December
    of the years given; None where the sentence says nothing)."""
    for part in sentences(sentence or ""):
        found = _term_in(part.text, name, role)
        if found != (None, None):
            return found
    return None, None


def _term_in(sentence: str, name: str, role: str | None) -> tuple[dt.date | None, dt.date | None]:
    anchors = [m.start() for n in (name, role, _surname(name)) if n for m in re.finditer(re.escape(n), sentence)]
    if not anchors:
        return None, None
    for rx, what in _TERM:
        for m in rx.finditer(sentence):
            if min(abs(m.start() - a) for a in anchors) > 60:
                continue
            years = [int(g) for g in m.groups() if g]
            if what == "range" and len(years) == 2 and years[0] <= years[1]:
                return dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)
            if what == "start":
                return dt.date(years[0], 1, 1), None
            if what == "end":
                return None, dt.date(years[0], 12, 31)
    return None, None
