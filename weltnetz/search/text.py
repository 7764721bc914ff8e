"""Text to search terms: tokenise, stem (German and English Snowball) and fold diacritics, the same way for
documents and queries, so that "Partnerschaften" meets "Partnerschaft" on every database."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

# Words only: every FTS operator (" * NEAR - ( ) : ^ AND OR NOT) is dropped or becomes a plain word.
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 12  # a longer query is cut; nobody types more, and it bounds the work per search
MAX_WORD_LENGTH = 40  # longer "words" are noise (hashes, pasted junk)
MAX_QUERY_CHARS = 2000  # only the start of a pasted text is searched
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

_stemmers = {"de": Stemmer.Stemmer("german"), "en": Stemmer.Stemmer("english")}


def fold(word: str) -> str:
    """Lower case without diacritics ("Łódź" -> "lodz", "Württemberg" -> "wurttemberg")."""
    if word.isascii():  # nothing to decompose: the same result without NFKD
        return word.casefold()
    return _fold_unicode(word)


@lru_cache(maxsize=16384)  # a place's name recurs in each of its twinnings' entries
def _fold_unicode(word: str) -> str:
    word = word.casefold().replace("ł", "l").replace("ß", "ss")
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of a text in order, lower-cased, without punctuation or operators."""
    if not text:
        return []
    return [w for w in _WORD.findall(text.casefold().replace("_", " ")) if len(w) <= MAX_WORD_LENGTH]


@lru_cache(maxsize=16384)  # bounded: a large import meets every town name once (65,536 entries held 15 MiB)
def stem(word: str, language: str) -> str:
    """One word's stem in the given language ("de" or "en"), folded."""
    return fold(_stemmers[language].stemWord(word))


def stems(text: str, language: str) -> list[str]:
    """The folded stems of every word of a text (index side, SQLite): `stem` of each word, with the words stemmed
    in one call (the stemmer keeps its own bounded cache), which took a third of an import's indexing time."""
    if not text:  # an entry's empty English title or keywords
        return []
    return [s if s.isascii() else fold(s) for s in _stemmers[language].stemWords(words(text))]  # ASCII: lower already


def variants(text: str) -> list[str]:
    """Extra spellings of words with diacritics: folded and transliterated ("wuerttemberg", "lodz")."""
    out: list[str] = []
    for w in set(words(text)):
        if not w.isascii():
            out.append(fold(w))
            translit = fold(w.translate(_TRANSLIT))
            if translit != out[-1]:
                out.append(translit)
    return sorted(out)


def query_words(q: str) -> list[str]:
    """The words of a user's query, de-duplicated and bounded in number (never raises, whatever q holds)."""
    seen: dict[str, None] = {}
    head = q[:MAX_QUERY_CHARS]
    if len(q) > MAX_QUERY_CHARS and q[MAX_QUERY_CHARS].isalnum():
        head = head.rsplit(None, 1)[0] if " " in head.strip() else ""  # do not search for a cut-off word
    for w in words(head):
        seen.setdefault(w)
        if len(seen) >= MAX_QUERY_WORDS:
            break
    return list(seen)


def query_stems(q: str) -> list[set[str]]:
    """For each query word, the set of its German and English stems (a document must match one of each)."""
    return [{stem(w, "de"), stem(w, "en"), fold(w)} for w in query_words(q)]
