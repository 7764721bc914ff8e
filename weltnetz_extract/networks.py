"""Networks named by their shape and context (part of stage 3, relations).

A multilateral network, conference, council or strategy the home takes part in is seldom in any list
("Hochrhein-Forum", "BSSSC", "Interregionaler Parlamentarierrat", "Assembly of European Regions"). A name
counts where the sentence says the home takes part ("Mitglied im", "member of", "wirkt im ... mit", "arbeiten
im ... zusammen", "im Rahmen der"): right after such a preposition, it must end in a network noun (Forum,
Konferenz, Netzwerk, Euroregion, Conference ...) or be an acronym ("BSSSC", "NECSTouR"). German names are
reported in the nominative ("im Interregionalen Parlamentarierrat" -> "Interregionaler Parlamentarierrat").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mentions import UP
from .vocab import Cue

# Nouns that end a network's name, with their grammatical gender (for the nominative of the words before).
_HEADS_DE = {
    "konferenz": "f",
    "forum": "n",
    "rat": "m",
    "netzwerk": "n",
    "allianz": "f",
    "bündnis": "n",
    "koalition": "f",
    "verbund": "m",
    "versammlung": "f",
    "arbeitsgemeinschaft": "f",
    "euregio": "f",
    "euroregion": "f",
    "europaregion": "f",
    "großregion": "f",
    "metropolregion": "f",
    "eurodistrikt": "m",
    "strategie": "f",
    "initiative": "f",
    "dreieck": "n",
    "plattform": "f",
    "gipfel": "m",
    "kongress": "m",
}
_HEADS_EN = (
    "conference",
    "forum",
    "council",
    "network",
    "alliance",
    "coalition",
    "assembly",
    "euroregion",
    "initiative",
    "strategy",
    "summit",
    "platform",
    "association",
    "co-operation",
    "cooperation",
    "region",
)
# Bodies of people or of one state that end in a network noun but are none ("Mitglied im Aufsichtsrat").
_NOT_NETWORKS = re.compile(
    r"^(?:stadt|gemeinde|aufsichts|bei|kreis|bundes|land|orts|verwaltungs|stiftungs|rundfunk|personal|betriebs|"
    r"eltern|sachverständigen|ältesten|fach|senats|hoch|kirchen|pfarr|integrations|senioren|jugend|ethik|"
    r"wissenschafts|haupt|vor|regierungs|bezirks|präsidial|kultur|wirtschafts)(?:rat|forum|gipfel|kongress)$|"
    r"^(?:europäische[nr]? union|european union|vereinte[nr]? nationen|united nations|landtag|bundestag|bundesrat)",
    re.I,
)
_ACRONYM = re.compile(r"^(?=(?:[^a-z]*[A-Z]){2})[A-Z][A-Za-z]{2,}$")
# Where the sentence says the home takes part in what it names.
MEMBERSHIP = Cue(
    r"mitglied|\bmember(?:ship)?\b|mitwirk|\bwirk(?:t|en)\b[^.;]*\bmit\b|\barbeite[nt]?\b[^.;]*\bzusammen\b|engagier|"
    r"beteilig|\baktiv\b|\bactive\b|im rahmen (?:der|des)|within the framework|participat|koordinier|coordinat|"
    r"angehör|\bgehör(?:t|en)\b[^.;]*\ban\b",
)
_ANCHOR = re.compile(
    r"\b(?:[Mm]itglied(?:schaft)?|[Gg]ründungsmitglied|[Mm]ember(?:ship)?|[Pp]art)(?![\w])\s+"
    r"(?:im|in der|in|des|der|von|vom|of the|of|in the)\s+|"
    r"\b(?i:im Rahmen der|im Rahmen des|within the|in der|an der|of the|in the|im|am)\s+"
)
_TOKEN = re.compile(rf"[{UP}][\w\-]*|[a-zäöüß][\w\-]*|[,;:()–]")
_LINK = {"der", "des", "den", "dem", "für", "von", "of", "for", "the", "de", "du"}
ACTIVE = Cue(
    r"\baktiv\b|\bactive\b|\bwirk(?:t|en)\b[^.;]*\bmit\b|mitwirk|\barbeite[nt]?\b[^.;]*\bzusammen\b|engagier|"
    r"koordinier|coordinat",
)


@dataclass(frozen=True, slots=True)
class NetworkName:
    name: str
    start: int
    end: int


# The summit of a state's partner regions is a conference of them all ("die 8. Regierungschefkonferenz der
# Partnerregionen"), whoever hosts it.
_PARTNERS_SUMMIT = re.compile(
    r"\b(?P<n>[A-ZÄÖÜ][a-zäöüß]*(?:konferenz|gipfel|forum|treffen)\s+der\s+(?:Partnerregionen|Partnerländer|Partnerstädte))"
)


def network_names(text: str, home: str) -> list[NetworkName]:
    """Networks ``text`` names after a preposition of taking part, where the sentence says the home does."""
    out: list[NetworkName] = [NetworkName(m["n"], m.start("n"), m.end("n")) for m in _PARTNERS_SUMMIT.finditer(text)]
    if not MEMBERSHIP.search(text):
        return out
    for am in _ANCHOR.finditer(text):
        if re.match(r"members\b", am.group(0), re.I):
            continue  # "met with Members of the WCPP": people, not the home
        found = name_at(text, am.end(), home)
        if found is not None and not any(n.start <= found.start < n.end for n in out):
            out.append(found)
    return out


def name_at(text: str, start: int, home: str, *, bare: bool = False) -> NetworkName | None:
    """The network name starting at ``start``: capitalised words ending in a network noun, with a genitive or
    "für"/"of" part after it, or one acronym. ``bare``: a list item, where any name is the network's."""
    words = _words(text, start)
    if not words:
        return None
    first = words[0][0]
    if _ACRONYM.match(first) or (bare and len(words) == 1):
        if len(words) >= 2 and _ACRONYM.match(words[1][0]) and words[1][1] == words[0][2] + 1:
            return NetworkName(f"{first} {words[1][0]}", start, words[1][2])  # "ARGE ALP"
        return NetworkName(first, words[0][1], words[0][2])
    head = next((i for i, w in enumerate(words) if _head(w[0])), None)
    if head is None:
        return NetworkName(_phrase(text, words), words[0][1], words[-1][2]) if bare else None
    if head == 0 and words[0][0].lower() == "region" and not bare:
        return None  # "in der Region Sumy": a place, not a network
    end = _complement(words, head)
    name = _phrase(text, words[: end + 1])
    if head == 0 and end == 0 and "-" not in first and not _compound_head(first):
        return None  # a bare "Netzwerk" or "Forum" is no name
    if _NOT_NETWORKS.search(words[head][0]) or _NOT_NETWORKS.search(name) or home.lower() in name.lower():
        return None
    return NetworkName(_nominative(name, words[head][0]), words[0][1], words[end][2])


