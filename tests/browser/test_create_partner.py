"""An editor adds a new partner and its relation in the admin; both appear on the portal and in the API."""

import re

from browser.support import get_json


def choose(page, field_id: str, query: str, name: str) -> None:
    """Open a chooser field's modal, search, and pick the result named `name`."""
    page.locator(f"#{field_id}-chooser").get_by_role("button").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("textbox", name="Suchbegriff").fill(query)
    modal.get_by_role("link", name=name, exact=True).click()
    page.wait_for_selector(".modal-dialog", state="detached")


def test_editor_creates_a_partner_with_a_relation(editor_page, axe):
    page = editor_page
    page.goto("/admin/snippets/register/actor/add/")
    axe(page)
    page.fill("#id_name", "Gyeonggi-do")
    page.fill("#id_name_en", "Gyeonggi Province")
    page.fill("#id_slug", "gyeonggi-do")
    page.select_option("#id_kind", "region")
    page.fill("#id_country_code", "KR")
    page.select_option("#id_continent", "asia")
    page.fill("#id_latitude", "37.275")
    page.fill("#id_longitude", "127.009")
    with page.expect_navigation():
        page.get_by_role("button", name="Speichern").click()
    assert "Gyeonggi-do" in page.locator(".messages").inner_text()

    page.goto("/admin/snippets/register/relation/add/")
    page.select_option("#id_kind", "state_partnership")
    choose(page, "id_home", "baden", "Baden-Württemberg")
    choose(page, "id_partner", "gyeonggi", "Gyeonggi-do")
    page.fill("#id_since", "2025")
    page.get_by_role("button", name="Statusänderung hinzufügen").click()
    page.select_option("#id_status_changes-0-status", "active")
    page.fill("#id_status_changes-0-date", "2025-05-20")
    page.select_option("#id_status_changes-0-precision", "day")
    axe(page)
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Veröffentlichen").click()
    assert "veröffentlicht" in page.locator(".messages").inner_text()

    page.goto("/de/partner/gyeonggi-do/")
    main = page.locator("main").inner_text()
    assert "Landespartnerschaft" in main and "2025" in main
    relations = get_json(page, "/api/v1/relations?q=Gyeonggi")["results"]
    assert [(r["partner"]["slug"], r["since"], r["status"]) for r in relations] == [("gyeonggi-do", 2025, "active")]
    page.goto("/de/beziehungen/?country=KR")
    assert page.get_by_role("link", name=re.compile("Gyeonggi")).count() >= 1
