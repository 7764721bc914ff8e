"""A relation's home_country is its home place's country on every write path (#14).

A country's relations on either side are found by the partner's country and the stored home country; a stale
value would silently leave a relation out of its country's lists, so each way of writing is tried here, the
ones that bypass Relation.save() included (the triggers of migrations 0011 and 0012 keep those right;
SQLite has none on inserts, where the recording service writes the value itself).
"""

import pytest
from django.db import connection

from weltnetz.register.models import Actor, Relation, Source
from weltnetz.register.recording import ActorRow, Recorder, RecordingError, RelationRow

pytestmark = pytest.mark.django_db


def town(slug: str, country: str) -> Actor:
    return Actor.objects.create(slug=slug, name=slug.title(), kind="municipality", country_code=country)


def stored(rel: Relation) -> str:
    return Relation.objects.filter(pk=rel.pk).values_list("home_country", flat=True).get()


def touching(code: str) -> set[int]:
    return set(
        Relation.objects.filter(kind="municipal_partnership").touching_country(code).values_list("pk", flat=True)
    )


def test_a_new_relation_carries_its_homes_country():
    rel = Relation.objects.create(
        kind="municipal_partnership", home=town("aalen", "DE"), partner=town("tatabanya", "HU")
    )
    assert stored(rel) == "DE" and rel.home_country == "DE"
    assert rel.pk in touching("DE") and rel.pk in touching("HU")


def test_a_place_that_moves_country_takes_its_relations_along():
    home, partner = town("bregenz", "AT"), town("lindau", "DE")
    rel = Relation.objects.create(kind="municipal_partnership", home=home, partner=partner)
    Actor.objects.filter(pk=home.pk).update(country_code="CH")  # no save(): only the database sees it
    assert stored(rel) == "CH"
    assert rel.pk in touching("CH") and rel.pk not in touching("AT")
    partner.country_code = "AT"
    partner.save()  # the partner's side is the relation's own country_code, an editor's field: unchanged
    assert stored(rel) == "CH"


def test_a_new_home_and_raw_sql_are_put_right():
    first, second, partner = town("erste", "FR"), town("zweite", "IT"), town("dritte", "PL")
    rel = Relation.objects.create(kind="municipal_partnership", home=first, partner=partner)
    Relation.objects.filter(pk=rel.pk).update(home=second)
    assert stored(rel) == "IT"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE register_relation SET home_country = 'XX' WHERE id = %s", [rel.pk])
    assert stored(rel) == "IT"


def test_the_importers_bulk_path_writes_it():
    source = Source.objects.create(title="Liste", text="A und B", sha256="b" * 64)
    recorder = Recorder("import")
    a, b, c = recorder.add_actors([ActorRow("Annecy", "FR"), ActorRow("Bayreuth", "DE"), ActorRow("Cieszyn", "PL")])
    rows = [
        RelationRow("municipal_partnership", a, b, "DE", "Zeile 2"),
        RelationRow("municipal_partnership", c, a, "FR", "Zeile 3"),
    ]
    assert recorder.add_relations(rows, source=source) == 2
    found = dict(Relation.objects.filter(home_id__in=[a, c]).values_list("home_id", "home_country"))
    assert found == {a: "FR", c: "PL"}
    assert len(touching("FR") & set(Relation.objects.filter(home_id__in=[a, c]).values_list("pk", flat=True))) == 2


def test_a_home_country_the_caller_gives_is_checked_and_stored():
    """The importer knows each home's country and gives it (no lookup per batch); it is checked like any code."""
    source = Source.objects.create(title="Liste", text="A und B", sha256="c" * 64)
    recorder = Recorder("import")
    a, b, c = recorder.add_actors([ActorRow("Autun", "FR"), ActorRow("Bamberg", "DE"), ActorRow("Celle", "DE")])
    rows = [RelationRow("municipal_partnership", a, b, "DE", "Zeile 2", home_country="fr")]
    assert recorder.add_relations(rows, source=source) == 1
    assert Relation.objects.get(home_id=a, partner_id=b).home_country == "FR"
    with pytest.raises(RecordingError, match="'XY' is not an ISO 3166-1 alpha-2"):
        recorder.add_relations(
            [RelationRow("municipal_partnership", c, a, "FR", "Zeile 3", home_country="XY")], source=source
        )
    assert not Relation.objects.filter(home_id=c).exists()
