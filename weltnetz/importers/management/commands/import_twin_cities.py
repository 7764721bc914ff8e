"""`weltnetz import twins [FILE.csv] [--again]`: import town twinnings (see weltnetz.importers.twin_cities).

Without FILE the twin-town list that ships with the project (weltnetz/importers/data/twin_cities.csv, MIT) is
imported. A file that went in completely before (same content, by SHA-256) is skipped in a moment; `--again`
imports it anyway (which creates nothing new unless the register lost some of its rows).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weltnetz.importers.models import ImportedFile
from weltnetz.importers.twin_cities import ImportFailed, import_file, parse_mapping

BUNDLED_CSV = Path(__file__).resolve().parents[2] / "data" / "twin_cities.csv"
IMPORTER = "twin_cities"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Bar:
    """The command's stderr without the newline Django's OutputWrapper adds, so the bar redraws in place."""

    def __init__(self, out) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(text, ending="")

    def flush(self) -> None:
        self.out.flush()


class Command(BaseCommand):
    help = "Import town twinnings from a CSV file as municipal partnerships (one transaction; re-import is a no-op)."
    # No system checks before an import (`weltnetz check`, migrate and serve run them): half a second to a second
    # of CPU, against 3 seconds for sqlite-utils to load the whole real file; nothing they check changes the import.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            type=Path,
            nargs="?",
            default=BUNDLED_CSV,
            help="CSV file, UTF-8, header line first (default: the twin-town list shipped with weltnetz)",
        )
        parser.add_argument("--again", action="store_true", help="import even when this file is already in")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--limit", type=int, help="read only the first N data rows")
        parser.add_argument(
            "--delimiter", default=None, help="field delimiter (default: told from the header; '\\t' for tab)"
        )
        parser.add_argument(
            "--columns",
            default="",
            help="column mapping for other files, e.g. 'city1=Stadt,country1=Land,city2=Partner,"
            "country2=Partnerland,category=Art' (fields: city1 country1 lat1 lng1 city2 country2 lat2 lng2 "
            "category since)",
        )
        parser.add_argument("--strict", action="store_true", help="import nothing when any row is rejected")
        parser.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")

    def handle(
        self,
        *args,
        file: Path,
        dry_run: bool,
        limit: int | None,
        delimiter: str | None,
        columns: str,
        strict: bool,
        progress: bool,
        again: bool,
        **options,
    ) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")
        delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter
        if delimiter is not None and len(delimiter) != 1:
            raise CommandError("--delimiter must be one character")
        sha256 = file_sha256(file)
        complete = not dry_run and limit is None
        done = ImportedFile.objects.filter(importer=IMPORTER, sha256=sha256).first()
        if complete and done is not None and not again:
            self.stdout.write(
                f"{file.name}: already imported on {done.imported_at:%Y-%m-%d %H:%M} (same content, "
                f"SHA-256 {sha256[:12]}); skipped. --again imports it anyway."
            )
            return
        try:
            summary = import_file(
                file,
                mapping=parse_mapping(columns),
                delimiter=delimiter,
                limit=limit,
                dry_run=dry_run,
                strict=strict,
                progress=_Bar(self.stderr) if progress or sys.stderr.isatty() else None,
                on_rejected=lambda r: self.stderr.write(f"{file.name}: line {r.line}: {r.reason}"),
                sha256=sha256,
            )
        except ImportFailed as exc:
            raise CommandError(f"{file.name}: {exc}. Nothing was imported.") from None
        for line in summary.lines():
            self.stdout.write(line)
        if summary.rows == 0:
            raise CommandError(f"{file.name}: the file has a header but no data rows. Nothing was imported.")
        if summary.accepted == 0:
            raise CommandError(f"{file.name}: all {summary.rows} rows were rejected (see above). Nothing was imported.")
        if complete:
            ImportedFile.objects.update_or_create(
                importer=IMPORTER,
                sha256=sha256,
                defaults={"file_name": file.name, "rows": summary.rows, "relations_created": summary.relations_created},
            )
