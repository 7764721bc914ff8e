"""On a 390 px phone the header leaves room for the content: the navigation folds behind a menu button."""

from browser.support import PHONE


def test_phone_header_is_small_and_the_menu_opens_and_closes(open_page, axe, screenshot):
    page = open_page(viewport=PHONE)
    page.goto("/de/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 0.25 * PHONE["height"], f"header {header['height']} px of {PHONE['height']}"
    nav_link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Karte")
    assert not nav_link.is_visible()

    menu = page.get_by_role("button", name="Menü")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible() and nav_link.evaluate("el => el.closest('nav').contains(document.activeElement)")
    axe(page)
    screenshot(page, "menu-open", full_page=False)
    page.keyboard.press("Escape")
    assert not nav_link.is_visible()
    assert menu.evaluate("el => el === document.activeElement")
    menu.click()
    with page.expect_navigation():
        nav_link.click()
    assert page.url.endswith("/de/karte/")


def test_desktop_shows_the_navigation_without_a_menu_button(page):
    page.goto("/de/")
    assert not page.get_by_role("button", name="Menü").is_visible()
    assert page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Karte").is_visible()