def _words(text: str, start: int) -> list[tuple[str, int, int]]:
    """Words from ``start`` up to the first word that cannot be part of a name (punctuation, "und", a verb)."""
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text, start):
        word = m.group(0)
        if out and m.start() > out[-1][2] + 1:
            break
        if word[0].isupper() or (out and word.lower() in _LINK) or (out and _lower_adjective(word)):
            out.append((word, m.start(), m.end()))
            continue
        break
    while out and not out[-1][0][0].isupper():
        out.pop()  # a name ends in a capitalised word
    return out[:9]


def _lower_adjective(word: str) -> bool:
    return bool(re.fullmatch(r"[a-zäöü]+(?:ischer|ischen|licher|lichen|er|en)", word)) and word not in ("der", "den")


def _head(word: str) -> bool:
    low = word.lower().rsplit("-", 1)[-1]
    return any(low.endswith(h) for h in _HEADS_DE) or low in _HEADS_EN


def _compound_head(word: str) -> bool:
    low = word.lower()
    return any(low.endswith(h) and len(low) > len(h) + 2 for h in _HEADS_DE)


def _complement(words: list[tuple[str, int, int]], head: int) -> int:
    """The index of the last word of the name: the head, or a genitive or "für"/"of" part after it."""
    end = head
    while end + 1 < len(words) and words[end + 1][0][0].isupper() and not _head(words[end + 1][0]):
        end += 1  # "Eurodistrikt SaarMoselle", "Euregio Maas-Rhein"
    i = end + 1
    while i < len(words) and (words[i][0].lower() in _LINK or _lower_adjective(words[i][0])):
        j = i
        while j < len(words) and not words[j][0][0].isupper():
            j += 1
        while j + 1 < len(words) and words[j + 1][0][0].isupper() and words[j + 1][1] == words[j][2] + 1:
            j += 1
        if j >= len(words):
            break
        end, i = j, j + 1
    return end


def _phrase(text: str, words: list[tuple[str, int, int]]) -> str:
    return text[words[0][1] : words[-1][2]]


def _nominative(name: str, head: str) -> str:
    """ "Interregionalen Parlamentarierrat" -> "Interregionaler Parlamentarierrat": the capitalised adjectives
    before a German head take the ending of a name without article (der Rat: -er, die Konferenz: -e, das Forum: -es)."""
    key = head.lower().rsplit("-", 1)[-1]
    gender = next((g for h, g in _HEADS_DE.items() if key.endswith(h)), None)
    if gender is None:
        return name
    ending = {"m": "er", "f": "e", "n": "es"}[gender]
    words = name.split(" ")
    head_at = next(i for i, w in enumerate(words) if w.lower().rsplit("-", 1)[-1] == key)
    for i in range(head_at):
        w = words[i]
        m = re.fullmatch(r"([A-ZÄÖÜ][a-zäöüß]+(?:isch|lich|al|ig|er))(?:en|em|es|er|e)", w)
        if m:
            words[i] = m.group(1) + ending
    return " ".join(words)
