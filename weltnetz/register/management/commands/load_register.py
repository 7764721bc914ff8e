"""Load register data files (default: the Baden-Württemberg data shipped with weltnetz)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltnetz.register.loader import DEFAULT_DIR, DataError, load_folder


class Command(BaseCommand):
    help = (
        "Load a folder of register data files (JSON) in one transaction; loading twice changes nothing. "
        "Facts from other sources and editors' edits are kept; where the files disagree with an edit, the "
        "edit is kept and the conflict reported."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            nargs="?",
            default=str(DEFAULT_DIR),
            help="folder with sources.json, actors.json, relations.json, agreements.json, people.json "
            "(default: the Baden-Württemberg data)",
        )
        parser.add_argument(
            "--dataset",
            help="name of the data set the files are a version of (default: the slug of the folder's home actor, "
            "else the folder's name); a reload updates only what this data set asserted before",
        )

    def handle(self, *args, folder: str, dataset: str | None = None, **options):
        try:
            report = load_folder(Path(folder), dataset)
        except DataError as exc:
            raise CommandError(f"{Path(folder).name}/{exc}") from exc
        for conflict in report.conflicts:
            self.stderr.write(self.style.WARNING(f"{Path(folder).name}/{conflict}"))
        self.stdout.write(self.style.SUCCESS(f"Loaded {folder}: {report.summary()}"))
        if report.conflicts:
            self.stdout.write(f"{len(report.conflicts)} conflict(s) with changes made in the register: see above")
