"""Build the portal's page tree and the seed news (idempotent: a second run changes nothing)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from weltnetz.portal import seed_content
from weltnetz.portal.models import (
    FormField,
    FormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    NewsPageAttachment,
    StandardPage,
)
from weltnetz.register.documents import private_collection, public_collection
from weltnetz.register.loader import DEFAULT_DIR
from weltnetz.register.models import Actor, Agreement, Topic


def _child(parent: Page, model, slug: str, **fields):
    """The child page of `parent` with `slug`, created (and published) if missing; (page, created)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _seed_image(alt: str, caption: str):
    """A neutral generated graphic for a seed article that ships without a photo (no download)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Image = get_image_model()
    title = caption[:255] or alt[:255]
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    canvas = PILImage.new("RGB", (1200, 675), "#0b4f6c")
    draw = ImageDraw.Draw(canvas)
    for i in range(0, 1200, 60):  # a calm pattern of meridians and parallels
        draw.line([(i, 0), (i, 675)], fill="#14607f", width=2)
    for j in range(0, 675, 60):
        draw.line([(0, j), (1200, j)], fill="#14607f", width=2)
    draw.ellipse([420, 157, 780, 517], outline="#f2c14e", width=10)
    draw.line([(420, 337), (780, 337)], fill="#f2c14e", width=6)
    draw.arc([510, 157, 690, 517], 0, 360, fill="#f2c14e", width=6)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    # The alt text describes what is shown: a placeholder, not the photo the seed's alt text speaks of.
    image = Image(title=title, description="Platzhaltergrafik: stilisierter Globus (das Foto liegt nicht vor)")
    image.file = ImageFile(buffer, name="weltnetz-seed.png")
    image.save()
    return image


def _agreement(key: str, folder: Path) -> Agreement | None:
    """The register's agreement for a data-file key (agreements are stored by title, partner and date)."""
    for item in json.loads((folder / "agreements.json").read_text(encoding="utf-8")):
        if item.get("key") == key:
            date = dt.date.fromisoformat(item["date"]) if item.get("date") else None
            return Agreement.objects.filter(title=item["title"], partner__slug=item["partner"], date=date).first()
    return None


