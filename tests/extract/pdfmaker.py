"""Minimal text PDFs for tests and the own corpus: Helvetica, WinAnsi encoding, lines wrapped, pages as needed.

    python -m tests.extract.pdfmaker SOURCE.txt OUT.pdf

Writes the PDF a word processor's "export as PDF" of a plain press release would give: a text layer that
pypdf reads back line by line. Characters outside Windows-1252 are not allowed (the font encoding has none).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

LINES_PER_PAGE = 60
WRAP = 95


def _escape(line: str) -> bytes:
    data = line.encode("cp1252")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: list[str]) -> bytes:
    """Content stream of one page: each line 12 points below the last, starting near the top."""
    parts = [b"BT /F1 10 Tf 12 TL 50 790 Td"]
    parts += [b"(" + _escape(line) + b") '" for line in lines]
    parts.append(b"ET")
    return b"\n".join(parts)


def pdf_bytes(text: str | None) -> bytes:
    """A PDF showing ``text`` (paragraphs wrapped at 95 characters); a page with no content at all for None."""
    lines: list[str] = []
    for para in (text or "").split("\n"):
        lines += textwrap.wrap(para, WRAP) or [""]
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] if text else [[]]
    font = len(pages) * 2 + 3
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for i, page in enumerate(pages):
        stream = _page_stream(page) if page else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
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


if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(pdf_bytes(Path(sys.argv[1]).read_text(encoding="utf-8")))
