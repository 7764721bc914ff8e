"""German dates: full dates, month and year, "seit 1982", anniversaries; vague spans give None."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
    "jan": 1,
    "feb": 2,
    "mär": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dez": 12,
}
EN_MONTHS = {"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10, "december": 12}
_MONTH_RX = "|".join(sorted(MONTHS, key=len, reverse=True))
_EN_MONTH_RX = "|".join(sorted({*EN_MONTHS, "april", "august", "september", "november"}, key=len, reverse=True))
YEAR = r"(?:1[89]\d\d|20\d\d)"
FULL_DATE = re.compile(
    rf"(?<!\d)(?P<d>[0-3]?\d)\.\s*(?:(?P<mname>{_MONTH_RX})\.?|(?P<m>[01]?\d)\.)\s*(?P<y>{YEAR})(?!\d)", re.I
)
# "June 12, 2015" and "27 March 2014"
EN_DATE = re.compile(
    rf"\b(?:(?P<mname>{_EN_MONTH_RX})\s+(?P<d>[0-3]?\d),?|(?P<d2>[0-3]?\d)\s+(?P<mname2>{_EN_MONTH_RX}))\s+(?P<y>{YEAR})\b",
    re.I,
)
MONTH_YEAR = re.compile(rf"\b(?P<mname>{_MONTH_RX})\.?\s+(?P<y>{YEAR})\b", re.I)
YEAR_RE = re.compile(rf"(?<![\d.,])(?P<y>{YEAR})(?!\d|[,.]\d|er)")
SINCE_YEAR = re.compile(
    rf"\b(?:seit|since)\s+(?:(?:dem\s+|the\s+)?[0-3]?\d\.?\s*(?:(?:{_MONTH_RX}|{_EN_MONTH_RX})\.?|[01]?\d\.)\s*|"
    rf"dem\s+Jahr(?:e)?\s+|(?:dem\s+|the\s+)?(?:frühjahr|sommer|herbst|winter|anfang|mitte|ende|"
    rf"beginn|spring|summer|autumn|fall|early|late|mid-?)\s*|(?:{_MONTH_RX}|january|february|march|may|june|july|"
    rf"october|december)\.?\s+)?(?P<y>{YEAR})(?![\d.,]\d|er)",
    re.I,
)
VAGUE_SINCE = re.compile(r"\bseit\s+(?:anfang|mitte|ende|rund|etwa|über|fast|knapp|mehr als|den|vielen)\b", re.I)

NUMBER_WORDS = {
    "ein": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "fünfzehn": 15,
    "zwanzig": 20,
    "dreißig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
    "hundert": 100,
}
# English number words for "Ten years of partnership", "turns twenty".
NUMBER_WORDS.update(
    {"ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
)
_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70}
ANNIVERSARY = re.compile(
    r"(?P<n>\d{1,3}|[a-zäöüß]+?)(?:-|\s)?jährig\w*\s+(?:\w+\s+){0,2}?"
    r"(?P<what>jubiläum|bestehen|bestehens|partnerschaft|zusammenarbeit|freundschaft|kooperation)"
    r"|(?P<n2>\d{1,3})\.\s+(?:jahrestag|jubiläum)"
    # "feiern 40 Jahre Partnerschaft" (not "seit 40 Jahren", not "mehr als 30 Jahre ...")
    r"|(?<!seit )(?<!über )(?<!rund )(?<!fast )(?<!knapp )(?<!als )(?<!etwa )(?<!gut )"
    r"(?<![\w.])(?P<n3>\d{1,3}|[a-zäöüß]+zig|zehn|fünfzehn|hundert)\s+jahre\s+(?:\w+\s+){0,2}?"
    r"\w*(?:partnerschaft|zusammenarbeit|freundschaft|kooperation)"
    r"|(?P<n4>\d{1,3})(?:st|nd|rd|th)\s+anniversary"
    # "70 years of friendship", "wird in diesem Jahr 15 Jahre alt", "Vor 40 Jahren unterzeichneten ..."
    r"|(?<![\w.])(?P<n5>\d{1,3}|ten|fifteen|twenty|thirty|forty|fifty|sixty|seventy)\s+years\s+of\s+(?:\w+\s+){0,2}?"
    r"(?:partnership|friendship|cooperation|twinning)"
    r"|\bturns\s+(?P<n9>\d{1,3}|ten|fifteen|twenty|thirty|forty|fifty|sixty|seventy)\b"
    r"|(?<![\w.])(?P<n6>\d{1,3}|[a-zäöüß]+zig|zehn|fünfzehn)\s+jahre\s+alt\b"
    r"|\bjährt\s+sich\s+[^.;]*?\bzum\s+(?P<n8>\d{1,3})\.\s*mal\b"
    r"|(?<![\w.])vor\s+(?P<n7>\d{1,3}|[a-zäöüß]+zig|zehn|fünfzehn|fünfundzwanzig)\s+jahren\s+(?=\w+\s+\w+)",
    re.I,
)
# "Vor 40 Jahren" starts a relation only where the sentence says what began then.
_BEGAN_THEN = re.compile(
    r"unterzeichn|gegründet|begründet|besiegelt|geschlossen|ins leben|vereinbart|signed|established|founded", re.I
)
_RELATION_NOUN = re.compile(r"partnerschaft|freundschaft|zusammenarbeit|partnership|twinning|friendship", re.I)


# What follows "Jahrestag der"/"Jubiläum des" where the anniversary is of something other than a relation.
_OTHER_EVENT = re.compile(
    r"\w*\s+(?:der|des)\s+(?!partnerschaft|städtepartnerschaft|zusammenarbeit|freundschaft|kooperation|gründung|"
    r"unterzeichnung|vereinbarung|abkommen|vertrag|beziehung|erklärung|jumelage|bestehen)[a-zäöüß]*\s*[A-ZÄÖÜ]",
    re.I,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: ISO value (YYYY-MM-DD, YYYY-MM or YYYY), year and span."""

    iso: str
    year: int
    start: int
    end: int


