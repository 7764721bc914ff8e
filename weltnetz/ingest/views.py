"""The editors' review queue in the Wagtail admin: list proposed facts, then accept, correct or reject each."""

from __future__ import annotations

from collections.abc import Iterable
from functools import wraps
from typing import cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST
from wagtail.admin import messages

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
    facts = ProposedFact.objects.in_state(state).for_queue().select_related("rejected_before__reviewer")
    page = Paginator(facts, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "ingest/queue.html",
        {
            "page": page,
            "state": state,
            "state_label": states[state],
            "states": list(states.items()),
            "pending": ProposedFact.objects.open().count(),
        },
    )


def _record_url(fact: ProposedFact) -> str:
    """The record's page in the admin (where a draft is published), or the partner's public page."""
    record = fact.record
    if record is None:
        return ""
    try:
        return reverse(f"wagtailsnippets_register_{record._meta.model_name}:edit", args=[record.pk])
    except NoReverseMatch:
        return ""


FIELD_LABELS = {
    "since": _l("since (year)"),
    "status": _l("current status"),
    "topics": _l("fields of cooperation"),
    "citations": _l("sources"),
    "country_code": _l("country"),
    "signatories": _l("signatories"),
    "place_id": _l("place of signing"),
    "roles": _l("roles"),
    "title": _l("title"),
    "kind": _l("kind"),
    "date": _l("date"),
    "date_precision": _l("precision of the date"),
    "relation_id": _l("relation"),
    "partner_id": _l("partner"),
    "name": _l("name"),
}


def _diff_rows(changes) -> list[tuple[str, str, str]]:
    """(field, register value, value after accepting) for the review page's diff table."""
    rows = []
    for change in changes:
        label = str(FIELD_LABELS.get(change.field, change.field))
        if change.field in ("citations", "roles") and isinstance(change.before, int):
            before, after = str(change.before), str(change.after)
        else:
            before, after = _show(change.before), _show(change.after)
        rows.append((label, before, after))
    return rows


def _show(value) -> str:
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@reviewer_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One fact with its passage highlighted, and the accept / correct / reject actions."""
    fact = get_object_or_404(ProposedFact.objects.select_related("source", "reviewer"), pk=pk)
    form_class = FORMS[fact.kind]
    form = form_class(initial=form_class.initial_from(fact.payload))
    return _review_page(request, fact, form)


def _review_page(request: HttpRequest, fact: ProposedFact, form, status: int = 200) -> HttpResponse:
    before, passage, after = fact.passage_parts()
    decidable = fact.state in services.DECIDABLE
    plan = services.preview(fact, user=request.user) if decidable else None
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
            "decidable": decidable,
            "may_accept": services.may_accept(request.user, fact.kind),
            "new_actors": services.new_actors(fact.kind, fact.payload) if decidable else [],
            "plan": plan,
            "diff_rows": _diff_rows(plan.changes) if plan else [],
            "register_sources": services.register_sources(fact) if fact.differences else [],
            "difference_rows": _diff_rows([services.Change(*row) for row in fact.differences]),
        },
        status=status,
    )


def _payload_items(fact: ProposedFact) -> list[tuple[str, str]]:
    form_class = FORMS[fact.kind]
    items = []
    for name, field in form_class.base_fields.items():
        value = fact.payload.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        # A choice is shown by its label ("Landespartnerschaft", "aktiv"), never by its code.
        choices = cast("Iterable[tuple[object, object]]", field.choices if isinstance(field, forms.ChoiceField) else [])
        labels = {str(k): str(v) for k, v in choices}
        items.append((str(field.label), ", ".join(labels.get(str(v), str(v)) for v in values)))
    return items


@require_POST
@reviewer_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the fact as proposed: it becomes register records citing the document and passage."""
    fact = get_object_or_404(ProposedFact, pk=pk)
    try:
        fact = services.accept(fact, request.user, new_partner=_confirmed(request))
    except services.ReviewError as exc:
        messages.error(request, _("Could not accept “%(fact)s”: %(reason)s") % {"fact": fact.headline, "reason": exc})
        return redirect("ingest:review", pk=fact.pk)
    _accepted_message(request, fact)
    return redirect("ingest:queue")


def _confirmed(request: HttpRequest) -> bool:
    """Whether the editor ticked the "new partner" step (creating actors the register does not hold)."""
    return request.POST.get("new_partner") == "1"


def _accepted_message(request: HttpRequest, fact: ProposedFact) -> None:
    record = fact.record
    if hasattr(record, "live"):
        text = _("Saved as a draft: %(record)s. It goes live when someone with the permission to publish publishes it.")
    else:
        text = _("Recorded: %(record)s.")
    url = _record_url(fact)
    if url:
        messages.success(request, text % {"record": record}, buttons=[messages.button(url, _("Open the record"))])
    else:
        messages.success(request, text % {"record": record})


@require_POST
@reviewer_required
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Reject the fact: nothing enters the register."""
    fact = get_object_or_404(ProposedFact, pk=pk)
    try:
        fact = services.reject(fact, request.user, reason=request.POST.get("reason", "")[:2000])
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("ingest:review", pk=fact.pk)
    messages.success(request, _("Rejected: %(fact)s") % {"fact": fact.headline})
    return redirect("ingest:queue")


@require_POST
@reviewer_required
def requeue(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a previously rejected fact again: the editor wants to decide it anew."""
    fact = get_object_or_404(ProposedFact, pk=pk)
    try:
        fact = services.requeue(fact)
    except services.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("ingest:review", pk=fact.pk)
    messages.success(request, _("Queued again: %(fact)s") % {"fact": fact.headline})
    return redirect("ingest:review", pk=fact.pk)


@require_POST
@reviewer_required
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the fact with the editor's corrections."""
    fact = get_object_or_404(ProposedFact.objects.select_related("source"), pk=pk)
    form = FORMS[fact.kind](request.POST)
    if not form.is_valid():
        return _review_page(request, fact, form, status=400)
    try:
        fact = services.accept(fact, request.user, payload=form.to_payload(), new_partner=_confirmed(request))
    except services.ReviewError as exc:
        form.add_error(None, str(exc))
        return _review_page(request, fact, form, status=400)
    _accepted_message(request, fact)
    return redirect("ingest:queue")


@reviewer_required
def upload(request: HttpRequest) -> HttpResponse:
    """Ingest a document from the admin: what was read, and what it proposes, on one page."""
    import re
    import tempfile
    from pathlib import Path

    from .forms import UploadForm

    result = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["document"]
        name = re.sub(r"[^\w.\-]+", "_", Path(upload_file.name).name)[:200] or "document.txt"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            with path.open("wb") as out:
                for chunk in upload_file.chunks():
                    out.write(chunk)
            result = services.ingest_file(
                path, kind=form.cleaned_data["kind"] or None, publisher=form.cleaned_data["publisher"].strip()
            )
        form = UploadForm()
    return render(request, "ingest/upload.html", {"form": form, "result": result}, status=200)
