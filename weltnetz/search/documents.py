"""What each indexed object contributes to the search: title, body and other spellings, in German and English.

One builder per kind returns unsaved SearchEntry rows (or nothing for what visitors may not see: drafts,
unpublished pages). The builders take querysets so reindexing can stream them in batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from babel import Locale
from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override

from weltnetz.register.models import Actor, Agreement, Relation

from .models import Kind, SearchEntry
from .text import variants

# Words people search with that the labels do not contain ("Städtepartnerschaft" for a municipal partnership).
SYNONYMS = {
    "municipal_partnership": "Städtepartnerschaft Partnerstadt Partnerschaft twinning twin town sister city",
    "state_partnership": "Partnerregion Partnerschaft partner region",
    "representation": "Vertretung Büro Repräsentanz office",
    "network_membership": "Netzwerk Mitgliedschaft network",
}
WEIGHTS = {Kind.ACTOR: 2.0, Kind.AGREEMENT: 1.5, Kind.NEWS: 1.2, Kind.RELATION: 1.0}


@lru_cache(maxsize=1024)
def country_name(code: str, language: str) -> str:
    """The country's name in German or English ("JP" -> "Japan"), empty when unknown."""
    if not code:
        return ""
    return Locale(language).territories.get(code.upper(), "")


def _join(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p not in (None, ""))


@lru_cache(maxsize=4096)
def _label(model: type[models.Model], field: str, value: str, language: str) -> str:
    """A choice's display label in a language (get_FOO_display is slow across 50,000 rows)."""
    if not value:
        return ""
    with override(language):
        return str(dict(getattr(model._meta.get_field(field), "flatchoices", ())).get(value, value))


@lru_cache(maxsize=1)
def _partner_url_pattern() -> str:
    with override("de"):
        return reverse("portal:partner", kwargs={"slug": "SLUG"})


@lru_cache(maxsize=1)
def _town_url_pattern() -> str:
    with override("de"):
        return reverse("portal:town", kwargs={"slug": "SLUG"})


def _partner_url(actor: Actor, regional: bool = True) -> str:
    """The partner page under /de/ (one reverse() for all rows); a town's page for a town of the twinnings only."""
    return (_partner_url_pattern() if regional else _town_url_pattern()).replace("SLUG", actor.slug, 1)


def _actor_names(actor: Actor, language: str) -> str:
    names = [actor.name, actor.name_en] if language == "de" else [actor.name_en or actor.name]
    return _join(*dict.fromkeys(names), country_name(actor.country_code, language))


def actor_entry(actor: Actor) -> SearchEntry:
    """A partner or place: its names, other spellings, kind, country and description."""
    regional = getattr(actor, "in_home_region", True)  # annotated by queryset(): towns of the twinnings only: False
    return SearchEntry(
        kind=Kind.ACTOR,
        object_id=actor.pk,
        title=actor.name,
        title_en=actor.name_en,
        body=_join(_label(Actor, "kind", actor.kind, "de"), country_name(actor.country_code, "de"), actor.description),
        body_en=_join(
            _label(Actor, "kind", actor.kind, "en"), country_name(actor.country_code, "en"), actor.description_en
        ),
        keywords=_join(*actor.aliases, *variants(_join(actor.name, *actor.aliases))),
        url=_partner_url(actor, regional),
        weight=WEIGHTS[Kind.ACTOR],
        regional=regional,
    )


def relation_entry(relation: Relation) -> SearchEntry | None:
    """A published relation: who with whom, its kind, start, topics and note; links to the partner page."""
    if not relation.live:
        return None
    home, partner = relation.home, relation.partner
    topics = list(relation.topics.all())
    regional = getattr(relation, "in_home_region", relation.kind != "municipal_partnership")  # see queryset()

    def text(language: str) -> str:
        return _join(
            _label(Relation, "kind", relation.kind, language),
            _label(Relation, "category", relation.category, language),
            _label(Relation, "status", relation.status, language),
            relation.since,
            relation.since_note if language == "de" else "",
            _actor_names(home, language),
            _actor_names(partner, language),
            *(t.name if language == "de" else t.name_en for t in topics),
            relation.note if language == "de" else relation.note_en,
        )

    return SearchEntry(
        kind=Kind.RELATION,
        object_id=relation.pk,
        title=relation.title or f"{home.name} – {partner.name}",
        title_en=relation.title or f"{home.name_en or home.name} – {partner.name_en or partner.name}",
        body=text("de"),
        body_en=text("en"),
        keywords=_join(
            SYNONYMS.get(relation.kind, ""),
            *partner.aliases,
            *variants(_join(home.name, partner.name, *partner.aliases, relation.title)),
        ),
        url=_partner_url(partner, regional),
        weight=WEIGHTS[Kind.RELATION],
        regional=regional,
    )