def number_word(word: str) -> int | None:
    """German number words up to 99 ("fünfundzwanzig" -> 25); digits pass through."""
    w = word.lower().strip("-")
    if w.isdigit():
        return int(w)
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if "und" in w:
        unit, _, tens = w.partition("und")
        if unit in _UNITS and tens in _TENS:
            return _UNITS[unit] + _TENS[tens]
    return None


def find_dates(text: str) -> list[FoundDate]:
    """All dates in ``text``, the most precise reading of each span first, in order of position."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for m in FULL_DATE.finditer(text):
        month = MONTHS[m["mname"].lower()] if m["mname"] else int(m["m"])
        day = int(m["d"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            y = int(m["y"])
            found.append(FoundDate(f"{y:04d}-{month:02d}-{day:02d}", y, m.start(), m.end()))
            taken.append(m.span())
    for m in EN_DATE.finditer(text):
        name, day = (m["mname"] or m["mname2"]).lower(), int(m["d"] or m["d2"])
        month = EN_MONTHS.get(name) or MONTHS[name]
        if 1 <= day <= 31 and not any(a <= m.start() < b for a, b in taken):
            found.append(FoundDate(f"{int(m['y']):04d}-{month:02d}-{day:02d}", int(m["y"]), m.start(), m.end()))
            taken.append(m.span())
    for m in MONTH_YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        y = int(m["y"])
        found.append(FoundDate(f"{y:04d}-{MONTHS[m['mname'].lower()]:02d}", y, m.start(), m.end()))
        taken.append(m.span())
    for m in YEAR_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        y = int(m["y"])
        found.append(FoundDate(f"{y:04d}", y, m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ("am Mittwoch, 17. Juli 2024" -> "2024-07-17")."""
    dates = find_dates(text)
    return dates[0].iso if dates else None


