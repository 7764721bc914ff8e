"""The editors' review queue in the Wagtail admin: list proposed facts, then accept, correct or reject each."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import FORMS
from .models import ProposedFact

PERMISSION = "ingest.review_proposedfact"


def reviewer_required(view):
    """Only editors with the review permission may see or change the queue (Wagtail handles the login)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@reviewer_required
def queue(request: HttpRequest) -> HttpResponse:
    """The facts awaiting a decision (or, with ?state=, those decided)."""
    states = dict(ProposedFact.State.choices)
    state = request.GET.get("state") or ProposedFact.State.PENDING
    if state not in states:
        state = ProposedFact.State.PENDING
    facts = ProposedFact.objects.in_state(state).for_queue()
    page = Paginator(facts, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "ingest/queue.html",
        {
            "page": page,
            "state": state,
            "state_label": states[state],
            "states": [(k, v) for k, v in states.items() if k != ProposedFact.State.ALREADY_IN_REGISTER],
            "pending": ProposedFact.objects.open().count(),
        },
    )


def _record_url(fact: ProposedFact) -> str:
    record = fact.relation.partner if fact.relation else (fact.agreement.partner if fact.agreement else None)
    try:
        return record.get_absolute_url() if record else ""
    except NoReverseMatch:
        return ""


@reviewer_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One fact with its passage highlighted, and the accept / correct / reject actions."""
    fact = get_object_or_404(ProposedFact.objects.select_related("source", "reviewer"), pk=pk)
    form_class = FORMS[fact.kind]
    form = form_class(initial=form_class.initial_from(fact.payload))
    return _review_page(request, fact, form)


def _review_page(request: HttpRequest, fact: ProposedFact, form, status: int = 200) -> HttpResponse:
    before, passage, after = fact.passage_parts()
    return render(
        request,
        "ingest/review.html",
        {
            "fact": fact,
            "form": form,
            "before": before,
            "passage": passage,
            "after": after,
            "record_url": _record_url(fact),
            "payload_items": _payload_items(fact),
        },
        status=status,
    )


def _payload_items(fact: ProposedFact) -> list[tuple[str, str]]:
    form_class = FORMS[fact.kind]
    items = []
    for name, field in form_class.base_fields.items():
        value = fact.payload.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        items.append((str(field.label), "" if value is None else str(value)))
    return items


@require_POST
@reviewer_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the fact as proposed: it becomes register records citing the document and passage."""
    fact = get_object_or_404(ProposedFact, pk=pk)
    try:
        fact = services.accept(fact, request.user)
    except services.ReviewError as exc:
        messages.error(request, _("Could not accept “%(fact)s”: %(reason)s") % {"fact": fact.headline, "reason": exc})
        return redirect("ingest:review", pk=fact.pk)
    messages.success(request, _("Accepted: %(record)s") % {"record": fact.record})
    return redirect("ingest:queue")


@require_POST
@reviewer_required
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject the fact: nothing enters the register."""
    fact = get_object_or_404(ProposedFact, pk=pk)
    try:
        fact = services.reject(fact, request.user)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("ingest:review", pk=fact.pk)
    messages.success(request, _("Rejected: %(fact)s") % {"fact": fact.headline})
    return redirect("ingest:queue")


@require_POST
@reviewer_required
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the fact with the editor's corrections."""
    fact = get_object_or_404(ProposedFact.objects.select_related("source"), pk=pk)
    form = FORMS[fact.kind](request.POST)
    if not form.is_valid():
        return _review_page(request, fact, form, status=400)
    try:
        fact = services.accept(fact, request.user, payload=form.to_payload())
    except services.ReviewError as exc:
        form.add_error(None, str(exc))
        return _review_page(request, fact, form, status=400)
    messages.success(request, _("Corrected and accepted: %(record)s") % {"record": fact.record})
    return redirect("ingest:queue")
