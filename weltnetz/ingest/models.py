"""Facts the extractor proposes from an ingested document, waiting for an editor's decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weltnetz.register.models import Agreement, Person, Relation, Source


class ProposedFactQuerySet(models.QuerySet):
    def open(self) -> ProposedFactQuerySet:
        """The review queue: facts no editor has decided on yet."""
        return self.filter(state=ProposedFact.State.PENDING)

    def in_state(self, state: str) -> ProposedFactQuerySet:
        return self.filter(state=state)

    def for_queue(self) -> ProposedFactQuerySet:
        return self.select_related("source", "reviewer").order_by("-source__created_at", "source_id", "position")


class ProposedFact(models.Model):
    """One relation, agreement or person a document states, in FACTS.md form, with its evidence."""

    class Kind(models.TextChoices):
        RELATION = "relation", _("relation")
        AGREEMENT = "agreement", _("agreement")
        PERSON = "person", _("person")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        CORRECTED = "corrected", _("corrected and accepted")
        REJECTED = "rejected", _("rejected")
        ALREADY_IN_REGISTER = "already_in_register", _("confirms the register")
        PREVIOUSLY_REJECTED = "previously_rejected", _("previously rejected")

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("kind of fact"), max_length=10, choices=Kind.choices)
    payload = models.JSONField(_("fact (FACTS.md)"), default=dict)
    extracted = models.JSONField(_("fact as extracted"), default=dict, editable=False)
    # Identifies the fact within its source, so that ingesting the document again proposes nothing twice.
    fingerprint = models.CharField(max_length=400, editable=False)
    position = models.PositiveIntegerField(default=0, editable=False)
    evidence = models.TextField(_("passage"), blank=True)
    evidence_start = models.PositiveIntegerField(null=True, blank=True)
    evidence_end = models.PositiveIntegerField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    relation = models.ForeignKey(
        Relation, verbose_name=_("relation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Where the fact differs from the register record it matches: [field, register value, proposed value] rows.
    differences = models.JSONField(_("differences from the register"), default=list, blank=True, editable=False)
    # What the fact says, whatever document says it: rejections are remembered by this key.
    content_key = models.CharField(max_length=400, blank=True, db_index=True, editable=False)
    reason = models.TextField(_("reason"), blank=True)
    rejected_before = models.ForeignKey(
        "self",
        verbose_name=_("rejected before as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProposedFactQuerySet.as_manager()

    class Meta:
        ordering = ["source", "position"]
        verbose_name = _("proposed fact")
        verbose_name_plural = _("proposed facts")
        permissions = [("review_proposedfact", _("Can review proposed facts"))]
        constraints = [
            models.UniqueConstraint(fields=["source", "fingerprint"], name="ingest_fact_once_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.headline}"

    @property
    def headline(self) -> str:
        """A short label for the queue: partner for relations, title and partner for agreements, the name."""
        p = self.payload or {}
        if self.kind == self.Kind.RELATION:
            return str(p.get("partner") or "?")
        if self.kind == self.Kind.AGREEMENT:
            return f"{p.get('title') or '?'} – {p.get('partner') or '?'}"
        return str(p.get("name") or "?")

    @property
    def is_open(self) -> bool:
        return self.state == self.State.PENDING

    @property
    def record(self) -> Relation | Agreement | Person | None:
        """The register record this fact became or matched."""
        return self.relation or self.agreement or self.person

    def passage_parts(self, context: int = 240) -> tuple[str, str, str]:
        """(text before, the evidence, text after) from the source, for showing the passage highlighted."""
        text = self.source.text or ""
        start, end = self.evidence_start, self.evidence_end
        if start is None or end is None or not (0 <= start <= end <= len(text)) or not text:
            return "", self.evidence, ""
        before = text[max(0, start - context) : start]
        after = text[end : end + context]
        if start > context:
            before = "…" + before
        if end + context < len(text):
            after = after + "…"
        return before, text[start:end], after