def since_year(text: str) -> int | None:
    """The year in "seit 1982"; None for vague spans ("seit Anfang der 80er Jahre")."""
    if VAGUE_SINCE.search(text) and not SINCE_YEAR.search(text):
        return None
    m = SINCE_YEAR.search(text)
    return int(m["y"]) if m else None


_ANNIVERSARY_HINTS = ("jähr", "jahre", "jahrestag", "jubiläum", "anniversary", "years of", "turns")


def anniversaries(text: str) -> list[tuple[re.Match[str], int]]:
    """Each anniversary named in ``text`` with its number of years ("Zum 35-jährigen Jubiläum" -> 35)."""
    out: list[tuple[re.Match[str], int]] = []
    low = text.lower()
    if not any(k in low for k in _ANNIVERSARY_HINTS):
        return out  # most sentences name none: skip the pattern
    for m in ANNIVERSARY.finditer(text):
        if m["n2"] and _OTHER_EVENT.match(text, m.end()):
            continue  # "zum 82. Jahrestag der Zerstörung von Lidice": not the relation's anniversary
        if m["n6"] and not _RELATION_NOUN.search(text):
            continue  # "15 Jahre alt": a relation's age only in a sentence about one
        if m["n7"] and not (_BEGAN_THEN.search(text, m.end()) and _RELATION_NOUN.search(text)):
            continue
        if m["n9"] and not _RELATION_NOUN.search(text):
            continue  # "turns ten": a relation's age only in a sentence about one
        extra = m["n4"] or m["n5"] or m["n6"] or m["n7"] or m["n8"] or m["n9"]
        if extra:
            n: int | None = number_word(extra)
        else:
            n = number_word(m["n"]) if m["n"] else (int(m["n2"]) if m["n2"] else number_word(m["n3"]))
        if n and 1 <= n <= 200:
            out.append((m, n))
    return out


def anniversary_years(text: str) -> list[int]:
    """Number of years of each anniversary named in ``text`` ("Zum 35-jährigen Jubiläum" -> [35])."""
    return [n for _, n in anniversaries(text)]


def anniversary_start(text: str, reference_year: int | None) -> int | None:
    """Start year from an anniversary and the year it is celebrated in (in the text or given)."""
    found = anniversaries(text)
    if not found:
        return None
    m, n = found[0]
    dates = find_dates(text)
    stated = {d.year for d in dates}
    if any(y - n in stated for y in stated):
        return next(y - n for y in sorted(stated) if y - n in stated)  # "seit 1963 ... 2023 das 60-jährige"
    since = [sm.span("y") for sm in SINCE_YEAR.finditer(text)]
    celebrated = [d for d in dates if (d.start, d.end) not in since]  # "seit 1963" is no celebration's year
    if celebrated:
        year: int | None = min(celebrated, key=lambda d: abs(d.start - m.start())).year
    else:
        year = reference_year
    return year - n if year else None


WEEKDAYS = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
}
_RELATIVE = re.compile(
    r"\b(?P<today>heute|heutigen)\b|\b(?P<yesterday>gestern|gestrigen)\b|"
    rf"\bam\s+(?:vergangenen\s+|letzten\s+)?(?P<wd>{'|'.join(WEEKDAYS)})\b",
    re.I,
)


def relative_date(text: str, reference: str | None) -> str | None:
    """The day "heute", "gestern" or "am Freitag" means in a text dated ``reference`` (ISO YYYY-MM-DD).

    A weekday is the last such day on or before the reference date, as press releases report what
    happened; None without a full reference date or without such a word.
    """
    if not reference or len(reference) != 10:
        return None
    m = _RELATIVE.search(text)
    if not m:
        return None
    try:
        ref = date.fromisoformat(reference)
    except ValueError:
        return None
    if m["today"]:
        day = ref
    elif m["yesterday"]:
        day = ref - timedelta(days=1)
    else:
        day = ref - timedelta(days=(ref.weekday() - WEEKDAYS[m["wd"].lower()]) % 7)
    return day.isoformat()
