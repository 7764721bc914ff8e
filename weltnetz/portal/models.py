"""The portal's Wagtail pages: the overview (home), news, legal pages and the accessibility feedback form."""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from weltnetz.register.choosers import ActorMultipleChooser

from . import overview

WORDS_PER_MINUTE = 200  # a common reading speed for German news prose


def localized_news(news):
    """News in the active language: the translation where one exists, else the German original.

    Templates mark an original by its locale (lang="de" and a note that it exists only in German).
    """
    from django.conf import settings
    from wagtail.models import Locale

    locale = Locale.get_active()
    own = news.filter(locale=locale)
    if locale.language_code == settings.LANGUAGE_CODE:
        return own
    originals = news.filter(locale__language_code=settings.LANGUAGE_CODE).exclude(
        translation_key__in=own.values("translation_key")
    )
    return own | originals


class HomePage(Page):
    """The overview at /de/ and /en/: generated from the register; editors add an intro text."""

    intro = RichTextField(_("intro"), blank=True, help_text=_("Shown above the generated overview."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.NewsIndexPage", "portal.StandardPage", "portal.FormPage"]
    parent_page_types = ["wagtailcore.Page"]  # one overview per language, each the root of its page tree

    class Meta:
        verbose_name = _("overview page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["overview"] = overview.build()
        return context


class NewsIndexPage(Page):
    """The news list, filterable by category (kicker) and paginated."""

    intro = RichTextField(_("intro"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.NewsPage"]
    parent_page_types = ["portal.HomePage"]
    per_page = 10

    class Meta:
        verbose_name = _("news index")

    def news(self):
        """Published news below this index, newest first; on a translated index also the untranslated originals."""
        from django.conf import settings

        news = NewsPage.objects.child_of(self).live()
        original = self.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first()
        if original is not None and self.locale.language_code != settings.LANGUAGE_CODE:
            news = news | NewsPage.objects.child_of(original).live().exclude(
                translation_key__in=news.values("translation_key")
            )
        return news.order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = self.news()
        kickers = sorted({k for k in news.values_list("kicker", flat=True) if k})
        kicker = request.GET.get("category", "")
        if kicker:
            news = news.filter(kicker=kicker)
        page = Paginator(news, self.per_page).get_page(request.GET.get("page"))
        query = urlencode({"category": kicker}) if kicker else ""
        context.update(kickers=kickers, kicker=kicker, news_page=page, query=query)
        return context


class NewsPageAttachment(Orderable):
    """A file attached to a news article, usually the signed agreement; links the register entry too."""

    page = ParentalKey("portal.NewsPage", on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(
        "register.Agreement",
        verbose_name=_("agreement in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the agreement's document."),
    )

    panels = [FieldPanel("title"), FieldPanel("agreement"), FieldPanel("document")]

    @property
    def file_url(self) -> str:
        """The document to download: this attachment's file, else the agreement's file or link; '' if none yet."""
        if self.document is not None:
            return self.document.url
        if self.agreement and self.agreement.document_id:
            return self.agreement.document.url
        if self.agreement and self.agreement.document_url:
            return self.agreement.document_url
        return ""

    @property
    def file_extension(self) -> str:
        doc = self.document or (self.agreement.document if self.agreement else None)
        return doc.file_extension.upper() if doc else ""


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("speaker"), required=False)

    class Meta:
        icon = "openquote"
        template = "portal/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    credit = blocks.CharBlock(label=_("credit"), required=False)

    class Meta:
        icon = "image"
        template = "portal/blocks/image.html"


class NewsPage(Page):
    """A news article with every part the seed article shows; linked to partners and topics in the register."""

    kicker = models.CharField(_("category (kicker)"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label=_("paragraph"), template="portal/blocks/paragraph.html")),
            ("quote", QuoteBlock(label=_("quote"))),
            ("image", CaptionedImageBlock(label=_("image"))),
        ],
        verbose_name=_("body"),
        blank=True,
    )
    partners = ParentalManyToManyField(
        "register.Actor", verbose_name=_("partners"), blank=True, related_name="news_pages"
    )
    topics = ParentalManyToManyField(
        "register.Topic", verbose_name=_("fields of cooperation"), blank=True, related_name="news_pages"
    )

    content_panels = [
        FieldPanel("kicker"),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date")]),
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("attachments")),
        # Partners through the searchable chooser: a <select> of every actor is 17,000 options with the twinnings.
        MultiFieldPanel(
            [FieldPanel("partners", widget=ActorMultipleChooser()), FieldPanel("topics")], heading=_("register")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def plain_text(self) -> str:
        """Lead, paragraphs and quotes as plain text (for reading time and search snippets)."""
        parts = [self.lead]
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "quote":
                parts.append(block.value["text"])
        return "\n".join(p for p in parts if p)

    @property
    def reading_time(self) -> int:
        """Minutes to read the article, computed from its words (at least one)."""
        words = len(re.findall(r"\w+", f"{self.title} {self.plain_text}"))
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def related_news(self, limit: int = 3):
        """Other published news that share a partner or a topic with this one, newest first."""
        partner_ids = list(self.partners.values_list("pk", flat=True))
        topic_ids = list(self.topics.values_list("pk", flat=True))
        if not partner_ids and not topic_ids:
            return NewsPage.objects.none()
        related = (
            NewsPage.objects.live()
            .exclude(translation_key=self.translation_key)
            .filter(models.Q(partners__in=partner_ids) | models.Q(topics__in=topic_ids))
            .distinct()
        )
        return localized_news(related).order_by("-date", "-pk")[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["permalink"] = request.build_absolute_uri(self.url)
        return context


class StandardPage(Page):
    """A plain page with rich text: the imprint and the privacy statement."""

    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


# Labels of fields that ask for the sender's name; browsers fill them in (WCAG 1.3.5, identify input purpose).
NAME_LABELS = {"name", "ihr name", "your name", "vor und nachname", "vorname und nachname"}


def autocomplete_token(field) -> str:
    """The HTML autocomplete token for a form builder field: e-mail by type, the sender's name by its label."""
    if getattr(field.widget, "input_type", "") == "email":
        return "email"
    label = " ".join(re.sub(r"[^\w\s]", " ", str(field.label or "")).casefold().split())
    return "name" if label in NAME_LABELS else ""


class FormField(AbstractFormField):
    page = ParentalKey("portal.FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractEmailForm):
    """A page with a form whose submissions are stored: the accessibility statement with its feedback form."""

    body = RichTextField(_("body"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("body"),
        InlinePanel("form_fields", label=_("form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("e-mail"),
        ),
    ]
    parent_page_types = ["portal.HomePage"]

    class Meta:
        verbose_name = _("form page")

    def get_form(self, *args, **kwargs):
        """The form with autocomplete tokens on the fields that ask for the sender's name and e-mail address,
        and a length limit on texts too (Wagtail limits single lines only), so a huge text gets a clear error."""
        form = super().get_form(*args, **kwargs)
        limit = getattr(settings, "WELTNETZ_FEEDBACK_MAX_CHARS", 5000)
        for field in form.fields.values():
            if token := autocomplete_token(field):
                field.widget.attrs.setdefault("autocomplete", token)
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = limit
                field.validators.append(MaxLengthValidator(limit))
                field.widget.attrs.setdefault("maxlength", str(limit))
        return form
