"""`weltnetz ingest FILE...`: store documents as sources and propose their facts to the editors' review queue."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weltnetz.ingest.extraction import register_gazetteer
from weltnetz.ingest.services import ingest_file
from weltnetz.register.models import Source


class Command(BaseCommand):
    help = (
        "Read press releases or web pages (HTML, Markdown, text), store each as a source and propose the "
        "relations, agreements and people it states for review. Running it again on the same file adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="documents to ingest")
        parser.add_argument(
            "--kind",
            choices=[Source.Kind.PRESS_RELEASE, Source.Kind.WEB_PAGE],
            help="kind of source (default: press release when the document is dated, else web page)",
        )
        parser.add_argument("--publisher", default="", help="who published the documents")

    @staticmethod
    def _summary(counts) -> str:
        found, proposed, changes, known, rejected, repeated = counts
        return (
            f"{found} facts found, {proposed} proposed for review, {changes} proposed as changes to the register, "
            f"{known} confirm the register, {rejected} rejected before (not queued), {repeated} proposed before"
        )

    def handle(self, *args, files: list[str], kind: str | None, publisher: str, **options) -> None:
        gazetteer = register_gazetteer()
        failed = 0
        totals = [0, 0, 0, 0, 0, 0]
        for name in files:
            result = ingest_file(Path(name), kind=kind, publisher=publisher, gazetteer=gazetteer)
            if result.error:
                failed += 1
                self.stderr.write(f"{name}: {result.error} – skipped")
                continue
            counts = (result.found, result.proposed, result.changes, result.known, result.rejected, result.repeated)
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            assert result.source is not None  # set whenever there is no error
            source = f"source #{result.source.pk} ({'new' if result.new_source else 'already stored'})"
            if options["verbosity"] < 1:
                continue
            self.stdout.write(f"{name}: {source}; read: {result.read}")
            self.stdout.write("  " + self._summary(counts))
            if options["verbosity"] > 1:
                for fact in result.facts:
                    self.stdout.write(f"  [{fact.get_state_display()}] {fact}")
        if len(files) > 1 and options["verbosity"] >= 1:
            self.stdout.write(f"total: {len(files) - failed} of {len(files)} files read; " + self._summary(totals))
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be read")
