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
