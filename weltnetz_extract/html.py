"""HTML to hinted lines: trafilatura for the main content where it is importable, lxml for the rest.

Metadata (title, date, kicker, canonical URL) and links always come from lxml. The walker is
iterative, so deeply nested or broken markup cannot exhaust the stack.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from . import vocab
from .dates import parse_date
from .document import Link

_SKIP = {"script", "style", "noscript", "template", "svg", "form", "nav", "header", "footer", "button", "select"}
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "dt", "dd", "td", "pre"}
_KICKER_CLASS = re.compile(r"kicker|dachzeile|topline|overline|category|rubrik|eyebrow", re.I)


def _text(el: Any) -> str:
    try:
        return re.sub(r"\s+", " ", "".join(el.itertext())).strip()
    except (ValueError, TypeError):
        return ""


def _parse(text: str) -> Any:
    # huge_tree lifts libxml2's nesting limit of 256, past which deeper text would be dropped silently
    parser = lxml_html.HTMLParser(recover=True, remove_comments=True, remove_pis=True, encoding="utf-8", huge_tree=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


def _meta(root: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    h1 = root.find(".//h1")
    if h1 is not None and _text(h1):
        meta["title"] = _text(h1)
    else:
        for xp in ('//meta[@property="og:title"]/@content', "//title/text()"):
            found = root.xpath(xp)
            if found and str(found[0]).strip():
                meta["title"] = str(found[0]).strip()
                break
    for xp in (
        '//meta[@property="article:published_time"]/@content',
        "//time/@datetime",
        "//time/text()",
        '//meta[@name="date"]/@content',
    ):
        found = root.xpath(xp)
        if found:
            value = str(found[0]).strip()
            m = re.match(r"(\d{4}-\d{2}-\d{2})", value)
            date = m.group(1) if m else parse_date(value)
            if date:
                meta["date"] = date
                break
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = root.xpath(xp)
        if found:
            meta["url"] = str(found[0]).strip()
            break
    for el in root.iter():
        cls = el.get("class") if isinstance(el.tag, str) else None
        if cls and _KICKER_CLASS.search(cls):
            t = _text(el)
            if t and len(t.split()) <= 5:
                meta["kicker"] = t
                break
    return meta


def _walk(root: Any) -> list[tuple[str, str]]:
    """Block elements in document order, with hints; asides and teaser sections become teasers."""
    body = root
    for xp in (".//main", ".//article", ".//body"):
        found = root.find(xp)
        if found is not None:
            body = found
            break
    lines: list[tuple[str, str]] = []
    skip_until: Any = None
    teaser_depth_el: Any = None
    for event, el in etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "end":
            if el is skip_until:
                skip_until = None
            if el is teaser_depth_el:
                teaser_depth_el = None
            continue
        if skip_until is not None:
            continue
        if tag in _SKIP:
            skip_until = el
            continue
        cls = (el.get("class") or "") + " " + (el.get("id") or "")
        if tag == "aside" or re.search(r"teaser|related|weitere", cls, re.I):
            teaser_depth_el = teaser_depth_el if teaser_depth_el is not None else el
        if tag == "tr":  # a table row is one item: "Thuringia (Germany, 1999)"; a header row is skipped
            cells = [c for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            texts = [t for t in (_text(c) for c in cells) if t]
            if texts and not all(c.tag == "th" for c in cells):
                row = texts[0] + (f" ({', '.join(texts[1:])})" if len(texts) > 1 else "")
                lines.append(("teaser" if teaser_depth_el is not None else "li", row))
            skip_until = el
            continue
        if tag in _BLOCKS or tag == "figcaption":
            t = _text(el)
            if t:
                if teaser_depth_el is not None:
                    hint = "teaser"
                elif tag in ("h1", "h2"):
                    hint = "h1" if tag == "h1" else "h"
                elif tag.startswith("h"):
                    hint = "h"
                else:
                    hint = {"li": "li", "blockquote": "quote", "figcaption": "caption"}.get(tag, "p")
                lines.append((hint, t))
            skip_until = el  # its text is taken whole
    return lines


def _trafilatura_lines(text: str) -> list[tuple[str, str]] | None:
    try:
        import trafilatura
    except ImportError:  # trafilatura 2.3 needs lxml_html_clean; fall back to the lxml walker
        return None
    try:
        xml = trafilatura.extract(
            text,
            output_format="xml",
            include_links=False,
            include_images=True,
            include_tables=False,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - a third-party parser must not stop reading
        return None
    if not xml:
        return None
    try:
        tree = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None
    lines: list[tuple[str, str]] = []
    for el in tree.iter("head", "p", "item", "quote", "graphic"):
        t = el.get("title") or el.get("alt") or "" if el.tag == "graphic" else _text(el)
        if t:
            lines.append(({"head": "h", "item": "li", "quote": "quote", "graphic": "caption"}.get(el.tag, "p"), t))
    return lines or None


_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|div|li|h[1-6]|br|tr|td|section|article|blockquote|dd|dt)\b[^>]*>", re.I)


def tag_soup_lines(text: str) -> list[tuple[str, str]]:
    """Lines of an HTML text without a parser: the fallback for markup nested deeper than libxml2 goes
    (about 2,000 levels even with huge_tree), so such text is read instead of silently dropped."""
    import html as html_std

    body = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.I | re.S)
    body = _BLOCK_TAG.sub("\n", body)
    body = html_std.unescape(re.sub(r"<[^>]*>", " ", body))
    return [("p", line) for line in (re.sub(r"\s+", " ", raw).strip() for raw in body.split("\n")) if line]


def html_lines(text: str) -> tuple[list[tuple[str, str]], list[Link], dict[str, str]]:
    """Hinted lines, links and metadata of an HTML page."""
    root = _parse(text)
    if root is None:
        return [("p", re.sub(r"<[^>]*>", " ", text))], [], {}
    meta = _meta(root)
    links = []
    for a in root.iter("a"):
        href = a.get("href")
        label = _text(a)
        if href and label:
            links.append(Link(label, href))
    lines = _walk(root)
    if not any(h != "teaser" for h, _ in lines):
        lines = _trafilatura_lines(text) or lines
    if not lines:
        lines = tag_soup_lines(text)
    # Related-news boxes outside the main flow are teasers: one headline per link or list item.
    main = next((f for f in (root.find(".//main"), root.find(".//article")) if f is not None), None)
    if main is not None:
        for box in root.iter("aside", "section", "div"):
            cls = (box.get("class") or "") + " " + (box.get("id") or "")
            if box.tag != "aside" and not re.search(r"teaser|related|weitere", cls, re.I):
                continue
            if any(a is main for a in box.iterancestors()) or box is main:
                continue
            for el in box.iter("li", "h3", "h4"):
                t = _text(el)
                if t:
                    lines.append(("teaser_item", t))
    # Teaser sections announced by a heading ("Weitere Meldungen") in the main flow.
    out: list[tuple[str, str]] = []
    teaser = False
    for hint, t in lines:
        if vocab.TEASER_MARKERS.match(t):
            teaser = True
            out.append(("p", t))
            continue
        out.append(("teaser" if teaser and hint != "teaser_item" else hint, t))
    if meta.get("title") and not any(h == "h1" for h, _ in out):
        out.insert(0, ("h1", meta["title"]))
    return out, links, meta
