"""What the importers remember: which files went in completely, by content hash, so a rerun can skip them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedFile(models.Model):
    """A data file imported completely (not a dry run, not --limit): `make db` skips the same content next time."""

    importer = models.CharField(max_length=50)
    sha256 = models.CharField(max_length=64)
    file_name = models.CharField(max_length=300)
    imported_at = models.DateTimeField(auto_now=True)
    rows = models.PositiveIntegerField(default=0)
    relations_created = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["importer", "sha256"], name="importers_file_once")]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]})"
