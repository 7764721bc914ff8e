"""The editors' desk pages: consistency checks, the anniversary planner with exports, the dashboard panel."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from weltnetz.register.models import Actor, Relation, StatusChange, home_region

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _relation(name: str, since: int, status: str = "active", day: dt.date | None = None) -> Relation:
    partner = Actor.objects.create(slug=name.lower(), name=name, kind="region", country_code="FR")
    rel = Relation.objects.create(kind="state_partnership", home=home_region(), partner=partner, since=since, live=True)
    StatusChange.objects.create(
        relation=rel, status="active", date=day or dt.date(since, 1, 1), precision="day" if day else "year"
    )
    if status != "active":
        StatusChange.objects.create(relation=rel, status=status, date=None)
    rel.refresh_status()
    return rel


def test_checks_page_lists_findings_with_links(editor_client):
    a = Actor.objects.create(slug="doppel-1", name="Doppelort", kind="municipality", country_code="DE")
    Actor.objects.create(slug="doppel-2", name="Doppelort", kind="municipality", country_code="DE")
    html = editor_client.get(reverse("desk:checks")).content.decode()
    assert "Konsistenzprüfungen" in html
    assert "doppelort" in html and reverse("wagtailsnippets_register_actor:edit", args=[a.pk]) in html
    assert html.count('class="desk-check"') == 7


def test_planner_lists_round_anniversaries_of_active_relations_only(editor_client):
    day = dt.date(TODAY.year + 1 - 25, 3, 14)
    exact = _relation("Jubilarien", day.year, day=day)
    yearly = _relation("Jahresland", TODAY.year + 1 - 10)
    resting = _relation("Ruheland", TODAY.year + 1 - 20, status="dormant")
    early = _relation("Fuenfland", TODAY.year + 1 - 5)  # the 5th is not round for the planner (from the 10th)
    html = editor_client.get(reverse("desk:planner")).content.decode()
    assert "Jubilarien" in html and "Jahresland" in html
    assert "Ruheland" not in html and "Fuenfland" not in html
    assert "Tag unbekannt" in html

    csv = editor_client.get(reverse("desk:planner_csv")).content.decode()
    row = f"{exact.pk},Baden-Württemberg,Jubilarien,state_partnership,{day.year},25,{TODAY.year + 1},"
    assert row + day.replace(year=TODAY.year + 1).isoformat() in csv
    assert f"{yearly.pk},Baden-Württemberg,Jahresland" in csv and "Ruheland" not in csv and early.pk

    ics = editor_client.get(reverse("desk:planner_ics")).content.decode()
    assert f"DTSTART;VALUE=DATE:{day.replace(year=TODAY.year + 1):%Y%m%d}" in ics
    assert f"DTSTART;VALUE=DATE:{TODAY.year + 1}0101" in ics and "DTEND;VALUE=DATE:" in ics
    assert "Ruheland" not in ics and resting.pk


def test_planner_rule_is_configurable(editor_client, settings):
    _relation("Fuenfland", TODAY.year + 1 - 5)
    settings.WELTNETZ_ANNIVERSARY_FIRST = 5
    assert "Fuenfland" in editor_client.get(reverse("desk:planner")).content.decode()


def test_dashboard_shows_what_is_waiting(editor_client, ingested):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="weltnetz-waiting"' in html
    assert "in der Prüfliste" in html and reverse("ingest:queue") in html
    assert reverse("desk:checks") in html and reverse("desk:planner") in html
    assert "Entwürfe" in html
