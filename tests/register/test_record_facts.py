"""The recording service: one writer of facts, live or as drafts, with a diff before writing."""

import datetime as dt

import pytest

from weltnetz.register.models import Actor, Relation, Source
from weltnetz.register.recording import (
    REVIEW,
    ActorFact,
    Cite,
    Recorder,
    RecordingError,
    RelationFact,
    StatusFact,
)
from weltnetz.search.query import matching_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def home() -> Actor:
    return Actor.objects.get(is_home=True)


@pytest.fixture
def release() -> Source:
    return Source.objects.create(title="Pressemitteilung", text="Die Partnerschaft mit Kanagawa ruht.", sha256="x" * 64)


def kanagawa() -> Relation:
    return Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")


def test_a_dry_run_reports_what_would_change_and_writes_nothing(editor, release):
    relation = kanagawa()
    fact = RelationFact(
        kind=relation.kind,
        home=relation.home,
        partner=relation.partner,
        since=1990,
        topics=["youth"],
        status=[StatusFact("dormant", cite=Cite(source=release, passage="ruht"))],
    )
    result = Recorder(REVIEW, user=editor).relation(fact, dry_run=True)

    changes = {c.field: (c.before, c.after) for c in result.changes}
    assert changes["status"] == ("active", "dormant")
    assert "youth" in changes["topics"][1] and "youth" not in changes["topics"][0]
    # the start year differs from what the register holds: reported, not taken
    assert [(c.field, c.kept, c.asserted) for c in result.conflicts] == [("since", 1989, 1990)]
    relation.refresh_from_db()
    assert relation.status == "active" and not relation.topics.filter(slug="youth").exists()


def test_a_draft_goes_into_a_revision_and_leaves_the_published_record(editor, release):
    relation = kanagawa()
    fact = RelationFact(
        kind=relation.kind,
        home=relation.home,
        partner=relation.partner,
        status=[StatusFact("dormant", cite=Cite(source=release, passage="ruht"))],
    )
    result = Recorder(REVIEW, user=editor, publish=False).relation(fact)

    relation.refresh_from_db()
    assert relation.status == "active" and relation.status_changes.count() == 1  # visitors see no change
    assert relation.has_unpublished_changes
    draft = result.revision.as_object()
    assert [c.status for c in draft.history()] == ["active", "dormant"]
    assert result.revision.user == editor


def test_a_new_relation_recorded_as_draft_is_not_public(editor, home):
    partner = Recorder(REVIEW).actor(ActorFact(name="Bretagne", kind="region", country="fr")).record
    assert partner.country_code == "FR" and partner.continent == "europe" and partner.name_key == "bretagne"

    result = Recorder(REVIEW, user=editor, publish=False).relation(
        RelationFact(kind="cooperation", home=home, partner=partner, since=2024)
    )

    assert result.created and not result.record.live
    assert not Relation.objects.public().filter(pk=result.record.pk).exists()
    assert matching_ids("Bretagne", "relation") == []


def test_a_status_change_from_a_press_release_is_recorded_with_its_citation(editor, release):
    Recorder(REVIEW, user=editor).status(kanagawa(), StatusFact("dormant", cite=Cite(source=release, passage="ruht")))

    relation = kanagawa()
    assert relation.status == "dormant"
    change = relation.history()[-1]
    assert (change.status, change.date, change.source, change.origin) == ("dormant", None, release, REVIEW)
    assert relation.latest_revision.user == editor


def test_a_recorded_relation_is_found_by_its_topic_and_partner(home):
    partner = Recorder(REVIEW).actor(ActorFact(name="Zauberprovinz", kind="region", country="IT")).record
    Recorder(REVIEW).relation(RelationFact(kind="cooperation", home=home, partner=partner, topics=["tourism"]))
    relation = Relation.objects.get(partner=partner)
    assert relation.live and relation.country_code == "IT"
    assert matching_ids("Zauberprovinz Tourismus", "relation") == [relation.pk]


def test_bad_values_are_refused_naming_the_field(home):
    partner = Actor.objects.get(slug="kanagawa")
    with pytest.raises(RecordingError, match="country: 'XY' is not an ISO 3166-1"):
        Recorder(REVIEW).relation(RelationFact(kind="cooperation", home=home, partner=partner, country="xy"))
    with pytest.raises(RecordingError, match="topics: unknown topic astrology"):
        Recorder(REVIEW).relation(RelationFact(kind="cooperation", home=home, partner=partner, topics=["astrology"]))
    with pytest.raises(RecordingError, match="since: 3000 is not a plausible year"):
        Recorder(REVIEW).relation(RelationFact(kind="cooperation", home=home, partner=partner, since=3000))
    assert not Relation.objects.filter(kind="cooperation", partner=partner).exists()


def test_merging_never_overwrites_a_value_the_register_holds(editor, release):
    relation = kanagawa()
    result = Recorder(REVIEW, user=editor).relation(
        RelationFact(kind=relation.kind, home=relation.home, partner=relation.partner, since=1990, note="Neu")
    )
    relation.refresh_from_db()
    assert relation.since == 1989 and relation.note == "Neu"  # the empty note is filled in
    assert [c.field for c in result.conflicts] == ["since"]
    assert dt.date(1989, 1, 1) in [c.date for c in relation.history()]
