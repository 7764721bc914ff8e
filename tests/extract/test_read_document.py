"""The reader: structure from text dumps, Markdown and HTML; robust decoding."""

from pathlib import Path

import pytest

from weltnetz_extract import DocumentError, read_document

DUMP = """URL: https://stm.example.de/pressemitteilung/partnerschaft

Internationale Zusammenarbeit

Baden-Württemberg und Kanagawa vertiefen Kooperation

Berechne Lesezeit
  • Teilen
Ministerpräsident Winfried Kretschmann und Gouverneur Yuji Kuroiwa nach der Unterzeichnung einer Erklärung in Stuttgart

Baden-Württemberg und die japanische Partnerprovinz Kanagawa wollen die Zusammenarbeit vertiefen.

Gute Partnerschaften sind sehr wertvoll.
Ministerpräsident Winfried Kretschmann

„Gute Partnerschaften sind sehr wertvoll“, so Ministerpräsident Kretschmann.

Weitere Meldungen

Ein Biber an einem Fluss.
Artenschutz

Biberverordnung hilft bei Konfliktfällen
"""


def test_dump_structure():
    doc = read_document(DUMP)
    assert doc.url == "https://stm.example.de/pressemitteilung/partnerschaft"
    assert doc.kicker == "Internationale Zusammenarbeit"
    assert doc.title == "Baden-Württemberg und Kanagawa vertiefen Kooperation"
    assert doc.captions and "Yuji Kuroiwa" in doc.captions[0].text
    assert any(q.speaker == "Ministerpräsident Winfried Kretschmann" for q in doc.quotes)
    assert [(t.category, t.headline) for t in doc.teasers] == [
        ("Artenschutz", "Biberverordnung hilft bei Konfliktfällen")
    ]
    assert "Berechne Lesezeit" not in doc.text
    assert doc.reading_time_minutes == 1


def test_blocks_point_into_text():
    doc = read_document(DUMP)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


def test_markdown_lists_links_and_headings():
    md = (
        "# Hessens Partnerregionen\n\n**Hessen pflegt enge Beziehungen zu Regionen in Europa, Amerika und Asien "
        "und arbeitet mit ihnen in vielen Bereichen zusammen.**\n\n## Partnerschaften\n\n"
        "- Partnerschaft mit Italien (Emilia-Romagna seit 1992)\n"
        "- [Vertrag](https://example.org/vertrag.pdf) \\(PDF\\)\n"
    )
    doc = read_document(md, name="x.md")
    assert doc.source_format == "markdown"
    assert doc.title == "Hessens Partnerregionen"
    assert doc.lead.startswith("Hessen pflegt")
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items[0] == "Partnerschaft mit Italien (Emilia-Romagna seit 1992)"
    assert doc.attachments[0].url == "https://example.org/vertrag.pdf"


def test_html_structure(corpus_dir: Path):
    doc = read_document(corpus_dir / "stadt_partnerstaedte.html")
    assert doc.source_format == "html"
    assert doc.title == "60 Jahre Freundschaft mit Aix-en-Provence"
    assert doc.kicker == "Städtepartnerschaften"
    assert doc.date == "2024-06-03"
    assert doc.url == "https://www.tuebingen.de/partnerstaedte"
    assert doc.captions[0].credit == "Stadt Tübingen"
    assert any(q.speaker and "Palmer" in q.speaker for q in doc.quotes)
    assert [a.url for a in doc.attachments] == ["/media/partnerschaftsurkunde.pdf"]
    assert [t.headline for t in doc.teasers] == ["Partnerschaft mit Monthey gefeiert", "Neue Kooperation mit Kilchberg"]
    assert "Startseite" not in doc.text and "Impressum" not in doc.text
    assert "Monthey" not in " ".join(doc.paragraphs)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-8-sig"])
def test_decoding(encoding):
    text = "Städtepartnerschaft zwischen Tübingen und Aix-en-Provence – seit 1960 „lebendig“."
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("„", '"').replace("“", '"')
    doc = read_document(text.encode(encoding))
    assert "Städtepartnerschaft zwischen Tübingen" in doc.text


@pytest.mark.parametrize(
    "data, message", [(b"", "empty"), (b"   \n\n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary")]
)
def test_unreadable_inputs_raise_a_clear_error(data, message):
    with pytest.raises(DocumentError, match=message):
        read_document(data)


def test_size_cap():
    with pytest.raises(DocumentError, match="too large"):
        read_document(b"a" * 2000, max_bytes=1000)


def test_html_without_charset_is_utf8():
    html = (
        "<html><body><main><h1>Partnerschaft mit Łódzkie</h1><p>Tübingen und Aix-en-Provence.</p></main></body></html>"
    )
    doc = read_document(html.encode("utf-8"), name="a.html")
    assert doc.title == "Partnerschaft mit Łódzkie"
    assert "Tübingen" in doc.text


def test_html_in_windows_1252():
    html = '<html><head><meta charset="windows-1252"></head><body><p>Städtepartnerschaft „Tübingen“.</p></body></html>'
    doc = read_document(html.encode("cp1252"), name="a.html")
    assert "Städtepartnerschaft „Tübingen“." in doc.text
