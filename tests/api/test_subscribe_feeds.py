"""News as Atom and RSS, anniversaries as iCalendar, and the portal's pages linking to them."""

import datetime as dt

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.django_db


def test_atom_feed_lists_the_news(client):
    response = client.get("/api/v1/feeds/news.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert '<feed xml:lang="de" xmlns="http://www.w3.org/2005/Atom">' in body
    assert "Kanagawa" in body and "/aktuelles/" in body
    assert "<title>weltnetz – Nachrichten zu den internationalen Beziehungen</title>" in body  # German first


def test_rss_feed_lists_the_news(client):
    response = client.get("/api/v1/feeds/news.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<item><title>Baden-Württemberg und Kanagawa" in response.content.decode()


def test_calendar_has_round_anniversaries(client):
    response = client.get("/api/v1/feeds/anniversaries.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert events
    year = dt.date.today().year
    for event in events:
        start = event.decoded("dtstart")
        assert year <= start.year <= year + 5
        assert int(str(event["summary"]).split()[0]) % 5 == 0
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert "Jahre: Baden-Württemberg – " in str(events[0]["summary"])


def test_portal_pages_link_the_feeds(client):
    html = client.get("/de/").content.decode()
    assert 'type="application/atom+xml" href="/api/v1/feeds/news.atom"' in html
    assert 'type="application/rss+xml" href="/api/v1/feeds/news.rss"' in html
    assert 'type="text/calendar" href="/api/v1/feeds/anniversaries.ics"' in html


def _events(client) -> list:
    return list(Calendar.from_ical(client.get("/api/v1/feeds/anniversaries.ics").content).walk("VEVENT"))


def test_calendar_puts_a_known_day_on_that_day_and_a_bare_year_on_no_made_up_day(client):
    from weltnetz.register.models import Relation, StatusChange

    # A partnership founded on a known day: its anniversary is an all-day event on that day.
    rel = Relation.objects.get(partner__slug="ontario", kind="state_partnership")
    rel.status_changes.all().update(date=dt.date(1987, 6, 15), precision="day")
    year = dt.date.today().year
    next_round = next(y for y in range(year, year + 6) if (y - 1987) % 5 == 0)
    events = {str(e["url"]).rsplit("/", 1)[-1] + "-" + str(e.decoded("dtstart").year): e for e in _events(client)}
    ontario = events[f"{rel.pk}-{next_round}"]
    assert ontario.decoded("dtstart") == dt.date(next_round, 6, 15)
    assert ontario.decoded("dtend") == dt.date(next_round, 6, 16)
    # Start years only: no event claims 1 January; it spans the year and its note says why.
    for event in _events(client):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        if (end - start).days != 1:
            assert (start.month, start.day, end.year) == (1, 1, start.year + 1)
            assert "Nur das Jahr ist bekannt" in str(event["description"])
    assert StatusChange.objects.filter(relation=rel, precision="day").exists()


def test_calendar_leaves_resting_and_ended_relations_out(client):
    from weltnetz.register.models import Relation

    resting = set(Relation.objects.filter(status__in=["dormant", "ended"]).values_list("pk", flat=True))
    assert resting  # the three Russian partnerships rest
    listed = {int(str(e["url"]).rsplit("/", 1)[-1]) for e in _events(client)}
    assert listed and not (listed & resting)
