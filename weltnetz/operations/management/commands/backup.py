"""weltnetz backup FILE: the database (with its search index) and the media in one checked file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weltnetz.operations.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write a backup of the database (SQLite's online backup API, or pg_dump) and the uploaded media to FILE, "
        "with a manifest of version, database kind and row counts. Safe while the server runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup (a .tar.gz file; written only when complete)")
        parser.add_argument("--no-media", action="store_true", help="leave the uploaded files out")

    def handle(self, *args, file: str, no_media: bool, **options):
        try:
            summary = write_backup(Path(file), include_media=not no_media)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backup written to {file}: {summary.describe()}")
