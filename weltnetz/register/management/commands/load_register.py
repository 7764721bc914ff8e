"""Load register data files (default: the Baden-Württemberg data shipped with weltnetz)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltnetz.register.loader import DEFAULT_DIR, DataError, load_folder


class Command(BaseCommand):
    help = "Load a folder of register data files (JSON) in one transaction; loading twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            nargs="?",
            default=str(DEFAULT_DIR),
            help="folder with sources.json, actors.json, relations.json, agreements.json, people.json "
            "(default: the Baden-Württemberg data)",
        )

    def handle(self, *args, folder: str, **options):
        try:
            report = load_folder(Path(folder))
        except DataError as exc:
            raise CommandError(f"{Path(folder).name}/{exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {folder}: {report.summary()}"))
