"""weltnetz restore FILE: replace the database (and media) with a checked backup, or change nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltnetz.operations.backup import BackupError, Summary, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded media with a backup written by `weltnetz backup`. The file is "
        "checked first (complete, same weltnetz version and migrations, same kind of database); a backup that "
        "fails a check is refused and the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup written by `weltnetz backup`")
        parser.add_argument("--no-media", action="store_true", help="restore the database only")
        parser.add_argument("--no-input", action="store_true", help="do not ask before replacing the database")

    def handle(self, *args, file: str, no_media: bool, no_input: bool, **options):
        def confirm(summary: Summary) -> bool:
            if no_input:
                return True
            answer = input(f"Replace this database with the backup ({summary.describe()})? [y/N] ")
            return answer.strip().lower() in ("y", "yes", "j", "ja")

        try:
            summary, report = restore_backup(Path(file), include_media=not no_media, confirm=confirm)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {summary.describe()}" + (f"; {report}" if report else ""))
