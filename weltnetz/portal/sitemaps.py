"""sitemap.xml (an index of sections, each paged) and robots.txt for search engines.

The Wagtail pages come from wagtail.contrib.sitemaps (every language's page tree); the register's views
(partner, town and agreement pages, map, lists, open data) from django.contrib.sitemaps, in both languages
with hreflang alternates.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps import views as sitemap_views

from weltnetz.register.models import Actor, Agreement
from weltnetz.register.vocab import RelationKind

PAGE_SIZE = 5000  # URLs per sitemap page (the protocol allows 50,000; smaller pages render quickly)


class PagesSitemap(WagtailSitemap):
    """Wagtail's pages: the overview, news and legal pages of every language's tree."""

    limit = PAGE_SIZE

    def items(self):
        from wagtail.models import Page

        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True) if hasattr(root, "get_translations") else [root]
        paths = Q()
        for page in roots:
            paths |= Q(path__startswith=page.path)
        return Page.objects.live().public().filter(paths).order_by("path").defer_streamfields().specific()


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    limit = PAGE_SIZE


class ViewsSitemap(I18nSitemap):
    """The portal's own views: map, timeline, lists, twinnings, open data."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["portal:map", "portal:timeline", "portal:relations", "portal:twinnings", "portal:open_data"]

    def location(self, item: str) -> str:
        return reverse(item)


class PartnerSitemap(I18nSitemap):
    """A page per partner of the register (town twinnings have their own section)."""

    def items(self):
        relations = Q(relations_as_partner__live=True) & ~Q(
            relations_as_partner__kind=RelationKind.MUNICIPAL_PARTNERSHIP
        )
        return Actor.objects.filter(relations | Q(is_home=True)).distinct().order_by("slug")

    def location(self, item: Actor) -> str:
        return item.get_absolute_url()


class TownSitemap(I18nSitemap):
    """A page per town with twinnings (tens of thousands: paged)."""

    def items(self):
        twinned = Q(relations_as_home__kind=RelationKind.MUNICIPAL_PARTNERSHIP, relations_as_home__live=True) | Q(
            relations_as_partner__kind=RelationKind.MUNICIPAL_PARTNERSHIP, relations_as_partner__live=True
        )
        return Actor.objects.filter(twinned).distinct().order_by("slug").only("slug")

    def location(self, item: Actor) -> str:
        return reverse("portal:town", args=[item.slug])


class AgreementSitemap(I18nSitemap):
    def items(self):
        return Agreement.objects.public().order_by("pk").only("pk")

    def location(self, item: Agreement) -> str:
        return reverse("portal:agreement", args=[item.pk])


SITEMAPS = {
    "pages": PagesSitemap,
    "views": ViewsSitemap(),
    "partners": PartnerSitemap(),
    "towns": TownSitemap(),
    "agreements": AgreementSitemap(),
}


def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the portal and the open data, not the editors' admin or endless search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /de/suche/",
        "Disallow: /en/suche/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
