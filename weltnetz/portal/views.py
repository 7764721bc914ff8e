"""Portal views (built out by the portal work)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language_from_request

from weltnetz.register.models import Actor


def root_redirect(request):
    return redirect(f"/{get_language_from_request(request) or 'de'}/")


def partner_detail(request, slug: str):
    actor = get_object_or_404(Actor, slug=slug)
    return render(request, "portal/partner_detail.html", {"actor": actor})
