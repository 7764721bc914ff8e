"""The reader: bytes of HTML, Markdown or a plain-text page dump become a structured Document.

All three formats go through one line classifier (HTML is first flattened to hinted lines), so a
press release has the same title, kicker, date, lead, quotes, captions and teasers however it came.
``Document.text`` is the text every evidence offset points into.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import vocab
from .dates import parse_date

MAX_BYTES = 20 * 1024 * 1024
WORDS_PER_MINUTE = 200


class DocumentError(ValueError):
    """A file that cannot be read as a document (empty, binary, too large); the message says why."""


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of the document and its span in ``Document.text``."""

    kind: str  # heading | paragraph | list_item | caption | quote | teaser | meta
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Caption:
    text: str
    credit: str | None


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Teaser:
    category: str | None
    headline: str


@dataclass(slots=True)
class Document:
    """A read document: its structure, and the flat ``text`` that evidence offsets refer to."""

    title: str | None = None
    kicker: str | None = None
    date: str | None = None
    lead: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)
    url: str | None = None
    source_format: str = "text"
    blocks: list[Block] = field(default_factory=list)
    text: str = ""

    @property
    def reading_time_minutes(self) -> int:
        """Minutes to read the body at about 200 words per minute (0 for an empty body)."""
        words = sum(len(b.text.split()) for b in self.blocks if b.kind in ("paragraph", "list_item", "quote"))
        return math.ceil(words / WORDS_PER_MINUTE) if words else 0


