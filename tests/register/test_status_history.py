"""Model rules: the status is derived from the dated history, as-of queries, round anniversaries."""

import datetime as dt

import pytest

from weltnetz.register.models import Actor, Relation, StatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    home = Actor.objects.get(is_home=True)
    partner = Actor.objects.create(slug="testregion", kind="region", name="Testregion", country_code="FR")
    rel = Relation.objects.create(kind="state_partnership", home=home, partner=partner, since=2000)
    StatusChange.objects.create(relation=rel, status="active", date=dt.date(2000, 1, 1))
    return rel


def test_current_status_follows_the_latest_change(partnership):
    assert Relation.objects.get(pk=partnership.pk).status == "active"
    StatusChange.objects.create(relation=partnership, status="dormant", date=dt.date(2022, 3, 1))
    partnership.refresh_from_db()
    assert partnership.status == "dormant"
    StatusChange.objects.create(relation=partnership, status="active", date=dt.date(2024, 5, 1))
    partnership.refresh_from_db()
    assert partnership.status == "active"


def test_deleting_a_change_recomputes_the_status(partnership):
    change = StatusChange.objects.create(relation=partnership, status="ended", date=dt.date(2020, 1, 1))
    partnership.refresh_from_db()
    assert partnership.status == "ended"
    change.delete()
    partnership.refresh_from_db()
    assert partnership.status == "active"


def test_as_of_queries_answer_what_was_active_then(partnership):
    StatusChange.objects.create(relation=partnership, status="dormant", date=dt.date(2022, 3, 1))
    active_2015 = Relation.objects.active_on(dt.date(2015, 6, 1))
    active_2023 = Relation.objects.active_on(dt.date(2023, 6, 1))
    assert partnership in active_2015
    assert partnership not in active_2023
    assert partnership not in Relation.objects.active_on(dt.date(1999, 6, 1))
    # The seed data: Moscow (since 2007) was active in 2015 although it rests now; California (2018) was not yet.
    names_2015 = set(active_2015.values_list("partner__name", flat=True))
    assert {"Moskau", "Liaoning", "Burundi"} <= names_2015
    assert "Kalifornien" not in names_2015


def test_status_on_matches_the_query(partnership):
    assert partnership.status_on(dt.date(1999, 12, 31)) is None
    assert partnership.status_on(dt.date(2000, 1, 1)) == "active"


def test_round_anniversaries(partnership):
    assert partnership.anniversary_in(2025) == 25
    assert partnership.anniversary_in(2026) is None
    assert partnership.next_anniversary(dt.date(2026, 11, 21)) == (2030, 30)
    in_2027 = {r.partner.name: r.age for r in Relation.objects.anniversaries(2027).select_related("partner")}
    # Ontario 1987 → 40, Jiangsu? 1986 → 41 (no), Liaoning 1982 → 45, Under2 2015 → 12 (no)
    assert in_2027["Ontario"] == 40
    assert in_2027["Liaoning"] == 45
    assert "Jiangsu" not in in_2027 and "Under2 Coalition" not in in_2027


def test_relation_takes_its_country_from_the_partner(partnership):
    assert partnership.country_code == "FR"
