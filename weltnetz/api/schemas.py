"""The shapes the API answers with (they make the OpenAPI description that Schemathesis checks)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class ErrorItem(Schema):
    field: str = Field(description="The parameter or record the error is about.")
    reason: str


class ErrorResponse(Schema):
    errors: list[ErrorItem]


class ThirdPartyLicence(Schema):
    covers: str = Field(description="Which records come from a third party")
    licence: str = Field(description="Their licence, e.g. MIT")
    notice: str = Field(description="The copyright notice to keep with every copy")


class LicenceInfo(Schema):
    id: str = Field(description="e.g. dl-de/by-2-0")
    title: str
    uri: str = Field(description="The licence's URI in DCAT-AP.de's licence vocabulary")
    url: str = Field(description="The licence text")
    attribution: str = Field(description="The attribution to give when reusing the data")
    attribution_required: bool
    third_party: list[ThirdPartyLicence] = Field(
        description="Data in the register under another licence, whose notice goes with every copy"
    )


class Licensed(Schema):
    license: LicenceInfo = Field(description="The licence of the data in this answer")


class PlaceRef(Schema):
    id: int
    slug: str
    kind: str
    name: str = Field(description="German name")
    name_en: str = Field(description="English name (empty when unknown)")
    country: str = Field(description="ISO 3166-1 alpha-2 (empty for networks)")
    subdivision: str = Field(description="ISO 3166-2 (e.g. DE-BW), empty when unknown")
    continent: str
    latitude: float | None
    longitude: float | None


class RelationItem(Schema):
    id: int
    url: str
    kind: str
    title: str = Field(description="Name of the relation where it has one of its own (German)")
    title_en: str = Field(description="Its English name (empty when unknown)")
    home: PlaceRef
    partner: PlaceRef
    country: str
    since: int | None
    since_note: str = Field(description='The start as the source words it, e.g. "Anfang der 80er Jahre"')
    since_note_en: str = Field(description='The same in English, e.g. "early 1980s"')
    status: str = Field(description="Current status: active, dormant, ended (empty when unknown)")
    status_since: str | None = Field(
        description=(
            "Since when the current status holds, as precisely as a source states it (YYYY, YYYY-MM or "
            "YYYY-MM-DD); null where no source gives a date ('seit wann unbekannt')"
        )
    )
    status_as_of: str | None = Field(None, description="Status on the `as_of` date (only with as_of)")
    status_as_of_since: str | None = Field(
        None, description="Since when the status on the `as_of` date held (only with as_of; null when unknown)"
    )
    category: str
    topics: list[str]


class FacetValue(Schema):
    value: str
    count: int


class Page(Licensed):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None


class RelationPage(Page):
    results: list[RelationItem]
    facets: dict[str, list[FacetValue]] | None = None


class SourceRef(Schema):
    id: int
    title: str
    kind: str
    publisher: str
    url: str
    published_on: dt.date | None


class Cited(Schema):
    source: SourceRef | None
    passage: str


class StatusEntry(Schema):
    status: str
    date: dt.date | None = Field(description="From when; null where no source gives a date ('seit wann unbekannt')")
    precision: str
    note: str
    note_en: str
    sources: list[Cited]


class FactSource(Cited):
    field: str = Field(description="record (the relation itself), since, topics")


class AgreementRef(Schema):
    id: int
    title: str
    kind: str
    date: dt.date | None
    url: str


class RelationDetail(RelationItem, Licensed):
    note: str
    note_en: str
    status_history: list[StatusEntry]
    sources: list[FactSource]
    agreements: list[AgreementRef]


class PlaceItem(PlaceRef):
    url: str
    aliases: list[str]
    wikidata_id: str
    is_home: bool
    parent: int | None


class PlacePage(Page):
    results: list[PlaceItem]


class PlaceRelation(Schema):
    id: int
    url: str
    kind: str
    role: str = Field(description="home or partner: which side of the relation this place is on")
    other: PlaceRef
    since: int | None
    status: str
    category: str
    topics: list[str]


class PlaceDetail(PlaceItem, Licensed):
    description: str
    description_en: str
    website: str
    portal_url: str
    relations: list[PlaceRelation]


class AgreementItem(Schema):
    id: int
    url: str
    title: str
    title_en: str
    kind: str
    date: dt.date | None
    date_precision: str
    partner: PlaceRef
    place: PlaceRef | None
    relation: int | None
    topics: list[str]


class AgreementPage(Page):
    results: list[AgreementItem]


class Person(Schema):
    name: str
    slug: str


class AgreementDetail(AgreementItem, Licensed):
    summary: str
    summary_en: str
    signatories: list[Person]
    document_url: str
    sources: list[Cited]


class TopicItem(Schema):
    slug: str
    name: str
    name_en: str
    url: str
    relations: int = Field(description="published relations with this field of cooperation")


class TopicPage(Page):
    results: list[TopicItem]


class TopicDetail(TopicItem, Licensed):
    relation_ids: list[int]


class NewsItem(Schema):
    id: int
    url: str
    title: str
    kicker: str
    date: dt.date | None
    lead: str
    page_url: str
    partners: list[str]
    topics: list[str]


class NewsPage(Page):
    results: list[NewsItem]


class NewsBlock(Schema):
    type: str
    value: dict


class NewsDetail(NewsItem, Licensed):
    reading_time: int | None
    body: list[NewsBlock]
    related: list[int]


class Anniversary(Schema):
    relation: RelationItem
    year: int
    age: int
    date: dt.date | None = Field(description="The day when the start date is known to the day, else null")
    precision: str


class AnniversaryList(Licensed):
    count: int
    results: list[Anniversary]
