"""The data version lives in the database and changes on every write path, whoever writes."""

import pytest
from django.db import connection

from weltnetz.register import version
from weltnetz.register.models import Actor, Relation, Topic

pytestmark = pytest.mark.django_db


def changes(write) -> bool:
    before = version.register_version()
    write()
    return version.register_version() != before


def test_every_table_of_the_published_data_has_the_triggers():
    tables = version.tracked_tables()
    assert {"register_relation", "register_topic", "wagtailcore_page", "weltnetz_search_searchentry"} <= set(tables)
    assert "portal_feedbacksubmission" not in tables  # the public's feedback must not flush every cache
    assert version.tables_without_triggers(connection) == []


def test_orm_save_and_delete_change_the_version():
    topic = Topic.objects.get(slug="energy")
    topic.name = "Energiewende"
    assert changes(topic.save)
    assert changes(Topic.objects.create(slug="water", name="Wasser", name_en="Water").delete)


def test_bulk_writes_that_bypass_signals_change_the_version():
    assert changes(lambda: Relation.objects.filter(country_code="JP").update(since_note="bulk"))
    assert changes(lambda: Topic.objects.bulk_create([Topic(slug="space", name="Raumfahrt", name_en="Space")]))
    assert changes(lambda: Actor.objects.filter(slug="kanagawa").update(name_en="Kanagawa Prefecture"))


def test_raw_sql_changes_the_version():
    def raw():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE register_topic SET name_en = 'Power' WHERE slug = 'energy'")

    assert changes(raw)


def test_a_page_publish_changes_the_version():
    from weltnetz.portal.models import StandardPage

    page = StandardPage.objects.first()
    page.title = "Impressum (neu)"
    assert changes(lambda: page.save_revision().publish())


def test_reading_does_not_change_the_version():
    assert not changes(lambda: list(Relation.objects.all()))
    assert not changes(lambda: None)


def test_several_changes_in_one_transaction_are_each_seen():
    # Tests run inside a transaction, like a long management command: every read sees the writes before it.
    seen = {version.register_version()}
    for name in ("A", "B", "C"):
        Topic.objects.filter(slug="energy").update(name=name)
        seen.add(version.register_version())
    assert len(seen) == 4


def test_renew_gives_a_new_epoch():
    before = version.register_version()[0].split("-")[0]
    version.renew()
    assert version.register_version()[0].split("-")[0] != before
