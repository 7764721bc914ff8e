"""Correction forms for the review queue: one per kind of fact, each turning its fields back into FACTS.md form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltnetz.register.models import Topic
from weltnetz.register.vocab import RelationKind, Status


def _topic_choices() -> list[tuple[str, str]]:
    return [(t.slug, t.label) for t in Topic.objects.order_by("name")]


class FactForm(forms.Form):
    """A proposed fact as the editor corrects it: filled from the fact's payload, turned back into one."""

    @staticmethod
    def initial_from(payload: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def to_payload(self) -> dict[str, Any]:
        raise NotImplementedError


class RelationFactForm(FactForm):
    """A relation as the editor corrects it."""

    kind = forms.ChoiceField(label=_("Kind of relation"), choices=RelationKind.choices)
    partner = forms.CharField(label=_("Partner"), max_length=200)
    home = forms.CharField(
        label=_("Home actor"),
        max_length=200,
        required=False,
        help_text=_("Empty for the home region; the town for a municipal partnership."),
    )
    country = forms.CharField(
        label=_("Country (ISO 3166-1)"),
        max_length=2,
        required=False,
        help_text=_("Two letters, e.g. JP; empty for networks."),
    )
    since = forms.IntegerField(label=_("Since (year)"), required=False, min_value=1000)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("not stated")), *Status.choices], required=False)
    topics = forms.MultipleChoiceField(
        label=_("Fields of cooperation"), widget=forms.CheckboxSelectMultiple, required=False, choices=_topic_choices
    )

    def clean_country(self) -> str:
        value = self.cleaned_data["country"].strip().upper()
        if value and not (len(value) == 2 and value.isalpha()):
            raise forms.ValidationError(_("Enter a two-letter country code such as JP."))
        return value

    def clean_since(self) -> int | None:
        value = self.cleaned_data["since"]
        if value is not None and value > timezone.localdate().year + 1:
            raise forms.ValidationError(_("The year lies in the future."))
        return value

    @staticmethod
    def initial_from(payload: dict[str, Any]) -> dict[str, Any]:
        return {
            "kind": payload.get("kind"),
            "partner": payload.get("partner") or "",
            "home": payload.get("home") or "",
            "country": payload.get("country") or "",
            "since": payload.get("since"),
            "status": payload.get("status") or "",
            "topics": list(payload.get("topics") or []),
        }

    def to_payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        payload = {
            "kind": d["kind"],
            "partner": d["partner"].strip(),
            "country": d["country"] or None,
            "since": d["since"],
            "status": d["status"] or None,
            "topics": list(d["topics"]),
        }
        if d["home"].strip():
            payload["home"] = d["home"].strip()
        return payload


class AgreementFactForm(FactForm):
    """An agreement as the editor corrects it."""

    title = forms.CharField(label=_("Title"), max_length=300)
    partner = forms.CharField(label=_("Partner"), max_length=200)
    date = forms.RegexField(
        label=_("Date"),
        regex=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        required=False,
        help_text=_("YYYY-MM-DD, or YYYY-MM / YYYY where only that is known."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, YYYY-MM or YYYY.")},
    )
    place = forms.CharField(label=_("Place of signing"), max_length=200, required=False)
    signatories = forms.CharField(
        label=_("Signatories"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One name per line."),
    )

    @staticmethod
    def initial_from(payload: dict[str, Any]) -> dict[str, Any]:
        return {
            "title": payload.get("title") or "",
            "partner": payload.get("partner") or "",
            "date": payload.get("date") or "",
            "place": payload.get("place") or "",
            "signatories": "\n".join(payload.get("signatories") or []),
        }

    def to_payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"].strip(),
            "partner": d["partner"].strip(),
            "date": d["date"] or None,
            "place": d["place"].strip() or None,
            "signatories": [line.strip() for line in d["signatories"].splitlines() if line.strip()],
        }


class PersonFactForm(FactForm):
    """A person as the editor corrects them."""

    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    affiliation = forms.CharField(
        label=_("Acts for"),
        max_length=200,
        required=False,
        help_text=_("The region or body, as named in the register."),
    )

    @staticmethod
    def initial_from(payload: dict[str, Any]) -> dict[str, Any]:
        return {k: payload.get(k) or "" for k in ("name", "role", "affiliation")}

    def to_payload(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "name": d["name"].strip(),
            "role": d["role"].strip() or None,
            "affiliation": d["affiliation"].strip() or None,
        }


UPLOAD_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt", ".pdf")
UPLOAD_LIMIT = 10 * 1024 * 1024


class UploadForm(forms.Form):
    """A document an editor ingests in the admin: a press release, a page, a PDF."""

    document = forms.FileField(
        label=_("Document"),
        help_text=_("HTML, Markdown, plain text or PDF, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of source"),
        required=False,
        choices=[
            ("", _("recognise: press release when the document is dated, else web page")),
            ("press_release", _("press release")),
            ("web_page", _("web page")),
        ],
    )
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)

    def clean_document(self):
        upload = self.cleaned_data["document"]
        name = (upload.name or "").lower()
        if not name.endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(_("Upload an HTML, Markdown, text or PDF file."))
        if upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


FORMS: dict[str, type[FactForm]] = {
    "relation": RelationFactForm,
    "agreement": AgreementFactForm,
    "person": PersonFactForm,
}