class Command(BaseCommand):
    help = "Create the portal's page tree (overview, news, legal pages, feedback form) and the seed news."

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DEFAULT_DIR), help="register data folder holding news.json")

    @transaction.atomic
    def handle(self, *args, data: str, **options):
        folder = Path(data)
        root = Page.get_first_root_node()
        if root is None:
            raise CommandError("The page tree has no root: run `weltnetz migrate` first.")
        home = HomePage.objects.first()
        created = []
        if home is None:
            home = HomePage(title="Baden-Württemberg in der Welt", slug="weltnetz")
            root.add_child(instance=home)
            home.save_revision().publish()
            created.append("overview")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="weltnetz"
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = site.site_name or "weltnetz"
            site.save()
            # Wagtail's placeholder "Welcome" page goes once nothing points at it.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()

        private_collection()  # uploads stay private until an editor moves them to the public collection
        public_collection()

        news_index, new = _child(home, NewsIndexPage, "aktuelles", title="Aktuelles")
        created += ["news index"] if new else []
        for slug, title, body in [
            ("impressum", "Impressum", seed_content.IMPRINT),
            ("datenschutz", "Datenschutzerklärung", seed_content.PRIVACY),
        ]:
            _, new = _child(home, StandardPage, slug, title=title, body=body.strip())
            created += [slug] if new else []
        if not home.get_children().filter(slug="barrierefreiheit").exists():
            form_page = FormPage(
                slug="barrierefreiheit",
                title="Erklärung zur Barrierefreiheit",
                body=seed_content.ACCESSIBILITY.strip(),
                thank_you_text=seed_content.THANK_YOU,
            )
            for order, (label, field_type, required, help_text) in enumerate(seed_content.FEEDBACK_FIELDS):
                form_page.form_fields.add(
                    FormField(
                        sort_order=order, label=label, field_type=field_type, required=required, help_text=help_text
                    )
                )
            home.add_child(instance=form_page)
            form_page.save_revision().publish()
            created.append("barrierefreiheit")

        news_file = folder / "news.json"
        news_items = json.loads(news_file.read_text(encoding="utf-8")) if news_file.exists() else []
        for item in news_items:
            if news_index.get_children().filter(slug=item["slug"]).exists():
                continue
            self._create_news(news_index, item, folder)
            created.append(item["slug"])
        created += self._translate(home, news_index, news_items)
        if options["verbosity"]:
            self.stdout.write(f"setup_portal: created {', '.join(created) if created else 'nothing (up to date)'}")

    def _translate(self, home: HomePage, news_index: NewsIndexPage, news_items: list[dict]) -> list[str]:
        """The English page tree: translations (Wagtail's localisation) of the home, legal pages and news."""
        english, _ = Locale.objects.get_or_create(language_code="en")
        created = []

        def translate(page: Page, slug: str, **fields) -> Page | None:
            if page.get_translation_or_none(english) is not None:
                return None
            copy = page.copy_for_translation(english).specific
            copy.slug = slug
            for name, value in fields.items():
                setattr(copy, name, value)
            copy.save()
            copy.save_revision().publish()
            created.append(f"en:{slug}")
            return copy

        translate(home, f"{home.slug}-en", title=seed_content.HOME_TITLE_EN)  # siblings under the root
        bodies = {
            "impressum": seed_content.IMPRINT_EN,
            "datenschutz": seed_content.PRIVACY_EN,
            "barrierefreiheit": seed_content.ACCESSIBILITY_EN,
        }
        for child in home.get_children().specific():
            if child.slug not in seed_content.PAGES_EN:
                continue
            slug, title = seed_content.PAGES_EN[child.slug]
            fields: dict = {"title": title}
            if isinstance(child, StandardPage | FormPage):
                fields["body"] = bodies[child.slug].strip()
            if isinstance(child, FormPage):
                fields["thank_you_text"] = seed_content.THANK_YOU_EN
            copy = translate(child, slug, **fields)
            if isinstance(copy, FormPage):
                for field, (label, _type, _required, help_text) in zip(
                    copy.form_fields.order_by("sort_order"), seed_content.FEEDBACK_FIELDS_EN, strict=True
                ):
                    field.label, field.help_text = label, help_text
                    field.save()
                copy.save_revision().publish()
        for item in news_items:
            article = news_index.get_children().filter(slug=item["slug"]).first()
            if article is None or "en" not in item:
                continue
            en = item["en"]
            page = article.specific
            body = []
            for block, text in zip(
                page.body,
                [None, *en["body"]] if page.body and page.body[0].block_type == "image" else en["body"],
                strict=True,
            ):
                if block.block_type == "image":
                    value = dict(block.value)
                    body.append(
                        {
                            "type": "image",
                            "value": {
                                "image": value["image"].pk,
                                "caption": en["image"]["caption"],
                                "credit": en["image"].get("credit", ""),
                            },
                        }
                    )
                elif block.block_type == "paragraph":
                    body.append({"type": "paragraph", "value": f"<p>{escape(text['text'])}</p>"})
                else:
                    body.append(
                        {"type": "quote", "value": {"text": text["text"], "attribution": text.get("attribution", "")}}
                    )
            copy = translate(
                page, en["slug"], title=en["title"], kicker=en.get("kicker", ""), lead=en.get("lead", ""), body=body
            )
            if copy is not None:
                for attachment, english in zip(copy.attachments.all(), en.get("attachments", []), strict=False):
                    attachment.title = english["title"]
                    attachment.save()
                copy.save_revision().publish()
                NewsPage.objects.filter(pk=copy.pk).update(first_published_at=article.first_published_at)
        return created

    def _create_news(self, news_index: NewsIndexPage, item: dict, folder: Path) -> None:
        body = []
        if image := item.get("image"):
            picture = _seed_image(image.get("alt", ""), image.get("caption", ""))
            body.append(
                {
                    "type": "image",
                    "value": {
                        "image": picture.pk,
                        "caption": image.get("caption", ""),
                        "credit": image.get("credit", ""),
                    },
                }
            )
        for block in item.get("body", []):
            if block["type"] == "paragraph":
                body.append({"type": "paragraph", "value": f"<p>{escape(block['text'])}</p>"})
            elif block["type"] == "quote":
                body.append(
                    {"type": "quote", "value": {"text": block["text"], "attribution": block.get("attribution", "")}}
                )
            else:
                raise CommandError(f"news.json, article '{item['slug']}': unknown body block type '{block['type']}'")
        page = NewsPage(
            slug=item["slug"],
            title=item["title"],
            kicker=item.get("kicker", ""),
            date=dt.date.fromisoformat(item["date"]),
            lead=item.get("lead", ""),
            body=body,
        )
        page.partners.set(list(Actor.objects.filter(slug__in=item.get("partners", []))))
        page.topics.set(list(Topic.objects.filter(slug__in=item.get("topics", []))))
        for order, attachment in enumerate(item.get("attachments", [])):
            page.attachments.add(
                NewsPageAttachment(
                    sort_order=order,
                    title=attachment["title"],
                    agreement=_agreement(attachment["agreement"], folder) if attachment.get("agreement") else None,
                )
            )
        news_index.add_child(instance=page)
        revision = page.save_revision()
        revision.publish()
        # Back-date the publication to the article's own date, as the seed shows it.
        published = dt.datetime.combine(page.date, dt.time(12, 0), tzinfo=dt.UTC)
        NewsPage.objects.filter(pk=page.pk).update(first_published_at=published)
