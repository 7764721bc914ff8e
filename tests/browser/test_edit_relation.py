"""An editor keeps a relation current in the admin, in a real browser: status change, draft, publish, compare."""

import datetime as dt

from browser.support import get_json
from weltnetz.register.models import Relation


def kanagawa() -> Relation:
    return Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")


def public_state(page, relation: Relation) -> tuple[str, list]:
    """What a visitor and a data user see: the partner page's relation section and the API's status history."""
    visitor = page.context.browser.new_context(base_url=page.url.split("/admin")[0], locale="de-DE")
    try:
        public = visitor.new_page()
        public.goto("/de/partner/kanagawa/")
        section = public.locator(f"#h-rel-{relation.pk}").locator("xpath=..").inner_text()
        api = get_json(public, f"/api/v1/relations/{relation.pk}")
    finally:
        visitor.close()
    return section, [(e["status"], e["date"]) for e in api["status_history"]]


def add_status_change(page, status: str, date: str, note: str) -> None:
    """Press "add status change", fill the new form (the date through its picker first), choose the source."""
    before = int(page.locator("#id_status_changes-TOTAL_FORMS").input_value())
    page.get_by_role("button", name="Statusänderung hinzufügen").click()
    expect_forms = before + 1
    page.wait_for_function(f"document.getElementById('id_status_changes-TOTAL_FORMS').value == '{expect_forms}'")
    prefix = f"#id_status_changes-{before}"
    page.select_option(f"{prefix}-status", status)
    # The date picker opens and writes the day chosen in it; then the editor types the date the source gives.
    page.click(f"{prefix}-date")
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.locator(".xdsoft_today").first.click()
    assert page.input_value(f"{prefix}-date") == dt.date.today().isoformat()
    page.fill(f"{prefix}-date", date)
    page.keyboard.press("Escape")
    page.select_option(f"{prefix}-precision", "day")
    page.fill(f"{prefix}-note", note)
    # The source chooser: a modal with a searchable list of the register's sources.
    form = page.locator(f"#inline_child_status_changes-{before}")
    form.get_by_role("button", name="Quelle auswählen").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="Baden-Württemberg in der Welt").click()
    page.wait_for_selector(".modal-dialog", state="detached")
    assert "Baden-Württemberg in der Welt" in form.inner_text()
    page.fill(f"{prefix}-passage", "Die Partnerschaft ruht seit 1. März 2022.")


def publish(page) -> None:
    """Open the footer's action menu and publish; wait for the listing the admin returns to."""
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Veröffentlichen").click()
    assert "veröffentlicht" in page.locator(".messages").inner_text()


def test_status_change_saved_as_draft_stays_private_until_published(editor_page, axe, screenshot):
    page = editor_page
    relation = kanagawa()
    before_page, before_api = public_state(page, relation)
    assert "ruht" not in before_page
    assert ("dormant", "2022-03-01") not in before_api

    page.goto(f"/admin/snippets/register/relation/edit/{relation.pk}/")
    axe(page)
    add_status_change(page, "dormant", "2022-03-01", "ruht seit 1. März 2022")
    screenshot(page, "admin-relation-edit", full_page=False)
    with page.expect_navigation():
        page.get_by_role("button", name="Entwurf speichern").click()
    assert "geändert" in page.locator(".messages").inner_text()

    # A draft: visitors and the API still see the published state.
    assert public_state(page, relation) == (before_page, before_api)

    # Publishing makes it public on the partner page and in the API.
    publish(page)
    section, history = public_state(page, relation)
    assert "ruht ab 1. März 2022" in section
    assert "ruht seit 1. März 2022" in section
    assert ("dormant", "2022-03-01") in history
    assert get_json(page, f"/api/v1/relations/{relation.pk}")["status"] == "dormant"


def test_editor_compares_two_revisions(editor_page, axe):
    page = editor_page
    relation = kanagawa()
    url = f"/admin/snippets/register/relation/edit/{relation.pk}/"
    for note in ("Erste Fassung der Anmerkung", "Zweite Fassung der Anmerkung"):
        page.goto(url)
        page.fill("#id_note", note)
        with page.expect_navigation():
            page.get_by_role("button", name="Entwurf speichern").click()

    page.goto(f"/admin/snippets/register/relation/history/{relation.pk}/")
    axe(page)
    page.get_by_role("button", name="Aktionen").first.click()  # the newest revision's menu
    with page.expect_navigation():
        page.get_by_role("link", name="Mit vorheriger Version vergleichen").click()
    assert "/revisions/compare/" in page.url
    row = page.locator("tr", has_text="Anmerkung")
    assert row.locator(".deletion").inner_text() == "Erste"  # struck out: the older revision's word
    assert row.locator(".addition").inner_text() == "Zweite"
    assert "Fassung der Anmerkung" in row.inner_text()
    axe(page)
