"""The search page renders weltnetz.search results; German stemming finds the singular for the plural."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_for_a_plural_finds_partnerships(page):
    html = page("/de/suche/?q=Partnerschaften")
    assert "Treffer für „Partnerschaften“" in html
    assert "Nichts gefunden" not in html
    assert 'class="search-results"' in html


def test_search_finds_the_news_article(page):
    html = page("/de/suche/?q=Absichtserklärung")
    assert "Baden-Württemberg und Kanagawa vertiefen Kooperation" in html or "Gemeinsame Absichtserklärung" in html


def test_search_with_operators_and_long_input_does_not_fail(page):
    page("/de/suche/?q=%22*%20NEAR%20-%20(%20)%20%3A")
    page("/de/suche/?q=" + "a" * 10000)
    page("/de/suche/?q=Kanagawa&page=abc")


def test_empty_search_shows_the_form(page):
    html = page("/en/suche/")
    assert '<label for="q">Search partners, agreements and news</label>' in html
