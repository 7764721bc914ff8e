"""Other inputs: PDF (with and without a text layer), UTF-16 and legacy encodings, HTML nested very deep."""

import pytest

from weltnetz_extract import DocumentError, extract, read_document

from .conftest import relation


def _pdf(text: str | None) -> bytes:
    """A one-page PDF whose page shows ``text`` in Helvetica (no content at all for None)."""
    stream = f"BT /F1 11 Tf 40 700 Td ({text}) Tj ET".encode("latin-1") if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


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
