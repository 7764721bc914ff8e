"""Other inputs: PDF (with and without a text layer), UTF-16 and legacy encodings, HTML nested very deep."""

import pytest

from weltnetz_extract import DocumentError, extract, read_document

from .conftest import relation
from .pdfmaker import pdf_bytes as _pdf


def test_pdf_press_release_gives_its_facts():
    data = _pdf("Die Partnerschaft mit der japanischen Partnerprovinz Kanagawa besteht seit 1989.")
    doc = read_document(data, name="pm.pdf")
    assert doc.source_format == "pdf"
    rel = relation(extract(doc).to_dict(), "Kanagawa")
    assert (rel["country"], rel["since"], rel["status"]) == ("JP", 1989, "active")


def test_pdf_without_text_layer_says_so():
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(_pdf(None), name="scan.pdf")


def test_broken_pdf_is_a_document_error():
    with pytest.raises(DocumentError, match="PDF"):
        read_document(b"%PDF-1.4\n1 0 obj << /Type /Catalog", name="broken.pdf")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "cp1252", "iso-8859-15"])
def test_encodings(encoding):
    text = "Die Städtepartnerschaft zwischen Tübingen und Aix-en-Provence besteht seit 1960. Grüße aus Übersee!"
    doc = read_document(text.encode(encoding), name="pm.txt")
    assert "Städtepartnerschaft zwischen Tübingen" in doc.text
    assert relation(extract(doc).to_dict(), "Aix-en-Provence")["since"] == 1960


@pytest.mark.parametrize("depth", [300, 1500, 5000])
def test_deeply_nested_html_keeps_its_text(depth):
    html = (
        "<html><body>"
        + "<div>" * depth
        + "<p>Die Städtepartnerschaft mit Olten (Schweiz) besteht seit 1993.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    doc = read_document(html, name="deep.html")
    assert "Städtepartnerschaft mit Olten" in doc.text
    assert relation(extract(doc).to_dict(), "Olten")["since"] == 1993
