"""Template helpers for the portal: numbers as words, country names, language switch, legal page links, the
partner's JSON-LD (weltnetz.register.jsonld, the same the API serves) and the <link>s to the API's feeds."""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from weltnetz.register.jsonld import partner_jsonld as build_jsonld

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
def status_label(value: str | None) -> str:
    """A status value ("dormant") as its label in the active language ("ruht")."""
    from weltnetz.register.vocab import Status

    return str(Status(value).label) if value in Status.values else ""


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
    page = context.get("page")
    if page is not None and hasattr(page, "get_translation_or_none"):
        # A Wagtail page: its translation in that language (slugs differ), else that language's overview.
        from wagtail.models import Locale

        locale = Locale.objects.filter(language_code=language).first()
        translation = page.get_translation_or_none(locale) if locale else None
        if translation is not None and translation.live:
            return translation.url
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

    # The German pages by their slugs, each shown in the active language where a translation exists.
    originals = Page.objects.live().filter(
        slug__in=SERVICE_PAGES, depth__lte=3, locale__language_code=settings.LANGUAGE_CODE
    )
    pages = {p.slug: p.localized.url for p in originals}
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


@register.simple_tag
def bi(obj, field: str) -> str:
    """`obj.field` in the active language: the English field (`field_en`) where there is one, else the German
    text marked lang="de" on an English page, so German never sits under lang="en"."""
    from django.utils.html import format_html

    german = getattr(obj, field, "") or ""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language != settings.LANGUAGE_CODE:
        english = getattr(obj, f"{field}_en", "") or ""
        if english:
            return format_html("{}", english)
        if german:
            return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, german)
    return format_html("{}", german)


# Keep "</script>" and HTML comment openers out of the block (as django.utils.html.json_script does).
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def partner_jsonld(context: template.Context, actor) -> SafeString:
    """Emit the JSON-LD block for `actor`; data, not script, so the CSP lets it be."""
    built = build_jsonld(actor, request=context.get("request"), home_region_only=True)  # what the page shows
    data = json.dumps(built, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))


@register.simple_tag
def api_feed_links() -> SafeString:
    """<link rel="alternate"> tags for the news feeds and the anniversaries calendar (the API's URLs, by name)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    links = [
        ("application/atom+xml", reverse("api-1:news_atom"), _("News (Atom)")),
        ("application/rss+xml", reverse("api-1:news_rss"), _("News (RSS)")),
        ("text/calendar", reverse("api-1:anniversaries_ics"), _("Anniversaries (iCalendar)")),
    ]
    return mark_safe(
        "\n".join(  # noqa: S308 - format_html escapes each part
            format_html('<link rel="alternate" type="{}" href="{}" title="{}">', t, href, title)
            for t, href, title in links
        )
    )
