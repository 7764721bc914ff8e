"""{% partner_jsonld actor %}: the partner's schema.org JSON-LD as a <script type="application/ld+json"> block."""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from weltnetz.api.jsonld import partner_jsonld as build

register = template.Library()

# Keep "</script>" and HTML comment openers out of the block (as django.utils.html.json_script does).
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def partner_jsonld(context: template.Context, actor) -> SafeString:
    """Emit the JSON-LD block for `actor`; data, not script, so the CSP lets it be."""
    data = json.dumps(build(actor, request=context.get("request")), ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))


@register.simple_tag
def api_feed_links() -> SafeString:
    """<link rel="alternate"> tags for the news feeds and the anniversaries calendar."""
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