# -- decoding ------------------------------------------------------------------------------------------
def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" where every other byte of the head is NUL (text in UTF-16 without a BOM)."""
    head = data[:4096]
    if len(head) < 8:
        return None
    odd, even = head[1::2], head[0::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


_WESTERN = set("äöüÄÖÜßéèêàâçîôûëïñœŒ€„“”‚‘’–—…«»°§áíóúÉÈÀÇ")


def _plausible_western(text: str) -> bool:
    """True where nearly every non-ASCII character is a letter or mark of German or French text."""
    other = [c for c in text if ord(c) > 127]
    return not other or sum(c in _WESTERN for c in other) >= 0.95 * len(other)


def decode(data: bytes) -> str:
    """Text from bytes: BOMs, UTF-16 without BOM, UTF-8, else charset-normalizer's best guess (cp1252 last)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _plausible_western(western):
        return western  # short German texts are too little for a detector; Windows-1252 reads them right
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=None).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control characters (images, archives, executables)."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.05


def sniff_format(text: str, name: str = "") -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(r"<(body|p|div|article|h1)[\s>]", head):
        return "html"
    return "text"


# -- reading -------------------------------------------------------------------------------------------
def read_document(source: str | bytes | Path, *, name: str = "", max_bytes: int = MAX_BYTES) -> Document:
    """Read a document from a path, bytes or a string (HTML, Markdown or a text dump).

    Args:
        source: a ``Path`` to read, raw ``bytes``, or the document as ``str``.
        name: file name used to guess the format when ``source`` is not a path.
        max_bytes: larger inputs raise :class:`DocumentError` instead of being read.
    """
    if isinstance(source, Path):
        name = name or source.name
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise DocumentError(f"cannot read {source}: {exc.strerror or exc}") from None
        if size > max_bytes:
            raise DocumentError(f"file too large ({size / 1e6:.1f} MB; limit {max_bytes / 1e6:.0f} MB)")
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise DocumentError(f"cannot read file: {exc.strerror or exc}") from None
    if isinstance(source, bytes):
        if len(source) > max_bytes:
            raise DocumentError(f"input too large ({len(source) / 1e6:.1f} MB; limit {max_bytes / 1e6:.0f} MB)")
        if source.startswith(b"%PDF-"):
            from .pdf import pdf_text

            text = pdf_text(source)
            name = name or "document.pdf"
            return _build(_text_lines(text)[0], [], source_format="pdf")
        if looks_binary(source):
            raise DocumentError("binary data, not a text, Markdown, HTML or PDF document")
        text = decode(source)
    else:
        text = source
        if len(text) > max_bytes:
            raise DocumentError(f"input too large ({len(text) / 1e6:.1f} M characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise DocumentError("empty document")
    fmt = sniff_format(text, name)
    if fmt == "html":
        from .html import html_lines

        lines, links, meta = html_lines(text)
        doc = _build(lines, links, source_format="html")
        doc.title = meta.get("title") or doc.title
        doc.date = meta.get("date") or doc.date
        doc.url = meta.get("url") or doc.url
        doc.kicker = meta.get("kicker") or doc.kicker
        return doc
    lines, links = _text_lines(text)
    return _build(lines, links, source_format=fmt)


_MD_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\(([^()\s]*(?:\([^()]*\)[^()\s]*)*)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪]|\d+\.)\s+")


def _text_lines(text: str) -> tuple[list[tuple[str, str]], list[Link]]:
    """Hinted lines (hint, text) from a text dump or Markdown; hints: h1, h, li, p, quote, url."""
    out: list[tuple[str, str]] = []
    links: list[Link] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            out.append(("blank", ""))
            continue
        if line.startswith("URL:") and not out:
            out.append(("url", line[4:].strip()))
            continue
        hint = "p"
        m = re.match(r"^(#{1,6})\s+", line)
        if m:
            hint = "h1" if len(m.group(1)) <= 2 else "h"
            line = line[m.end() :]
        elif line.startswith(">"):
            hint, line = "quote", line.lstrip("> ")
        elif _BULLET.match(raw) and not re.match(r"^\s*\d+\.\s+[A-ZÄÖÜ][a-zäöü]+\s+\d{4}", raw):
            hint, line = "li", _BULLET.sub("", raw).strip()
        for lm in _MD_LINK.finditer(line):
            label = _MD_ESCAPE.sub(r"\1", lm.group(1)).strip()
            if label:
                links.append(Link(label, lm.group(2)))
        line = _MD_LINK.sub(lambda lm: lm.group(1), line)
        for am in _AUTOLINK.finditer(line):
            links.append(Link(am.group(1), am.group(1)))
        line = _AUTOLINK.sub(r"\1", line)
        line = _MD_ESCAPE.sub(r"\1", line)
        if line.startswith("**") and line.endswith("**") and len(line) > 4:
            line = line[2:-2]
            hint = "lead" if hint == "p" and len(line.split()) > 12 else hint
        line = line.replace("**", "").replace("__", "")
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            out.append((hint, line))
    return out, links


_CAPTION_MARK = re.compile(
    r"\((?:foto|bild|quelle|grafik)\s*:|©|\bfoto:|\bbild:|\(\s*[rl]\.\s*\)|v\.\s?l\.\s?n\.\s?r\.|"
    r"\bv\.\s?l\.\b|\(\d\.\s?v\.\s?[lr]\.\)|picture[- ]alliance|\bdpa\b",
    re.I,
)
_CREDIT = re.compile(r"\((?:Foto|Bild|Quelle|Grafik)\s*:\s*([^)]*)\)|(?:Foto|Bild|Quelle)\s*:\s*(.+)$|(©.*)$")
_END_PUNCT = re.compile(r"[.!?:“”\"'«»…)]$")
_SPEAKER = re.compile(vocab.ROLE_WORD + r"\s+(?:Dr\.\s+)?[A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){0,2}$")


_ATTACHMENT = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt)(\?|#|$)", re.I)


def _classify(hint: str, line: str) -> str:
    if hint in ("h1", "h"):
        return "heading"
    if hint == "li":
        return "list_item"
    if hint == "quote":
        return "quote"
    if hint == "caption":
        return "caption"
    if hint == "lead":
        return "paragraph"
    words = len(line.split())
    ends = bool(_END_PUNCT.search(line)) and not (line.endswith(")") and words < 12)
    several = len(re.findall(r"[.!?“] [A-ZÄÖÜ„]", line)) >= 1
    if _CAPTION_MARK.search(line) and (not ends or line.endswith(")")) and not line.startswith(("„", '"')):
        return "caption"
    if not ends and 12 <= words <= 45 and not several:
        return "caption"
    if not ends and words < 12:
        return "heading"
    return "paragraph"


def _classify_lines(doc: Document, lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Block kinds of the hinted lines: teaser sections, pull quotes with their speaker line, boilerplate dropped."""
    kinds: list[tuple[str, str]] = []
    in_teasers = False
    for hint, line in lines:
        if hint == "url":
            doc.url = line
            continue
        if hint == "blank" or vocab.BOILERPLATE.match(line):
            continue
        if vocab.TEASER_MARKERS.match(line):
            in_teasers = True
            kinds.append(("meta", line))
            continue
        if hint == "teaser_item":
            doc.teasers.append(Teaser(None, line))
            kinds.append(("teaser", line))
            continue
        if in_teasers or hint == "teaser":
            kinds.append(("teaser", line))
            continue
        kind = _classify(hint, line)
        # A short "Role Name" line after a paragraph attributes that paragraph: a pull quote.
        if kind == "heading" and kinds and kinds[-1][0] == "paragraph" and _SPEAKER.match(line):
            kinds[-1] = ("quote", kinds[-1][1])
            doc.quotes.append(Quote(kinds[-1][1], line))
            kinds.append(("meta", line))
            continue
        kinds.append((kind, line))
    return kinds


def _header(doc: Document, lines: list[tuple[str, str]], kinds: list[tuple[str, str]]) -> None:
    """Kicker, title and date among the first headings (an h1 is the title where there is one)."""
    for i in [i for i, (k, _) in enumerate(kinds[:8]) if k == "heading"]:
        text = kinds[i][1]
        found = parse_date(text) if doc.date is None and len(text) < 40 else None
        # a dateline gives a day or a month; "Marseille (seit 1958)" is a list item, not the document's date
        if found and len(found) >= 7 and not re.search(r"\b(?:seit|since)\b", text, re.I):
            doc.date = found
            kinds[i] = ("meta", text)
    h1 = [i for i, (h, _) in enumerate(lines) if h == "h1"]
    title_i = None
    if h1:
        title_text = lines[h1[0]][1]
        title_i = next((i for i, (_, t) in enumerate(kinds) if t == title_text), None)
    if title_i is None:
        heads = [i for i, (k, _) in enumerate(kinds[:8]) if k == "heading"]
        if len(heads) >= 2 and heads[1] == heads[0] + 1 and len(kinds[heads[0]][1].split()) <= 4:
            title_i = heads[1]
        elif heads:
            title_i = heads[0]
    if title_i is None:
        return
    doc.title = kinds[title_i][1]
    if title_i > 0 and kinds[title_i - 1][0] == "heading" and len(kinds[title_i - 1][1].split()) <= 4:
        doc.kicker = kinds[title_i - 1][1]
        kinds[title_i - 1] = ("kicker", kinds[title_i - 1][1])
    kinds[title_i] = ("title", doc.title)


def _teasers(doc: Document, kinds: list[tuple[str, str]]) -> None:
    """Teasers: a short category line followed by a headline; other lines are image descriptions."""
    teaser_lines = [t for k, t in kinds if k == "teaser" and not any(x.headline == t for x in doc.teasers)]
    i = 0
    while i < len(teaser_lines):
        line = teaser_lines[i]
        nxt = teaser_lines[i + 1] if i + 1 < len(teaser_lines) else None
        if nxt is not None and len(line.split()) <= 4 and not _END_PUNCT.search(line) and len(nxt.split()) <= 14:
            doc.teasers.append(Teaser(line, nxt))
            i += 2
            continue
        i += 1


def _flatten(doc: Document, kinds: list[tuple[str, str]]) -> None:
    """Blocks with offsets into ``doc.text``, and the paragraphs, lead, captions and quotes."""
    parts: list[str] = []
    pos = 0
    for kind, text in kinds:
        block_kind = "heading" if kind in ("title", "kicker") else kind
        doc.blocks.append(Block(block_kind, text, pos, pos + len(text)))
        parts.append(text)
        pos += len(text) + 2
        if kind == "paragraph":
            doc.paragraphs.append(text)
            if doc.lead is None:
                doc.lead = text
        elif kind == "caption":
            m = _CREDIT.search(text)
            credit = next((g for g in m.groups() if g), None) if m else None
            doc.captions.append(Caption(text, credit.strip() if credit else None))
        elif kind == "quote" and not any(q.text == text for q in doc.quotes):
            doc.quotes.append(Quote(text, None))
    doc.text = "\n\n".join(parts)


def _inline_quotes(doc: Document) -> None:
    """Quotes in running text with their speaker: „...“, sagte X."""
    for para in doc.paragraphs + [q.text for q in doc.quotes if q.speaker is None]:
        for m in re.finditer(r"„([^“”]{10,})[“”],?\s+(?:so|sagte|erklärte|betonte|sagt|ergänzte)\s+([^.,;]+)", para):
            doc.quotes.append(Quote(m.group(1), m.group(2).strip().rstrip(".")))
    doc.quotes = [q for q in doc.quotes if q.speaker or not any(o.speaker and o.text in q.text for o in doc.quotes)]


def _build(lines: list[tuple[str, str]], links: list[Link], *, source_format: str) -> Document:
    doc = Document(source_format=source_format, links=links)
    doc.attachments = [lk for lk in links if _ATTACHMENT.search(lk.url) or re.search(r"\(pdf\)", lk.text, re.I)]
    kinds = _classify_lines(doc, lines)
    _header(doc, lines, kinds)
    _teasers(doc, kinds)
    _flatten(doc, kinds)
    _inline_quotes(doc)
    return doc
