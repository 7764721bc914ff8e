"""An editor edits and publishes the news article, and chooses its partners with a searchable chooser."""

import re

import pytest

from browser.support import add_towns, get_json, sign_in
from weltnetz.portal.models import NewsPage

SLUG = "baden-wuerttemberg-und-kanagawa-vertiefen-kooperation"


@pytest.fixture
def publisher_page(page, admin_client_user):
    """Pages are published by moderators (Wagtail's Editors group submits for moderation): sign in as one."""
    sign_in(page, admin_client_user.username)
    return page


def news() -> NewsPage:
    return NewsPage.objects.get(slug=SLUG)


def publish(page) -> None:
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Veröffentlichen").click()
    assert "veröffentlicht" in page.locator(".messages").inner_text()


def api_item(page, article: NewsPage) -> dict:
    return get_json(page, f"/api/v1/news/{article.pk}")


def test_editor_edits_and_publishes_the_news_article(publisher_page, axe, screenshot):
    page = publisher_page
    article = news()
    page.goto(f"/admin/pages/{article.pk}/edit/")
    axe(page)
    screenshot(page, "admin-news-edit", full_page=False)
    page.fill("#id_lead", "Neuer Vorspann: Kanagawa und Baden-Württemberg arbeiten beim Wasserstoff zusammen.")
    publish(page)

    visitor = page.context.browser.new_page(base_url=page.url.split("/admin")[0])
    try:
        visitor.goto(f"/de/aktuelles/{SLUG}/")
        assert "arbeiten beim Wasserstoff zusammen" in visitor.locator("main").inner_text()
    finally:
        visitor.close()
    assert api_item(page, article)["lead"].startswith("Neuer Vorspann")


def test_partners_are_chosen_in_a_searchable_chooser_not_a_list_of_every_town(publisher_page, axe, screenshot):
    add_towns(17_000)
    page = publisher_page
    article = news()
    page.goto(f"/admin/pages/{article.pk}/edit/")
    # The form carries the chosen partners, not 17,000 options.
    assert page.locator("option").count() < 1000
    chooser = page.locator("[data-actor-multiple-chooser]")
    assert chooser.locator("li").all_inner_texts()[0].startswith("Kanagawa")

    def choose(query: str, name: str, check_accessibility: bool = False) -> None:
        chooser.get_by_role("button", name="Partner hinzufügen").click()
        modal = page.locator(".modal-dialog")
        modal.get_by_role("textbox", name="Suchbegriff").fill(query)
        box = modal.get_by_role("checkbox", name=re.compile(name))
        box.wait_for()
        if check_accessibility:
            axe(page)
            screenshot(page, "admin-news-partner-chooser", full_page=False)
        box.check()
        modal.get_by_role("button", name=re.compile("bestätigen", re.I)).click()
        page.wait_for_selector(".modal-dialog", state="detached")

    choose("neustadt 0421", "Neustadt 04217", check_accessibility=True)  # folded: case does not matter
    choose("kalif", "Kalifornien")
    names = [t.split("\n")[0] for t in chooser.locator("li .actor-multiple-chooser__name").all_inner_texts()]
    assert names == ["Kanagawa", "Neustadt 04217", "Kalifornien"]  # the partner chosen before is kept
    chooser.get_by_role("button", name="Entfernen Neustadt 04217").click()
    assert chooser.locator("li").count() == 2
    publish(page)
    assert api_item(page, article)["partners"] == ["kalifornien", "kanagawa"]
