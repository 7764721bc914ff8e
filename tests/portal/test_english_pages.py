"""Every page under /en/ is in English: a crawl of all of them finds no German in the main content.

German that may stand on an English page (a quoted source passage, a proper name, an article that exists only
in German) must be marked lang="de"; such elements are left out of the check. Everything else in <main>
must be free of German function words.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.django_db

# Function words that are German and not English (no "die", "so", "in", "an", "war": English has them too).
GERMAN = {
    "der",
    "das",
    "und",
    "mit",
    "für",
    "von",
    "ist",
    "sind",
    "nicht",
    "eine",
    "einer",
    "eines",
    "einem",
    "auf",
    "den",
    "dem",
    "des",
    "zu",
    "zum",
    "zur",
    "im",
    "auch",
    "wird",
    "werden",
    "über",
    "bei",
    "nach",
    "oder",
    "seit",
    "sowie",
    "wurde",
    "sich",
    "dass",
    "durch",
    "unter",
    "vom",
    "ihre",
    "ihr",
    "ein",
    "als",
    "aus",
    "wie",
    "noch",
    "nur",
    "bis",
    "keine",
    "kein",
    "wir",
    "sie",
    "es",
    "unsere",
    "haben",
    "hat",
    "gibt",
    "alle",
    "jahre",
    "partnerschaft",
    "zusammenarbeit",
    "ruht",
    "aktiv",
    "beendet",
    "seite",
    "datenschutz",
    "impressum",
}
SKIP_TAGS = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class MainText(HTMLParser):
    """The text of <main> outside elements marked with another language, and the page's links."""

    def __init__(self, language: str = "en"):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded)
        self.in_main = 0
        self.words: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in VOID:
            return
        excluded = (self.stack[-1][1] if self.stack else False) or tag in SKIP_TAGS
        if attrs.get("lang") and not attrs["lang"].startswith(self.language):
            excluded = True
        if tag == "main":
            self.in_main += 1
        self.stack.append((tag, excluded))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == "main":
                self.in_main -= 1
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_main and not (self.stack and self.stack[-1][1]):
            self.words += re.findall(r"[A-Za-zÄÖÜäöüß]+", data)


def crawl(client, start="/en/", limit=400):
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        parser = MainText()
        parser.feed(response.content.decode())
        pages[path] = parser.words
        for href in parser.links:
            url = urlsplit(urljoin(path, href))
            if url.netloc or not url.path.startswith("/en/") or url.query:
                continue
            queue.append(url.path)
    return pages


def test_every_english_page_is_in_english(client):
    pages = crawl(client)
    assert len(pages) >= 15, sorted(pages)
    assert {"/en/", "/en/news/", "/en/imprint/", "/en/privacy/", "/en/accessibility/", "/en/offene-daten/"} <= set(
        pages
    )
    german = {}
    for path, words in pages.items():
        # An all-capital token is an acronym (the MIT licence), not the German word it spells.
        found = sorted({w for w in words if w.casefold() in GERMAN and not (w.isupper() and len(w) > 1)})
        if found:
            german[path] = found
    assert not german, "\n".join(f"{p}: {w}" for p, w in sorted(german.items()))


def test_the_stop_words_catch_german(client):
    # The same check on a German page finds German: the test can fail.
    parser = MainText(language="de")
    parser.feed(client.get("/de/impressum/").content.decode())
    assert {w.casefold() for w in parser.words} & GERMAN


def test_english_news_is_a_translation_with_its_own_address(client):
    html = client.get("/en/news/").content.decode()
    assert "Baden-Württemberg and Kanagawa deepen their cooperation" in html
    article = client.get("/en/news/baden-wuerttemberg-and-kanagawa-deepen-cooperation/")
    assert article.status_code == 200
    assert '<html lang="en">' in article.content.decode()
    # the language switch leads to the German original, not to a German slug under /en/
    assert 'href="/de/aktuelles/baden-wuerttemberg-und-kanagawa-vertiefen-kooperation/"' in article.content.decode()


def test_an_article_only_in_german_is_listed_with_a_note_and_marked_german(client):
    from weltnetz.portal.models import NewsIndexPage, NewsPage

    german_index = NewsIndexPage.objects.get(locale__language_code="de")
    seed = NewsPage.objects.get(locale__language_code="de")
    extra = NewsPage(title="Nur auf Deutsch erschienen", slug="nur-deutsch", date=seed.date, lead="Eine Meldung.")
    german_index.add_child(instance=extra)
    extra.save_revision().publish()
    html = client.get("/en/news/").content.decode()
    teaser = html[html.index("Nur auf Deutsch erschienen") - 400 :]
    assert 'lang="de"' in teaser[:400]
    assert "This article exists only in German." in html
