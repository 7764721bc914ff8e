"""Small numbers as words ("zwölf Landespartnerschaften"), as German and English style guides ask for."""

from __future__ import annotations

from django.utils.translation import get_language

WORDS = {
    "de": [
        "null",
        "eins",
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
        "dreizehn",
        "vierzehn",
        "fünfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
        "zwanzig",
    ],
    "en": [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ],
}
# German "eins" becomes an article before a noun: "eine Landespartnerschaft", "ein Netzwerk".
GERMAN_ONE = {"f": "eine", "m": "ein", "n": "ein"}


def number_word(n: int, language: str | None = None, gender: str = "f") -> str:
    """`n` spelled out for 0 to 20 (digits above), in the given or the active language."""
    lang = (language or get_language() or "de")[:2]
    words = WORDS.get(lang, WORDS["en"])
    if not 0 <= n < len(words):
        return f"{n:,}".replace(",", "." if lang == "de" else ",")
    if lang == "de" and n == 1:
        return GERMAN_ONE.get(gender, "ein")
    return words[n]
