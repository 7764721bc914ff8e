"""Rebuild the full-text index from the register and the published news."""

from django.core.management.base import BaseCommand

from weltnetz.search.index import reindex_all
from weltnetz.search.models import Kind


class Command(BaseCommand):
    help = "Rebuild the search index (partners, relations, agreements, news) in batches."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            choices=Kind.values,
            dest="kinds",
            help="rebuild only this kind (repeatable); default: every kind",
        )

    def handle(self, *args, kinds=None, **options):
        counts = reindex_all(kinds=kinds)
        summary = ", ".join(f"{kind}: {n}" for kind, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt ({summary})."))
