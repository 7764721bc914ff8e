"""An English-speaking visitor: the browser's language leads to /en/, and what they read there is English."""


def test_english_visitor_reads_english_pages(open_page, axe):
    page = open_page(locale="en-GB")
    page.goto("/")
    assert page.url.endswith("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="News").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/news/")
    assert page.get_by_role("heading", level=1).inner_text() == "News"
    page.get_by_role("link", name="Baden-Württemberg and Kanagawa deepen their cooperation").click()
    page.wait_for_load_state()
    assert "to mark the 35th anniversary of the partnership" in page.locator("main").inner_text().casefold()
    assert "Kretschmann" in page.locator("main").inner_text()
    axe(page)
    # The language switch leads to the German original of the same article.
    page.locator("nav.language").get_by_role("link", name="DE").click()
    page.wait_for_load_state()
    assert page.url.endswith("/de/aktuelles/baden-wuerttemberg-und-kanagawa-vertiefen-kooperation/")
    assert page.locator("html").get_attribute("lang") == "de"


def test_open_data_page_in_english_is_accessible(open_page, axe):
    page = open_page(locale="en-GB")
    page.goto("/en/offene-daten/")
    assert page.get_by_role("heading", level=1).inner_text() == "Open data"
    assert page.get_by_role("link", name="Licence text").count() == 1
    axe(page)
