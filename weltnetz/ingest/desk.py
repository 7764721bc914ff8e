"""The editorial desk in the admin: consistency checks, the anniversary planner (with CSV and iCalendar), and
the dashboard panels that show what is waiting (proposed facts, drafts, failed checks, anniversaries).

The checks live in register/checks.py and the anniversaries in register/anniversaries.py; these views only
translate them into pages, links and files.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from weltnetz.register import checks
from weltnetz.register.anniversaries import Anniversary, between, planner_rule
from weltnetz.register.models import Actor, Agreement, Relation, Source
from weltnetz.register.vocab import Status

from .models import ProposedFact

ADMIN_PERMISSION = "wagtailadmin.access_admin"


def desk_access(view):
    """Signed-in users of the admin (Wagtail's login sends the others to the sign-in page)."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.has_perm(ADMIN_PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return user_passes_test(lambda u: u.is_authenticated)(wrapper)


def _edit_url(model: str, pk: int) -> str:
    try:
        return reverse(f"wagtailsnippets_register_{model}:edit", args=[pk])
    except NoReverseMatch:
        return ""


# -- consistency checks --------------------------------------------------------------------------------------
@dataclass
class Link:
    label: str
    url: str


def _links(findings: list[checks.Finding]) -> list[tuple[checks.Finding, list[Link]]]:
    relation_ids = {i for f in findings for i in f.relations}
    actor_ids = {i for f in findings for i in f.actors}
    source_ids = {i for f in findings for i in f.sources}
    relations = {r.pk: r for r in Relation.objects.filter(pk__in=relation_ids).select_related("home", "partner")}
    actors = {a.pk: a for a in Actor.objects.filter(pk__in=actor_ids)}
    sources = {s.pk: s for s in Source.objects.filter(pk__in=source_ids).only("id", "title")}
    out = []
    for f in findings:
        links = [Link(str(relations[i]), _edit_url("relation", i)) for i in f.relations if i in relations]
        links += [Link(f"{actors[i]} (#{i})", _edit_url("actor", i)) for i in f.actors if i in actors]
        links += [
            Link(_("Source: %(title)s") % {"title": sources[i]}, _edit_url("source", i))
            for i in f.sources
            if i in sources
        ]
        out.append((f, links))
    return out


@desk_access
def checks_page(request: HttpRequest) -> HttpResponse:
    """Every consistency check with what it finds, linked to the records and sources concerned."""
    results = checks.run()
    sections = [{"code": c.code, "title": c.title, "items": _links(results[c.code])} for c in checks.CHECKS]
    total = sum(len(results[c.code]) for c in checks.CHECKS)
    return render(request, "ingest/checks.html", {"sections": sections, "total": total})


# -- anniversary planner -------------------------------------------------------------------------------------
@dataclass
class PlannedAnniversary:
    anniversary: Anniversary
    relation: Relation
    news: Any  # the latest published news page about the partner, or None

    @property
    def when(self) -> str:
        a = self.anniversary
        if a.date is not None:
            return a.date.isoformat()
        return str(a.year)


def window_end(today: dt.date) -> dt.date:
    return checks.anniversary_window(today)[1]


def planned(today: dt.date | None = None) -> list[PlannedAnniversary]:
    """Round anniversaries of the next 24 months (planner rule), active relations only, with the latest news."""
    today = today or timezone.localdate()
    first, every = planner_rule()
    rows = between(today, window_end(today), Relation.objects.public(), (Status.ACTIVE,), first=first, every=every)
    relations = Relation.objects.filter(pk__in=[a.relation_id for a in rows]).select_related("home", "partner")
    by_id = {r.pk: r for r in relations}
    news: dict[int, Any] = {}
    for rel in by_id.values():
        if rel.partner_id not in news:
            pages = getattr(rel.partner, "news_pages", None)
            news[rel.partner_id] = pages.live().order_by("-date").first() if pages is not None else None
    return [
        PlannedAnniversary(a, by_id[a.relation_id], news.get(by_id[a.relation_id].partner_id))
        for a in rows
        if a.relation_id in by_id
    ]


@desk_access
def planner_page(request: HttpRequest) -> HttpResponse:
    """The round anniversaries of the next 24 months, with CSV and iCalendar exports."""
    today = timezone.localdate()
    first, every = planner_rule()
    return render(
        request,
        "ingest/planner.html",
        {"entries": planned(today), "start": today, "end": window_end(today), "first": first, "every": every},
    )


@desk_access
def planner_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="weltnetz-jubilaeen.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["relation_id", "home", "partner", "kind", "since", "age", "year", "date", "latest_news", "news_date"]
    )
    for e in planned():
        a, rel = e.anniversary, e.relation
        writer.writerow(
            [
                rel.pk,
                rel.home.name,
                rel.partner.name,
                rel.kind,
                a.since,
                a.age,
                a.year,
                a.date.isoformat() if a.date else "",
                e.news.title if e.news else "",
                e.news.date.isoformat() if e.news else "",
            ]
        )
    return response


@desk_access
def planner_ics(request: HttpRequest) -> HttpResponse:
    """The planner as iCalendar: an all-day event on the day where it is known, the whole year (said so) where not."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//weltnetz//planner//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("weltnetz – anniversary planner"))
    stamp = timezone.now()
    host = request.get_host().split(":")[0] or "weltnetz"
    for e in planned():
        a, rel = e.anniversary, e.relation
        event = Event()
        event.add("uid", f"planner-relation-{rel.pk}-{a.year}@{host}")
        event.add("dtstamp", stamp)
        note = _("Since %(year)s.") % {"year": a.since}
        if a.date is not None:
            event.add("dtstart", a.date)
            event.add("dtend", a.date + dt.timedelta(days=1))
        else:
            event.add("dtstart", dt.date(a.year, 1, 1))
            event.add("dtend", dt.date(a.year + 1, 1, 1))
            note += " " + _("Only the year is known, not the day: the entry spans the whole year.")
        if e.news is not None:
            note += " " + _("Latest news: %(title)s (%(date)s)") % {"title": e.news.title, "date": e.news.date}
        event.add("transp", "TRANSPARENT")
        event.add(
            "summary",
            _("%(age)s years: %(home)s – %(partner)s") % {"age": a.age, "home": rel.home, "partner": rel.partner},
        )
        event.add("description", note)
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="weltnetz-jubilaeen.ics"'
    return response


# -- the dashboard -------------------------------------------------------------------------------------------
def drafts_waiting() -> dict[str, int]:
    """Relations and agreements with a draft nobody published yet, and those in a moderation workflow."""
    in_workflow = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    return {
        "relations": Relation.objects.filter(has_unpublished_changes=True).count(),
        "agreements": Agreement.objects.filter(has_unpublished_changes=True).count(),
        "in_workflow": in_workflow.count(),
    }


class WaitingPanel(Component):
    """The admin dashboard's "what is waiting": proposed facts, drafts, failed checks, coming anniversaries."""

    name = "weltnetz_waiting"
    order = 50
    template_name = "ingest/panel_waiting.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        results = checks.run()
        failed = [(c.title, len(results[c.code]), c.code) for c in checks.CHECKS if results[c.code]]
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None)
        return {
            "may_review": bool(user is not None and user.has_perm("ingest.review_proposedfact")),
            "pending": ProposedFact.objects.open().count(),
            "drafts": drafts_waiting(),
            "failed": failed,
            "findings": sum(n for _t, n, _c in failed),
            "anniversaries": planned()[:5],
        }
