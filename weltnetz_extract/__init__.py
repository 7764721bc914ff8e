"""weltnetz_extract: read a press release or overview page and extract FACTS.md facts, without Django.

>>> from weltnetz_extract import extract
>>> facts = extract(Path("pressemitteilung.html"))
>>> facts.to_dict()["relations"]
"""

from __future__ import annotations

from pathlib import Path

from .document import Document, DocumentError, read_document
from .facts import Agreement, Evidence, Facts, Person, Relation
from .gazetteer import Gazetteer, default_gazetteer
from .options import ExtractOptions, ExtraPlace

__all__ = [
    "Agreement",
    "Document",
    "DocumentError",
    "Evidence",
    "ExtractOptions",
    "ExtraPlace",
    "Facts",
    "Gazetteer",
    "Person",
    "Relation",
    "default_gazetteer",
    "extract",
    "read_document",
]


def extract(source: str | bytes | Path | Document, options: ExtractOptions | None = None, *, name: str = "") -> Facts:
    """Extract the facts a document states.

    Args:
        source: a path, raw bytes, the text itself, or an already read :class:`Document`.
        options: home region and gazetteer; the home region is otherwise taken from the publisher.
        name: file name used to guess the format when ``source`` is bytes or text.

    Raises:
        DocumentError: the input is empty, binary, too large or unreadable.
    """
    from .pipeline import run  # the rules' patterns compile on first use, not when a caller imports the package

    doc = source if isinstance(source, Document) else read_document(source, name=name)
    return run(doc, options)
