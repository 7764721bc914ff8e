"""The editors' interface: the register's records as Wagtail snippets in one "Register" menu.

Relations and agreements have drafts, publishing, locking and workflows; every record keeps revisions
(who changed what, when). Listing search uses the database (icontains), not a search backend.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PublishingPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choosers import ActorChooserViewSet
from .models import Actor, Agreement, Person, Relation, Role, Source, Topic

CITATION_PANELS = [FieldPanel("source"), FieldPanel("passage")]


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "site"
    chooser_viewset_class = ActorChooserViewSet  # searches folded names; shows country and kind
    menu_label = _("Actors and places")
    list_display = ["name", "name_en", "kind", "country_code", "continent"]
    list_filter = ["kind", "continent", "is_home"]
    search_fields = ["name", "name_en", "slug", "country_code"]
    search_backend_name = None
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]), FieldPanel("aliases"), FieldPanel("slug")],
            heading=_("Names"),
        ),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent"), FieldPanel("is_home")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country_code"), FieldPanel("subdivision_code"), FieldPanel("continent")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place"),
        ),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldPanel("website"),
        FieldPanel("wikidata_id"),
    ]


class RelationViewSet(SnippetViewSet):
    model = Relation
    icon = "link"
    menu_label = _("Relations")
    list_display = ["__str__", "kind", "since", "status", "live"]
    list_filter = ["kind", "status", "live", "category", "topics"]
    search_fields = ["title", "partner__name", "partner__name_en", "home__name", "note"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("home"), FieldPanel("partner")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("since"), FieldPanel("since_note"), FieldPanel("country_code")]),
        FieldPanel("topics"),
        FieldPanel("note"),
        FieldPanel("note_en"),
        InlinePanel(
            "status_changes",
            heading=_("Status history"),
            label=_("status change"),
            panels=[
                FieldRowPanel([FieldPanel("status"), FieldPanel("date"), FieldPanel("precision")]),
                FieldPanel("note"),
                *CITATION_PANELS,
            ],
        ),
        InlinePanel(
            "citations", heading=_("Sources"), label=_("source"), panels=[FieldPanel("field"), *CITATION_PANELS]
        ),
        PublishingPanel(),
    ]


class AgreementViewSet(SnippetViewSet):
    model = Agreement
    icon = "doc-full"
    menu_label = _("Agreements")
    list_display = ["title", "partner", "date", "kind", "live"]
    list_filter = ["kind", "live", "topics"]
    search_fields = ["title", "title_en", "summary", "partner__name"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("date_precision")]),
        FieldRowPanel([FieldPanel("partner"), FieldPanel("place"), FieldPanel("relation")]),
        FieldPanel("signatories"),
        FieldPanel("topics"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("document_url")]),
        InlinePanel("citations", heading=_("Sources"), label=_("source"), panels=CITATION_PANELS),
        PublishingPanel(),
    ]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    panels = [FieldPanel("name"), FieldPanel("slug")]


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "tag"
    menu_label = _("Roles")
    list_display = ["person", "title", "affiliation", "start", "end"]
    search_fields = ["title", "title_en", "person__name"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("affiliation")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        *CITATION_PANELS,
    ]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "doc-empty"
    menu_label = _("Sources")
    list_display = ["title", "kind", "publisher", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher", "url"]
    search_backend_name = None
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("publisher")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("retrieved_on"), FieldPanel("file_name")]),
        FieldPanel("text"),
    ]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]
    search_backend_name = None
    panels = [FieldPanel("slug"), FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")])]


class RegisterViewSetGroup(SnippetViewSetGroup):
    items = (ActorViewSet, RelationViewSet, AgreementViewSet, PersonViewSet, RoleViewSet, SourceViewSet, TopicViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Register")
    menu_name = "register"
    menu_order = 200


register_snippet(RegisterViewSetGroup)


@hooks.register("insert_global_admin_js")
def admin_accessibility_js() -> str:
    """Names the admin's rich-text editors for screen readers (see the script)."""
    return format_html('<script src="{}"></script>', static("register/admin-accessibility.js"))
