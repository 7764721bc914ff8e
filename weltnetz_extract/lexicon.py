"""Word-level language tools from the field, loaded lazily and cached: HanTa (German POS tags and lemmas,
ships its model) and simplemma (lemmas for German and English). Nothing is fetched at run time.

Both are slow per call compared with a regular expression, so the rules call them only for the few words
a decision hangs on (a capitalised word beside a place name), and every answer is cached per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _tagger() -> Any:
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=50_000)
def german_pos(word: str) -> str:
    """HanTa's part-of-speech tag of a German word out of context ("NE" proper name, "NN" noun, ...)."""
    try:
        return str(_tagger().analyze(word)[1])
    except Exception:  # noqa: BLE001 - a tagger failure must not stop extraction; "" means unknown
        return ""


@lru_cache(maxsize=50_000)
def lemma(word: str, lang: str = "de") -> str:
    """The dictionary form of a word (simplemma): "Partnerregionen" -> "Partnerregion"."""
    import simplemma

    return str(simplemma.lemmatize(word, lang=lang))


def is_proper_name(word: str) -> bool:
    """True for a capitalised word HanTa reads as a proper name rather than a common noun."""
    return word[:1].isupper() and german_pos(word) == "NE"
