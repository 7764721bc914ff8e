"""The pages a German public body must have, the feedback form, and the accessibility basics on every page."""

import re

import pytest
from django.test import Client

from weltnetz.portal.models import FeedbackSubmission, FormPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title", "phrase"),
    [
        ("/de/impressum/", "Impressum", "Herausgeber"),
        ("/de/datenschutz/", "Datenschutzerklärung", "Keine Dienste Dritter"),
        ("/de/barrierefreiheit/", "Erklärung zur Barrierefreiheit", "WCAG"),
    ],
)
def test_legal_pages_render(page, url, title, phrase):
    html = page(url)
    assert "<h1" in html and title in html and phrase in html


def test_footer_links_the_legal_pages_in_both_languages(page):
    footer = page("/de/").split("<footer")[1]
    assert 'href="/de/impressum/">Impressum' in footer
    assert 'href="/de/barrierefreiheit/">Erklärung zur Barrierefreiheit' in footer
    footer_en = page("/en/").split("<footer")[1]
    assert 'href="/en/imprint/">Imprint' in footer_en
    assert 'href="/en/privacy/">Privacy' in footer_en


def test_feedback_form_has_labelled_fields_and_stores_submissions(client):
    html = client.get("/de/barrierefreiheit/").content.decode()
    assert "csrfmiddlewaretoken" in html
    fields = re.findall(r'<(?:input|textarea)[^>]*\bid="([^"]+)"', html.split('class="feedback-form"')[1])
    fields = [f for f in fields if f.startswith("id_")]
    assert len(fields) == 4
    for field_id in fields:
        assert f'<label for="{field_id}">' in html
    form_page = FormPage.objects.get(locale__language_code="de")
    names = [f.clean_name for f in form_page.get_form_fields()]
    data = {names[0]: "/de/karte/", names[1]: "Die Karte ist per Tastatur schwer zu bedienen."}
    response = client.post("/de/barrierefreiheit/", data)
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Rückmeldung" in response.content.decode()
    assert FeedbackSubmission.objects.filter(page=form_page).count() == 1


def test_feedback_form_requires_the_description(client):
    response = client.post("/de/barrierefreiheit/", {})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert FeedbackSubmission.objects.count() == 0


def test_feedback_form_rejects_posts_without_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/de/barrierefreiheit/", {}).status_code == 403


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("/de/", "/en/"),
        ("/en/partner/kanagawa/", "/de/partner/kanagawa/"),
        ("/de/karte/", "/en/karte/"),
        ("/de/impressum/", "/en/imprint/"),  # a translated page: the switch leads to its translation
    ],
)
def test_skip_link_landmarks_language_switch(page, url, other):
    html = page(url)
    lang = url[1:3]
    assert f'<html lang="{lang}">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html and "<nav" in html
    assert f'href="{other}" hreflang="{other[1:3]}"' in html


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").headers["Location"] == "/de/"


def test_anonymous_visitors_cannot_reach_the_admin(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
