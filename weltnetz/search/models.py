"""One table of search entries, one row per public object (after djangoproject.com's docs search).

The row keeps the German and English text side by side; the full-text index over it depends on the database:
a generated tsvector column with a GIN index on PostgreSQL, an FTS5 table of pre-stemmed text on SQLite
(both created by migration 0002, which runs only on its own database).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ACTOR = "actor", _("partner")
    RELATION = "relation", _("relation")
    AGREEMENT = "agreement", _("agreement")
    NEWS = "news", _("news")


class SearchEntry(models.Model):
    """The searchable text of one actor, relation, agreement or news page."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8, default="de", help_text="Language of title/body; *_en hold English.")
    title = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    keywords = models.TextField(blank=True, help_text="Other spellings: aliases, folded and transliterated words.")
    url = models.CharField(max_length=500, help_text="Path under /de/; the query swaps in the active language.")
    weight = models.FloatField(default=1.0, help_text="Rank multiplier: partners before the relations naming them.")
    regional = models.BooleanField(
        default=True,
        help_text="A record of the home region's own; False for town twinnings and towns known only from them, "
        "which the search shows when asked for, after the region's records.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
