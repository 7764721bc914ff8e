"""The publisher of a document, which is its home region (FACTS.md): from the URL, the title, the imprint."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from .document import Document

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
