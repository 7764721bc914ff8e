"""The seed article as a news page with every part the seed shows; the news index with filter and pages."""

import re

import pytest

from weltnetz.portal.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db
URL = "/de/aktuelles/baden-wuerttemberg-und-kanagawa-vertiefen-kooperation/"


def text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_news_page_shows_every_part_of_the_seed(page):
    html = page(URL)
    body = text(html)
    assert '<p class="kicker" lang="de">Internationale Zusammenarbeit</p>' in html
    assert '<h1 lang="de">Baden-Württemberg und Kanagawa vertiefen Kooperation</h1>' in html
    assert '<time datetime="2024-07-17">17. Juli 2024</time>' in html
    assert "Angestrebt wird zudem eine noch engere Kooperation im Gesundheitssektor." in body  # lead
    assert "Zum 35-jährigen Jubiläum der Partnerschaft" in body  # body
    quote = html.split('class="pull-quote"')[1].split("</figure>")[0]
    assert "Gute Partnerschaften, die von gleichen Prinzipien getragen werden" in quote
    assert "<figcaption>Ministerpräsident Winfried Kretschmann</figcaption>" in quote
    image = html.split('class="news-image"')[1].split("</figure>")[0]
    assert 'alt="Platzhaltergrafik' in image  # the seed has no photo; the alt text must not describe one
    assert "nach der Unterzeichnung einer Gemeinsamen Absichtserklärung" in image  # caption
    assert re.search(r"\d+ Minuten? Lesezeit", body)


def test_reading_time_is_computed_from_the_text():
    news = NewsPage.objects.get(slug="baden-wuerttemberg-und-kanagawa-vertiefen-kooperation")
    words = len(re.findall(r"\w+", f"{news.title} {news.plain_text}"))
    assert 300 < words < 600
    assert news.reading_time == -(-words // 200)


def test_attachment_links_the_register_entry_until_a_file_is_uploaded(page):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from weltnetz.register.models import Agreement

    agreement = Agreement.objects.get(title="Gemeinsame Absichtserklärung")
    attachments = page(URL).split('class="attachments"')[1].split("</section>")[0]
    assert "Gemeinsame Absichtserklärung" in attachments
    assert f'href="/de/vereinbarung/{agreement.pk}/"' in attachments
    assert "die Datei folgt" in attachments

    document = Document(title="Gemeinsame Absichtserklärung")
    document.file.save("absichtserklaerung.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    agreement.document = document
    agreement.save()
    attachments = page(URL).split('class="attachments"')[1].split("</section>")[0]
    assert f'href="{document.url}"' in attachments
    assert "(PDF)" in attachments


def test_share_links_are_plain_anchors_and_permalink(page):
    html = page(URL)
    share = html.split('class="share"')[1].split("</section>")[0]
    assert 'href="mailto:?subject=' in share
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A//testserver" in share
    assert "<script" not in share and "<img" not in share and "<iframe" not in share
    assert f'value="http://testserver{URL}"' in share


def test_related_news_by_shared_partner_or_topic(page):
    index = NewsIndexPage.objects.get(locale__language_code="de")
    seed = NewsPage.objects.get(slug="baden-wuerttemberg-und-kanagawa-vertiefen-kooperation")
    other = NewsPage(
        title="Delegation aus Kanagawa in Karlsruhe", slug="delegation", date="2025-03-01", kicker="Besuch"
    )
    index.add_child(instance=other)
    other.partners.set(list(seed.partners.all()))
    other.save_revision().publish()
    unrelated = NewsPage(title="Ganz anderes Thema", slug="anderes", date="2025-04-01")
    index.add_child(instance=unrelated)
    unrelated.save_revision().publish()
    assert [n.slug for n in seed.related_news()] == ["delegation"]
    related = page(URL).split('class="related"')[1]
    assert "Delegation aus Kanagawa in Karlsruhe" in related
    assert "Ganz anderes Thema" not in related


def test_news_page_interface_in_english(page):
    body = text(page("/en/news/baden-wuerttemberg-and-kanagawa-deepen-cooperation/"))
    assert "July 17, 2024" in body or "17 July 2024" in body
    assert re.search(r"\d+ minutes? reading time", body)
    assert "Permanent link" in body and "Share" in body
    assert "Baden-Württemberg and Kanagawa deepen their cooperation" in body  # translated with Wagtail's locales


def test_news_index_filters_by_category_and_paginates(page):
    index = NewsIndexPage.objects.get(locale__language_code="de")
    for i in range(12):
        news = NewsPage(title=f"Besuch Nummer {i}", slug=f"besuch-{i}", date=f"2025-01-{i + 1:02d}", kicker="Besuch")
        index.add_child(instance=news)
        news.save_revision().publish()
    first = text(page("/de/aktuelles/"))
    assert "Seite 1 von 2" in first
    assert "Besuch Nummer 11" in first  # newest first
    filtered = text(page("/de/aktuelles/?category=Internationale+Zusammenarbeit"))
    assert "Baden-Württemberg und Kanagawa vertiefen Kooperation" in filtered
    assert "Besuch Nummer" not in filtered
    second = text(page("/de/aktuelles/?category=Besuch&page=2"))
    assert "Seite 2 von 2" in second and "Besuch Nummer 0" in second
    assert "Baden-Württemberg und Kanagawa" not in second


def test_news_image_file_is_served_by_the_site(page, client):
    html = page(URL)
    src = re.search(r'<figure class="news-image">\s*<img src="([^"]+)"', html).group(1)
    assert src.startswith("/media/")
    response = client.get(src)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
