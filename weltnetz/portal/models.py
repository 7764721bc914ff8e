"""The portal's Wagtail pages: the overview (home), news, legal pages and the accessibility feedback form."""

from __future__ import annotations

import logging
import math
import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, AbstractFormSubmission, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from weltnetz.operations.security import client_ip, ratelimit_key
from weltnetz.register.choosers import ActorMultipleChooser

from . import overview

logger = logging.getLogger(__name__)

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


HONEYPOT_FIELD = "website"  # an input people never see or fill in; form-filling robots do


class FormField(AbstractFormField):
    page = ParentalKey("portal.FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormBuilder(FormBuilder):
    """Wagtail's form fields with a size limit on texts too (a line is already at most 255 characters)."""

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.WELTNETZ_FEEDBACK_MAX_CHARS
        return super().create_multiline_field(field, options)


class FeedbackSubmission(AbstractFormSubmission):
    """A message sent through a form page, with the editors' status: open until someone has dealt with it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    note = models.TextField(_("editors' note"), blank=True, help_text=_("What was done about it; never published."))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    wagtail_reference_index_ignore = True  # nothing links to a message; keep the public's posts out of the index

    class Meta:
        ordering = ["-submit_time"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return self.summary()

    def save(self, *args, **kwargs):
        if self.status == self.Status.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status == self.Status.OPEN:
            self.closed_at = None
        super().save(*args, **kwargs)

    def summary(self) -> str:
        """The longest text of the message, cut to a line."""
        texts = sorted((str(v) for v in self.form_data.values() if v), key=len, reverse=True)
        text = " ".join(texts[0].split()) if texts else ""
        return text if len(text) <= 100 else text[:99] + "…"

    summary.short_description = _("message")  # type: ignore[attr-defined]

    def message(self) -> str:
        """Every field of the message as 'label: value' lines, in the form's order."""
        labels = {f.clean_name: f.label for f in self.page.specific.get_form_fields()}
        return "\n".join(f"{labels.get(k, k)}: {v}" for k, v in self.form_data.items() if v not in ("", None))

    message.short_description = _("message")  # type: ignore[attr-defined]


class FormPage(AbstractEmailForm):
    """A page with a form whose submissions are stored: the accessibility statement with its feedback form.

    Protected against abuse: a size limit per field and per request, a honeypot field, and a rate limit per
    client (django-ratelimit on the shared counters cache). Each stored message is sent to
    WELTNETZ_FEEDBACK_EMAIL (else the page's own address) and waits, open, in the admin's feedback inbox.
    """

    body = RichTextField(_("body"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    form_builder = FeedbackFormBuilder

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

    def get_submission_class(self):
        return FeedbackSubmission

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            if request.POST.get(HONEYPOT_FIELD):
                logger.warning("feedback: honeypot field filled by %s; not stored", client_ip(request))
                return self.render_landing_page(request)
        return super().serve(request, *args, **kwargs)

    def _refusal(self, request) -> TemplateResponse | None:
        """The form again with a clear reason when the post is too large or the client sends too often."""
        too_large = int(request.META.get("CONTENT_LENGTH") or 0) > settings.WELTNETZ_FEEDBACK_MAX_BYTES
        limited = is_ratelimited(
            request,
            group="feedback",
            key=ratelimit_key,
            rate=f"{settings.WELTNETZ_FEEDBACK_PER_HOUR}/h",
            method="POST",
            increment=True,
        )
        if not (too_large or limited):
            return None
        if too_large:
            status, form = 413, self.get_form(page=self, user=request.user)  # not even parsed
            reason = _("Your message is too long to be sent. Please shorten it to at most %(chars)s characters.") % {
                "chars": settings.WELTNETZ_FEEDBACK_MAX_CHARS
            }
        else:
            status, form = 429, self.get_form(request.POST, page=self, user=request.user)  # the text stays
            reason = str(
                _(
                    "You have sent several messages in a short time, so this one was not sent. Please try again "
                    "in an hour; your text is still in the form. You can also write to us by e-mail."
                )
            )
        logger.warning("feedback: refused a post from %s (%s)", client_ip(request), status)
        context = self.get_context(request)
        context.update(form=form, refusal=reason)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Store the message first (a failing mail server loses nothing), then tell the editors."""
        submission = FormMixin.process_form_submission(self, form)
        recipients = [a.strip() for a in (settings.WELTNETZ_FEEDBACK_EMAIL or self.to_address).split(",") if a.strip()]
        if recipients:
            try:
                self._notify(form, submission, recipients)
            except Exception:
                logger.exception("feedback: the notification about submission %s could not be sent", submission.pk)
        return submission

    def _notify(self, form, submission: FeedbackSubmission, recipients: list[str]) -> None:
        with translation.override(settings.LANGUAGE_CODE):  # the editors' language, not the visitor's
            subject = self.subject or str(_("New feedback: %(page)s") % {"page": self.title})
            link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("feedback:inspect", args=[submission.pk])
            prompt = _("Read and close it in the admin:")
            body = f"{self.render_email(form)}\n\n{prompt} {link}\n"
        send_mail(subject, body, self.from_address or settings.DEFAULT_FROM_EMAIL, recipients)
