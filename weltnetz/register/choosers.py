"""Choosing register actors in the admin at twinning scale (30,000 places): a searchable chooser, never a list.

- `ActorChooserViewSet`: Wagtail's snippet chooser for actors, searching the folded names the register keeps
  (imported towns are not in Wagtail's own search index) and showing country and kind, so that the many
  "Neustadt"s can be told apart. Every actor chooser uses it: a relation's home and partner, an agreement's
  partner and place, a role's affiliation.
- `ActorMultipleChooser`: the widget for many-to-many fields to actors (a news article's partners): the chosen
  actors as a list with a remove button each, and a button that opens the chooser to add more. The page
  carries the chosen ones only, instead of a <select> of every actor.
"""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from .models import Actor
from .names import fold


class ActorSearchForm(BaseFilterForm):
    """Search by name in any spelling the register folds (case, accents, hyphens); exact and prefix hits first."""

    q = forms.CharField(
        label=_("Search term"), widget=forms.TextInput(attrs={"placeholder": _("Search")}), required=False
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            key = fold(query)
            objects = (
                objects.filter(Q(name_key__contains=key) | Q(name_en__icontains=query) | Q(slug=query))
                .annotate(
                    hit=Case(
                        When(name_key=key, then=Value(0)),
                        When(name_key__startswith=key, then=Value(1)),
                        default=Value(2),
                        output_field=IntegerField(),
                    )
                )
                .order_by("hit", "name", "pk")
            )
            self.is_searching = True
            self.search_query = query
        return objects


class _ActorChooseMixin:
    filter_form_class = ActorSearchForm

    def get_object_list(self):
        return Actor.objects.only("pk", "name", "name_en", "kind", "country_code", "slug").order_by("name", "pk")

    @property
    def columns(self):
        return [
            *super().columns,  # type: ignore[misc]
            Column("country_code", label=_("country"), accessor="country_code"),
            Column("kind", label=_("kind"), accessor="get_kind_display"),
        ]


class ActorChooseView(_ActorChooseMixin, ChooseView):
    pass


class ActorChooseResultsView(_ActorChooseMixin, ChooseResultsView):
    pass


class ActorChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ActorChooseView
    choose_results_view_class = ActorChooseResultsView


class ActorMultipleChooser(forms.Widget):
    """Chosen actors as a list (hidden inputs carry their ids) and a button that opens the searchable chooser."""

    template_name = "register/widgets/actor_multiple_chooser.html"

    class Media:
        js = ["wagtailadmin/js/chooser-modal.js", "register/actor-multiple-chooser.js"]
        css = {"all": ["register/actor-multiple-chooser.css"]}

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def format_value(self, value) -> list[str]:
        if not value:
            return []
        return [str(getattr(v, "pk", v)) for v in value]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [int(v) for v in context["widget"]["value"] if str(v).isdigit()]
        chosen = {a.pk: a for a in Actor.objects.filter(pk__in=ids).only("pk", "name", "kind", "country_code")}
        context["widget"]["chosen"] = [chosen[i] for i in ids if i in chosen]
        context["widget"]["chooser_url"] = reverse("wagtailsnippetchoosers_register_actor:choose")
        return context

    def render(self, name, value, attrs=None, renderer=None):
        return render_to_string(self.template_name, self.get_context(name, value, attrs))
