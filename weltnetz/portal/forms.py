"""The relation list's filter form: labelled selects, validated so that bad values get a clear 400."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weltnetz.register import filters
from weltnetz.register.models import Relation, Topic
from weltnetz.register.vocab import Continent, RelationKind, Status, parse_as_of

from .countries import country_name

SCOPE_ALL, SCOPE_TWINNINGS = filters.SCOPE_ALL, filters.SCOPE_TWINNINGS  # the API's `scope` values


def _blank(label):
    return [("", label)]


class AsOfField(forms.CharField):
    """A day ("2015-06-30") or a bare year, which means its end; empty means today's register."""

    def clean(self, value):
        value = super().clean(value)  # the text's own checks (length) first, then its meaning
        if not value:
            return None
        try:
            return parse_as_of(value)
        except ValueError:
            raise forms.ValidationError(_("Enter a date as YYYY-MM-DD or a year as YYYY.")) from None


class AsOfForm(forms.Form):
    """ "Stand am …" on a partner page: the relations as they stood on a day (a bare year means its end)."""

    as_of = AsOfField(label=_("As of (date or year)"), required=False, max_length=10)


class RegisterChoiceField(forms.ChoiceField):
    """A select whose value the register checks (weltnetz.register.filters, as for the API), not the choices
    offered: a valid country without relations is an empty list, not an error."""

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def validate(self, value):
        super(forms.ChoiceField, self).validate(value)  # required or not; the register checks the value
        try:
            self.check(value or None)
        except filters.InvalidFilter as exc:
            raise forms.ValidationError(str(exc.reason)) from None

    def clean(self, value):
        value = super().clean(value)
        checked = self.check(value or None)
        return checked if checked is not None else []


class RelationFilterForm(forms.Form):
    """Filters for the list of relations; every field optional, every value checked by the register."""

    kind = RegisterChoiceField(label=_("Kind"), required=False, check=filters.kinds)
    country = RegisterChoiceField(label=_("Country"), required=False, check=filters.countries)
    continent = RegisterChoiceField(label=_("Continent"), required=False, check=filters.continents)
    topic = forms.ChoiceField(label=_("Field of cooperation"), required=False)
    status = RegisterChoiceField(label=_("Status"), required=False, check=filters.statuses)
    scope = RegisterChoiceField(
        label=_("Scope"),
        required=False,
        check=filters.scope,  # "region" too, as the API takes it: the same as the empty default
        choices=[
            ("", _("the state's relations")),
            (SCOPE_ALL, _("with the town twinnings")),
            (SCOPE_TWINNINGS, _("town twinnings only")),
        ],
    )
    as_of = AsOfField(
        label=_("As of (date or year)"),
        required=False,
        max_length=10,
        help_text=_("YYYY-MM-DD, or a year for its end: the relations that existed then, with their status then."),
    )

    def __init__(self, *args, relations=None, **kwargs):
        super().__init__(*args, **kwargs)
        relations = relations if relations is not None else Relation.objects.public()
        if not self.asks_for_twinnings(self.data.get("scope", ""), self.data.get("kind", "").split(",")):
            relations = relations.of_home_region()  # the countries to choose from are those of the list shown
        self.fields["kind"].choices = _blank(_("all kinds")) + list(RelationKind.choices)
        codes = set(relations.exclude(country_code="").values_list("country_code", flat=True).distinct())
        countries = sorted(((c, country_name(c)) for c in codes), key=lambda c: c[1].casefold())
        self.fields["country"].choices = _blank(_("all countries")) + countries
        self.fields["continent"].choices = _blank(_("all continents")) + list(Continent.choices)
        topics = sorted(((t.slug, t.label) for t in Topic.objects.all()), key=lambda t: t[1].casefold())
        self.fields["topic"].choices = _blank(_("all fields")) + topics
        self.fields["status"].choices = _blank(_("any status")) + list(Status.choices)

    @staticmethod
    def asks_for_twinnings(scope: str, kinds: str | list[str]) -> bool:
        """Town twinnings are listed only when asked for: by the scope, or by choosing their kind."""
        return scope in (SCOPE_ALL, SCOPE_TWINNINGS) or RelationKind.MUNICIPAL_PARTNERSHIP in kinds

    def scoped(self, relations):
        """The relations of the chosen scope: by default the home region's own, without the town twinnings."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        scope, kinds = data.get("scope") or "", data.get("kind", [])
        if not scope:
            scope = SCOPE_ALL if self.asks_for_twinnings(scope, kinds) else filters.SCOPE_REGION
        return relations.in_scope(scope)

    def filter(self, relations):
        """Apply the valid filters through the register's queryset methods (the API's)."""
        data = self.cleaned_data
        if data.get("kind"):
            relations = relations.of_kind(*data["kind"])
        if data.get("country"):
            relations = relations.in_country(*data["country"])
        if data.get("continent"):
            relations = relations.on_continent(*data["continent"])
        if data.get("topic"):
            relations = relations.with_topic(data["topic"])
        if data.get("as_of"):
            # The same question as the API's as_of: what existed on that day, with its status then.
            return relations.as_of(data["as_of"], data.get("status") or ())
        if data.get("status"):
            relations = relations.with_status(*data["status"])
        return relations
