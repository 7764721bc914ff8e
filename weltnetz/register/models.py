"""The register: actors and places, relations with a status history, agreements, people, and their sources.

Every fact points to the document and passage that states it (a `Citation`). The current status of a
relation is derived from its dated status changes and cached on the row for fast filtering.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from .querysets import ActorQuerySet, AgreementQuerySet, RelationQuerySet
from .vocab import ActorKind, Continent, Precision, RelationKind, Status, TwinningCategory, partial_date


def in_language(german: str, english: str) -> str:
    """German first; the English text where the active language is English and one is known."""
    return english if english and (get_language() or "de").startswith("en") else german


class Topic(models.Model):
    """A field of cooperation; slugs from FACTS.md."""

    slug = models.SlugField(unique=True, max_length=40)
    name = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_language(self.name, self.name_en)


class Source(RevisionMixin, models.Model):
    """A document that states facts: a web page, a press release, an imported file."""

    class Kind(models.TextChoices):
        WEB_PAGE = "web_page", _("web page")
        PRESS_RELEASE = "press_release", _("press release")
        DATA_FILE = "data_file", _("data file")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WEB_PAGE)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    retrieved_on = models.DateField(_("retrieved on"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=300, blank=True)
    text = models.TextField(_("full text"), blank=True, help_text=_("The document's text; passages quote it."))
    sha256 = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title


class Citation(models.Model):
    """Where a fact is stated: a source and the passage in it (with character offsets when known).

    `origin` says how the fact came in (see weltnetz.register.recording): "data:<folder>" from load_register,
    "import:<importer>" from an importer, "review" when an editor accepted it from a document; empty when an
    editor entered it. A reload replaces only its own origin's rows.
    """

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, null=True, blank=True)
    passage = models.TextField(_("passage"), blank=True)
    passage_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    passage_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    origin = models.CharField(_("recorded from"), max_length=100, blank=True, default="", editable=False)

    class Meta:
        abstract = True


class Actor(RevisionMixin, index.Indexed, models.Model):
    """A place or body that takes part in relations: the home region, a partner region, a town, a network..."""

    slug = models.SlugField(unique=True, max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    name = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)  # names.name_key(), set on save
    country_code = models.CharField(
        _("country (ISO 3166-1)"), max_length=2, blank=True, db_index=True, help_text=_("Empty for networks.")
    )
    subdivision_code = models.CharField(
        _("subdivision (ISO 3166-2)"), max_length=6, blank=True, db_index=True, help_text=_("e.g. DE-BW, GB-SCT")
    )
    continent = models.CharField(_("continent"), max_length=20, choices=Continent.choices, blank=True, db_index=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    wikidata_id = models.CharField(_("Wikidata ID"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="parts"
    )
    is_home = models.BooleanField(_("home region"), default=False)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ActorQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("country_code"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor or place")
        verbose_name_plural = _("actors and places")
        indexes = [models.Index(fields=["kind", "country_code"])]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:partner", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return in_language(self.name, self.name_en)

    @property
    def all_names(self) -> list[str]:
        return [n for n in [self.name, self.name_en, *self.aliases] if n]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Relation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A relation between a home actor and a partner, of one of the FACTS.md kinds."""

    kind = models.CharField(_("kind"), max_length=30, choices=RelationKind.choices, db_index=True)
    home = models.ForeignKey(Actor, verbose_name=_("home"), on_delete=models.PROTECT, related_name="relations_as_home")
    partner = models.ForeignKey(
        Actor, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="relations_as_partner"
    )
    title = models.CharField(
        _("name of the relation"),
        max_length=300,
        blank=True,
        help_text=_('Where it has one of its own, e.g. "China-Büro Baden-Württemberg International".'),
    )
    title_en = models.CharField(_("name of the relation (English)"), max_length=300, blank=True)
    country_code = models.CharField(
        _("country (ISO 3166-1)"),
        max_length=2,
        blank=True,
        db_index=True,
        help_text=_(
            "The partner's country; for an institution, the foreign country it serves. "
            "Taken from the partner when left empty."
        ),
    )
    home_country = models.CharField(
        _("home's country"),
        max_length=2,
        blank=True,
        editable=False,
        help_text=_("The home place's country, kept by the database: a country's relations on either side."),
    )
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True, db_index=True)
    since_note = models.CharField(
        _("start as the source words it"), max_length=200, blank=True, help_text=_('e.g. "Anfang der 80er Jahre"')
    )
    since_note_en = models.CharField(
        _("start in English"), max_length=200, blank=True, help_text=_('e.g. "early 1980s"')
    )
    status = models.CharField(
        _("current status"),
        max_length=10,
        choices=Status.choices,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Derived from the status history."),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=TwinningCategory.choices,
        blank=True,
        help_text=_("For municipal partnerships: partnership, friendship, contact, project."),
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("fields of cooperation"), blank=True, related_name="relations"
    )
    note = models.TextField(_("note"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RelationQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [models.UniqueConstraint(fields=["kind", "home", "partner"], name="relation_unique_pair")]
        indexes = [
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["partner", "kind"]),
            # Covers lists and facet counts by country of published relations of one kind (26,000 twinnings).
            # (live last: the filter is a bare boolean, which SQLite checks from the index, not seeks by).
            models.Index(fields=["kind", "country_code", "live"], name="relation_kind_country_live"),
            # The same for either side's place (one country's or one town's twinnings): the ids and the count
            # come from the index alone, without reading the relation rows.
            models.Index(fields=["kind", "home", "live"], name="relation_kind_home_live"),
            models.Index(fields=["kind", "partner", "live"], name="relation_kind_partner_live"),
            # A country's relations on either side (touching_country): the partner's country is country_code.
            models.Index(fields=["kind", "home_country", "live"], name="relation_kind_homecc_live"),
        ]

    def __str__(self) -> str:
        return f"{self.home} – {self.partner} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        if not self.country_code and self.partner_id:
            self.country_code = self.partner.country_code
        if self.home_id is not None:  # triggers keep it too, but on SQLite not on inserts (0012)
            self.home_country = self.home.country_code
        super().save(*args, **kwargs)

    @property
    def title_label(self) -> str:
        return in_language(self.title, self.title_en)

    @property
    def since_label(self) -> str:
        return in_language(self.since_note, self.since_note_en)

    @property
    def note_label(self) -> str:
        return in_language(self.note, self.note_en)

    def other_side(self, actor: Actor) -> Actor:
        """The place on the other side from `actor` (a town's twin, whichever side the convention made home)."""
        return self.partner if self.home_id == actor.pk else self.home

    # -- status history -------------------------------------------------------------------------
    def history(self) -> list[StatusChange]:
        """The status changes in time order; undated ones are known to hold "now" only, so they come last."""
        return sorted(self.status_changes.all(), key=lambda c: (c.date is None, c.date or dt.date.min, c.pk or 0))

    def status_on(self, day: dt.date) -> str | None:
        """The status on `day`, by the same rules as RelationQuerySet.status_as_of (None before it began)."""
        changes = self.history()
        if not changes:
            return Status.ACTIVE if self.since is not None and self.since <= day.year else None
        now = day >= dt.date.today()
        status = None
        for change in sorted(changes, key=lambda c: (c.effective_date is None, c.effective_date or dt.date.min)):
            effective = change.effective_date
            if (effective is not None and effective <= day) or (effective is None and now):
                status = change.status
        return status

    def current_change(self) -> StatusChange | None:
        """The status change that set the current status (its date None: "seit wann unbekannt")."""
        changes = self.history()
        return changes[-1] if changes else None

    def derived_status(self) -> str:
        changes = self.history()
        return changes[-1].status if changes else ""

    def refresh_status(self) -> None:
        """Recompute the cached current status from the history."""
        status = self.derived_status()
        if status != self.status:
            self.status = status
            Relation.objects.filter(pk=self.pk).update(status=status)

    # -- anniversaries --------------------------------------------------------------------------
    def anniversary_in(self, year: int) -> int | None:
        """The round (multiple of five) anniversary the relation has in `year`, if any."""
        if self.since is None or year <= self.since:
            return None
        age = year - self.since
        return age if age % 5 == 0 else None

    def next_anniversary(self, today: dt.date | None = None) -> tuple[int, int] | None:
        """(year, age) of the next round anniversary from `today` on (this year included)."""
        if self.since is None:
            return None
        year = max((today or dt.date.today()).year, self.since + 1)
        while (year - self.since) % 5:
            year += 1
        return year, year - self.since


class StatusChange(Citation):
    """A dated change of a relation's status (founded/active, resting, ended); the history is never deleted."""

    relation = ParentalKey(Relation, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    date = models.DateField(_("from"), null=True, blank=True, help_text=_("Empty when the source gives no date."))
    precision = models.CharField(
        _("precision of the date"), max_length=10, choices=Precision.choices, default=Precision.YEAR
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)

    class Meta:
        # A plain field ordering: modelcluster sorts revisions in Python and cannot sort by expressions.
        # Relation.history() puts undated changes last.
        ordering = ["date", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.date or ''}".strip()

    @property
    def effective_date(self) -> dt.date | None:
        """From when the change is known to hold: its date, else its source's publication (None: only now)."""
        if self.date is not None:
            return self.date
        if self.source is not None:
            return self.source.published_on or self.source.retrieved_on
        return None

    @property
    def partial_date(self) -> str | None:
        return partial_date(self.date, self.precision)

    @property
    def note_label(self) -> str:
        return in_language(self.note, self.note_en)


class RelationCitation(Citation):
    """The source of a relation or of one of its fields (since, topics)."""

    class Field(models.TextChoices):
        RECORD = "record", _("the relation")
        SINCE = "since", _("start year")
        TOPICS = "topics", _("fields of cooperation")

    relation = ParentalKey(Relation, on_delete=models.CASCADE, related_name="citations")
    field = models.CharField(_("fact"), max_length=10, choices=Field.choices, default=Field.RECORD)

    class Meta:
        verbose_name = _("source of the relation")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.source}: {self.passage[:80]}"


class Person(RevisionMixin, models.Model):
    """A named person who acts for a region or body."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class Role(Citation):
    """An office a person held for an actor, with its term (either end may be unknown)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(_("role"), max_length=200, help_text=_('e.g. "Ministerpräsident"'))
    title_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    affiliation = models.ForeignKey(Actor, verbose_name=_("for"), on_delete=models.PROTECT, related_name="roles")
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["person__name", "start"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    label = property(lambda self: in_language(self.title, self.title_en))

    def __str__(self) -> str:
        return f"{self.person}, {self.title} ({self.affiliation})"

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Agreement(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A signed document: memorandum, joint declaration, treaty, partnership deed."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("joint declaration")
        MEMORANDUM = "memorandum", _("memorandum of understanding")
        TREATY = "treaty", _("treaty or agreement")
        DEED = "deed", _("partnership deed")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(_("precision"), max_length=10, choices=Precision.choices, default=Precision.DAY)
    place = models.ForeignKey(
        Actor,
        verbose_name=_("place of signing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements_signed_here",
    )
    partner = models.ForeignKey(Actor, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="agreements")
    relation = models.ForeignKey(
        Relation,
        verbose_name=_("relation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    signatories = ParentalManyToManyField(Person, verbose_name=_("signatories"), blank=True, related_name="signed")
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("fields of cooperation"), blank=True, related_name="agreements"
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_url = models.URLField(_("link to the document"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    label = property(lambda self: in_language(self.title, self.title_en))

    def __str__(self) -> str:
        return f"{self.title} ({self.partner}, {self.date or '?'})"


class AgreementCitation(Citation):
    """The source of an agreement."""

    agreement = ParentalKey(Agreement, on_delete=models.CASCADE, related_name="citations")

    class Meta:
        verbose_name = _("source of the agreement")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.source}: {self.passage[:80]}"


def home_region() -> Actor:
    """The actor whose international relations this instance keeps (settings.WELTNETZ_HOME_REGION)."""
    return Actor.objects.get(slug=settings.WELTNETZ_HOME_REGION)


class DataVersion(models.Model):
    """The data version: one row that database triggers bump on every write to the published data.

    Kept in the database so that every process on every app server sees the same version at once, and
    changed by triggers so that no write path (admin, ORM, loaders, importers, bulk updates, raw SQL) can
    forget it. See `weltnetz.register.version`.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    counter = models.BigIntegerField(default=0)
    # Random per database (and renewed by a restore), so that versions of two databases never collide in
    # a shared cache.
    epoch = models.CharField(max_length=32)
    changed_at = models.FloatField(default=0.0, help_text="seconds since 1970 (UTC) of the last change")

    class Meta:
        db_table = "weltnetz_data_version"
        verbose_name = _("data version")

    def __str__(self) -> str:
        return f"{self.epoch[:8]}-{self.counter}"


class Assertion(models.Model):
    """What one origin (a data folder, an importer) last asserted about one record.

    A reload compares the record with this to tell the origin's own facts from later changes by editors or
    other sources: what nobody else changed is updated, what someone changed is kept and reported.
    """

    origin = models.CharField(max_length=100)
    key = models.CharField(max_length=300, help_text="The record's key within the origin, e.g. a slug.")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    values = models.JSONField(default=dict, help_text="The values the origin asserted, as the recorder compares them.")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assertion of a data source")
        verbose_name_plural = _("assertions of data sources")
        constraints = [models.UniqueConstraint(fields=["origin", "key"], name="assertion_unique_key")]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.origin}: {self.key}"
