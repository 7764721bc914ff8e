"""The bridge to the extractor package: read a file, extract its facts with the register's names added.

weltnetz_extract knows nothing of Django; here the register's actor names and aliases are added to a copy
of its gazetteer (through ``Gazetteer.extend``, the hook it offers) so that partners the register already
holds are recognised under the names the editors gave them.
"""

from __future__ import annotations

import copy
from pathlib import Path

from weltnetz.register.models import home_region
from weltnetz.register.names import NameIndex
from weltnetz.register.vocab import ActorKind
from weltnetz_extract import ExtractOptions, extract
from weltnetz_extract.document import Document, DocumentError, read_document
from weltnetz_extract.facts import Facts
from weltnetz_extract.gazetteer import Gazetteer, default_gazetteer

__all__ = ["Document", "DocumentError", "Facts", "extract_facts", "read_file", "register_gazetteer"]

# Register actor kinds -> gazetteer entry types (institutions, offices and places are named in too many ways).
_GAZ_TYPES: dict[str, str] = {
    ActorKind.COUNTRY: "country",
    ActorKind.REGION: "region",
    ActorKind.MUNICIPALITY: "city",
    ActorKind.NETWORK: "network",
}


def read_file(path: Path) -> Document:
    """Read a press release or page dump; DocumentError (with the reason) for missing, empty or binary files."""
    if not path.exists():
        raise DocumentError("file does not exist")
    if path.is_dir():
        raise DocumentError("is a directory, not a file")
    return read_document(path)


def register_gazetteer() -> Gazetteer:
    """The extractor's gazetteer plus every register actor's names (a copy: the shared one stays as it was)."""
    base = default_gazetteer()
    gaz = copy.copy(base)
    gaz.scan = {k: list(v) for k, v in base.scan.items()}
    gaz.cities = {k: list(v) for k, v in base.cities.items()}
    gaz.adjectives = list(base.adjectives)
    gaz.extend(list(NameIndex.of_actors(kinds=_GAZ_TYPES).gazetteer_names(_GAZ_TYPES)))
    return gaz


def extract_facts(doc: Document, gazetteer: Gazetteer | None = None) -> Facts:
    """Run the extractor on a read document for this instance's home region, with the register's gazetteer."""
    options = ExtractOptions(home_region=home_region().name, detect_home=False, gazetteer=gazetteer)
    return extract(doc, options)
