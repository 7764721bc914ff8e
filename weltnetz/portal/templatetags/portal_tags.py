"""Template helpers for the portal: numbers as words, country names, language switch, legal page links."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.translation import get_language

from ..countries import country_name as _country_name
from ..numbers import number_word

register = template.Library()

# Slugs setup_portal gives the pages every page links to in its header and footer.
SERVICE_PAGES = ("aktuelles", "impressum", "datenschutz", "barrierefreiheit")


@register.filter
def as_word(n: int, gender: str = "f") -> str:
    """Spell a small number as a word in the active language: 12 -> "zwölf" / "twelve"."""
    return number_word(int(n), gender=gender)


@register.filter
def country_name(code: str) -> str:
    """An ISO 3166-1 code as the country's name in the active language."""
    return _country_name(code)


@register.simple_tag(takes_context=True)
def language_url(context, language: str) -> str:
    """The current page's URL in `language` (the prefix swapped; query string kept)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    path = request.path
    current = get_language() or settings.LANGUAGE_CODE
    if path.startswith(f"/{current}/"):
        path = f"/{language}/" + path[len(current) + 2 :]
    else:
        path = f"/{language}/"
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


@register.simple_tag(takes_context=True)
def service_pages(context) -> dict:
    """URLs of the news index and the legal pages by slug, looked up once per request."""
    request = context.get("request")
    cache = getattr(request, "_portal_service_pages", None)
    if cache is not None:
        return cache
    from wagtail.models import Page

    pages = {p.slug: p.url for p in Page.objects.live().filter(slug__in=SERVICE_PAGES, depth__lte=3)}
    if request is not None:
        request._portal_service_pages = pages
    return pages


@register.simple_tag
def accessible_widget(field):
    """A form field's input with aria-describedby naming its help and error texts by the ids the template gives
    them (`<auto_id>_helptext`, `<auto_id>_error`), and aria-invalid while it has an error."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
