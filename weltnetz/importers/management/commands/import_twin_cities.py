"""`weltnetz import twins FILE.csv`: import town twinnings (see weltnetz.importers.twin_cities)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weltnetz.importers.twin_cities import ImportFailed, import_file, parse_mapping


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

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file, UTF-8, header line first")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--limit", type=int, help="read only the first N data rows")
        parser.add_argument("--delimiter", default=",", help="field delimiter (default ','; '\\t' for tab)")
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
        delimiter: str,
        columns: str,
        strict: bool,
        progress: bool,
        **options,
    ) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")
        delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter
        if len(delimiter) != 1:
            raise CommandError("--delimiter must be one character")
        try:
            summary = import_file(
                file,
                mapping=parse_mapping(columns),
                delimiter=delimiter,
                limit=limit,
                dry_run=dry_run,
                strict=strict,
                progress=_Bar(self.stderr) if progress or sys.stderr.isatty() else None,
            )
        except ImportFailed as exc:
            raise CommandError(f"{file.name}: {exc}. Nothing was imported.") from None
        for line in summary.lines():
            self.stdout.write(line)
