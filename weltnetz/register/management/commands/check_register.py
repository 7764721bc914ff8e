"""`weltnetz check_register`: run the register's consistency checks and list what they find."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weltnetz.register import checks


class Command(BaseCommand):
    help = (
        "Check the register for contradictions: anniversaries and counts in sources against the register, sources "
        "that disagree, relations without a source, resting relations with a round anniversary, duplicate actors, "
        "relations stored beside their reverse. Exits with status 1 under --strict when anything is found."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--strict", action="store_true", help="exit with status 1 when a check finds anything")
        parser.add_argument("--check", action="append", choices=[c.code for c in checks.CHECKS], help="run only these")

    def handle(self, *args, strict: bool, check: list[str] | None, **options) -> None:
        results = checks.run(cached=False)
        total = 0
        for c in checks.CHECKS:
            if check and c.code not in check:
                continue
            findings = results[c.code]
            total += len(findings)
            mark = "ok" if not findings else f"{len(findings)} found"
            self.stdout.write(f"{c.code}: {c.title} – {mark}")
            for finding in findings:
                refs = [f"relation #{i}" for i in finding.relations] + [f"actor #{i}" for i in finding.actors]
                refs += [f"source #{i}" for i in finding.sources]
                self.stdout.write(f"  - {finding.message} [{', '.join(refs)}]")
        self.stdout.write(f"{total} findings")
        if strict and total:
            raise CommandError(f"{total} findings")