def agreement_entry(agreement: Agreement) -> SearchEntry | None:
    """A published agreement: title, summary, partner, place, signatories and topics."""
    if not agreement.live:
        return None
    partner = agreement.partner
    people = [p.name for p in agreement.signatories.all()]
    topics = list(agreement.topics.all())

    def text(language: str) -> str:
        return _join(
            _label(Agreement, "kind", agreement.kind, language),
            agreement.date.year if agreement.date else "",
            _actor_names(partner, language),
            agreement.place.name if agreement.place else "",
            *people,
            *(t.name if language == "de" else t.name_en for t in topics),
            agreement.summary if language == "de" else agreement.summary_en,
        )

    return SearchEntry(
        kind=Kind.AGREEMENT,
        object_id=agreement.pk,
        title=agreement.title,
        title_en=agreement.title_en,
        body=text("de"),
        body_en=text("en"),
        keywords=_join(*variants(_join(agreement.title, partner.name, *people))),
        url=_partner_url(partner),
        weight=WEIGHTS[Kind.AGREEMENT],
    )


def stream_text(value: object) -> str:
    """All visible text of a StreamField value (paragraphs, quotes, captions), tags stripped."""
    if value is None:
        return ""
    if hasattr(value, "source"):  # RichText
        return strip_tags(value.source)
    if isinstance(value, str):
        return strip_tags(value)
    if isinstance(value, dict):  # StructValue
        return _join(*(stream_text(v) for v in value.values()))
    if hasattr(value, "raw_data") or isinstance(value, (list, tuple)):  # StreamValue, ListValue
        return _join(*(stream_text(getattr(child, "value", child)) for child in value))  # type: ignore[attr-defined]
    return ""


def news_entry(page) -> SearchEntry | None:
    """A published news page: kicker, title, lead, body text; partners and topics as other spellings."""
    if not page.live:
        return None
    partners = list(page.partners.all()) if hasattr(page, "partners") else []
    with override("de"):
        url = page.get_url() or page.url_path
    return SearchEntry(
        kind=Kind.NEWS,
        object_id=page.pk,
        title=page.title,
        body=_join(getattr(page, "kicker", ""), getattr(page, "lead", ""), stream_text(getattr(page, "body", None))),
        keywords=_join(*(a.name for a in partners), *variants(_join(page.title, *(a.name for a in partners)))),
        url=url,
        weight=WEIGHTS[Kind.NEWS],
    )


def news_model():
    """The portal's NewsPage model, or None while the portal app does not define it."""
    try:
        return apps.get_model("portal", "NewsPage")
    except LookupError:
        return None


ACTOR_FIELDS = ["slug", "name", "name_en", "aliases", "country_code"]


def queryset(kind: str) -> QuerySet | None:
    """Every object of a kind that may be indexed, with what its builder reads prefetched."""
    # only(): loading the unused columns of 56,000 rows was a third of the reindexing time.
    if kind == Kind.ACTOR:
        return (
            Actor.objects.only(*ACTOR_FIELDS, "kind", "description", "description_en", "is_home")
            .with_home_region_scope()
            .order_by("pk")
        )
    if kind == Kind.RELATION:
        return (
            Relation.objects.filter(live=True)
            .with_home_region_scope()
            .select_related("home", "partner")
            .only(
                "kind",
                "category",
                "status",
                "since",
                "since_note",
                "title",
                "note",
                "note_en",
                "live",
                *(f"home__{f}" for f in ACTOR_FIELDS),
                *(f"partner__{f}" for f in ACTOR_FIELDS),
            )
            .prefetch_related("topics")
            .order_by("pk")
        )
    if kind == Kind.AGREEMENT:
        return (
            Agreement.objects.filter(live=True)
            .select_related("partner", "place")
            .prefetch_related("signatories", "topics")
            .order_by("pk")
        )
    if kind == Kind.NEWS and (model := news_model()) is not None:
        return model.objects.live().order_by("pk")
    return None


BUILDERS = {
    Kind.ACTOR: actor_entry,
    Kind.RELATION: relation_entry,
    Kind.AGREEMENT: agreement_entry,
    Kind.NEWS: news_entry,
}


def entries(kind: str, objects: Iterable) -> Iterator[SearchEntry]:
    """The entries for some objects of one kind (drafts and unpublished pages left out)."""
    build = BUILDERS[Kind(kind)]
    for obj in objects:
        if (entry := build(obj)) is not None:
            yield entry
