"""PDF press releases: the text layer, page by page, read with pypdf. A PDF without one (a scan) says so."""

from __future__ import annotations

import io
import re

from .document import DocumentError


def pdf_text(data: bytes) -> str:
    """The text of a PDF as lines; DocumentError for a broken, encrypted or text-less PDF, naming which."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError("encrypted PDF: cannot read its text")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise DocumentError(f"unreadable PDF: {exc}") from None
    text = "\n\n".join(pages)
    if not re.search(r"\w{2,}", text):
        raise DocumentError(f"PDF with no text layer ({len(pages)} pages, probably scanned): run OCR first")
    # Lines broken inside a sentence join up again; blank lines and lines ending a sentence stay.
    text = re.sub(r"(?<=[a-zäöüß,])\n(?=[a-zäöüß])", " ", text)
    return text
