"""Feeds: the news as Atom and RSS (Django syndication) and the round anniversaries as iCalendar."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from ninja import Router

from weltnetz.register.news import live_news
from weltnetz.register.opendata import attribution

from .anniversaries import anniversaries_between
from .caching import cached_response
from .v1_common import ERRORS

router = Router(tags=["feeds"])


def _doc(media_type: str, description: str) -> dict:
    return {"responses": {200: {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}}}


FEED_ITEMS = 50
CALENDAR_YEARS = 5


class NewsRssFeed(Feed):
    """The latest published news articles."""

    def title(self) -> str:
        return _("weltnetz – News on international relations")

    def description(self) -> str:
        return _("News of the register of international relations")

    def link(self) -> str:
        return "/de/"

    def feed_copyright(self) -> str:
        """The licence and attribution (Atom <rights>, RSS <copyright>)."""
        return attribution()

    def items(self):
        # The originals (German); their English translations are pages of the /en/ tree.
        return live_news().order_by("-date", "-id")[:FEED_ITEMS]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.lead

    def item_link(self, item) -> str:
        return item.get_url() or "/"

    def item_pubdate(self, item) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(12)))

    def item_updateddate(self, item) -> dt.datetime | None:
        return item.last_published_at

    def item_categories(self, item) -> list[str]:
        return [item.kicker] if item.kicker else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


@router.get(
    "/feeds/news.rss",
    response={200: str, **ERRORS},
    url_name="news_rss",
    openapi_extra=_doc("application/rss+xml", "RSS 2.0 of the latest news"),
)
def news_rss(request: HttpRequest) -> HttpResponse:
    """RSS 2.0 of the news, with an ETag like every API answer."""
    return cached_response(
        request,
        lambda: NewsRssFeed()(request).content,
        content_type="application/rss+xml; charset=utf-8",
        render=lambda b: b,
    )


@router.get(
    "/feeds/news.atom",
    response={200: str, **ERRORS},
    url_name="news_atom",
    openapi_extra=_doc("application/atom+xml", "Atom 1.0 of the latest news"),
)
def news_atom(request: HttpRequest) -> HttpResponse:
    """Atom 1.0 of the news."""
    return cached_response(
        request,
        lambda: NewsAtomFeed()(request).content,
        content_type="application/atom+xml; charset=utf-8",
        render=lambda b: b,
    )


def anniversaries_calendar(request: HttpRequest) -> bytes:
    """An all-day event for each round anniversary of an active relation in the coming years.

    Where the start is known to the day, the event is on that day. Where only the year is known, the event
    spans the whole year and its note says so, instead of pretending the anniversary falls on 1 January.
    """
    today = timezone.localdate()
    cal = Calendar()
    cal.add("prodid", "-//weltnetz//anniversaries//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("weltnetz – anniversaries of international relations"))
    cal.add("x-wr-caldesc", attribution())
    stamp = timezone.now()
    host = request.get_host().split(":")[0] or "weltnetz"
    for a in anniversaries_between(dt.date(today.year, 1, 1), dt.date(today.year + CALENDAR_YEARS, 12, 31)):
        rel = a["relation"]
        event = Event()
        event.add("uid", f"relation-{rel['id']}-{a['year']}@{host}")
        event.add("dtstamp", stamp)
        note = _("Since %(year)s.") % {"year": rel["since"]}
        if a["date"] is not None:
            event.add("dtstart", a["date"])
            event.add("dtend", a["date"] + dt.timedelta(days=1))
        else:
            event.add("dtstart", dt.date(a["year"], 1, 1))
            event.add("dtend", dt.date(a["year"] + 1, 1, 1))
            note += " " + _("Only the year is known, not the day: the entry spans the whole year.")
        event.add("transp", "TRANSPARENT")
        event.add(
            "summary",
            _("%(age)s years: %(home)s – %(partner)s")
            % {"age": a["age"], "home": rel["home"]["name"], "partner": rel["partner"]["name"]},
        )
        event.add("description", note)
        event.add("url", request.build_absolute_uri(rel["url"]))
        event.add("categories", [rel["kind"]])
        cal.add_component(event)
    return cal.to_ical()


@router.get(
    "/feeds/anniversaries.ics",
    response={200: str, **ERRORS},
    url_name="anniversaries_ics",
    openapi_extra=_doc("text/calendar", "iCalendar of the round anniversaries of the coming years"),
)
def anniversaries_ics(request: HttpRequest) -> HttpResponse:
    """iCalendar of the round anniversaries of the coming years."""
    return cached_response(
        request,
        lambda: anniversaries_calendar(request),
        content_type="text/calendar; charset=utf-8",
        render=lambda b: b,
        filename="weltnetz-anniversaries.ics",
    )
