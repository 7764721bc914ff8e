"""Hypothesis: the reader and the extractor never raise anything but DocumentError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weltnetz_extract import DocumentError, extract, read_document

TAGS = ["div", "p", "h1", "h2", "li", "ul", "main", "aside", "figure", "figcaption", "blockquote", "span", "a"]
WORDS = [
    "Partnerschaft",
    "Kanagawa",
    "seit",
    "1989",
    "„",
    "“",
    "Weitere Meldungen",
    "ruhen derzeit",
    "Dr.",
    ":",
    "Ministerpräsident",
    "Winfried Kretschmann",
    "unterzeichnet",
    "17. Juli 2024",
    "mit",
    "Frankreich",
    "\n",
]


@st.composite
def nested_html(draw):
    depth = draw(st.integers(0, 60))
    tags = [draw(st.sampled_from(TAGS)) for _ in range(depth)]
    inner = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=30)))
    close = "".join(f"</{t}>" for t in reversed(tags)) if draw(st.booleans()) else ""
    return "<html><body>" + "".join(f"<{t}>" for t in tags) + inner + close


def _read(data):
    try:
        doc = read_document(data)
    except DocumentError:
        return
    facts = extract(doc)
    for rel in facts.relations:
        assert rel.evidence is not None
        assert doc.text[rel.evidence.start : rel.evidence.end] == rel.evidence.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    _read(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text(text):
    _read(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join))
def test_genre_words(text):
    _read(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nested_html())
def test_nested_html(html):
    _read(html)


def test_very_deep_html():
    _read("<html><body>" + "<div>" * 20000 + "Partnerschaft mit Frankreich" + "</div>" * 20000)
