"""Every option of the extractor in one place: the home region, the publisher detection, extra places."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .gazetteer import ExtraPlace, Gazetteer

__all__ = ["ExtraPlace", "ExtractOptions"]


@dataclass(slots=True)
class ExtractOptions:
    """Options of :func:`weltnetz_extract.extract`.

    Attributes:
        home_region: the home actor whose relations are extracted when the document does not say who
            published it (or always, with ``detect_home=False``).
        detect_home: take the home region from the publisher (URL, title, imprint, "Staatskanzlei",
            "Stadt X"); the command line's ``--home`` turns this off.
        gazetteer: a gazetteer to use instead of the built-in one (built once per process).
        extra_places: places added to the gazetteer for this call, e.g. the register's own; the combined
            gazetteer is cached per distinct tuple, so pass the same tuple object for every document.
    """

    home_region: str = "Baden-Württemberg"
    detect_home: bool = True
    gazetteer: Gazetteer | None = None
    extra_places: Sequence[ExtraPlace] = field(default_factory=tuple)
