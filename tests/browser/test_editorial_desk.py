"""The editorial desk in a real browser: a proposed fact accepted as a draft, the checks and the planner."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from weltnetz.ingest.models import ProposedFact
from weltnetz.register.models import Actor, Relation, StatusChange, home_region


def test_an_editor_accepts_a_new_partnership_as_a_draft(editor_page, axe, press_release, screenshot):
    page = editor_page
    call_command("ingest", str(press_release), verbosity=0)
    fact = ProposedFact.objects.get(kind="relation", payload__partner="Auvergne-Rhône-Alpes")

    # the dashboard shows what is waiting
    page.goto("/admin/")
    waiting = page.locator("#weltnetz-waiting")
    assert "in der Prüfliste" in waiting.inner_text()
    axe(page)

    page.goto("/admin/ingest/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Auvergne-Rhône-Alpes").first.click()
    assert page.locator("mark").first.inner_text() == fact.evidence
    assert "Was die Übernahme im Register ändert" in page.content()
    axe(page)
    screenshot(page, "admin-review-fact", full_page=False)

    # the "new partner" step: the browser refuses the form until the editor confirms
    accept = page.get_by_role("button", name="Als Entwurf übernehmen", exact=True)
    accept.click()
    assert page.url.endswith(f"/admin/ingest/{fact.pk}/")
    assert not Relation.objects.filter(partner__name="Auvergne-Rhône-Alpes").exists()
    page.get_by_label("Ja, als neuen Akteur anlegen").first.check()
    with page.expect_navigation():
        accept.click()
    assert "Als Entwurf gespeichert" in page.locator(".messages").inner_text()

    relation = Relation.objects.get(partner__name="Auvergne-Rhône-Alpes")
    assert not relation.live and relation.has_unpublished_changes
    # the public overview does not show the draft
    visitor = page.context.browser.new_context(base_url=page.url.split("/admin")[0], locale="de-DE")
    try:
        public = visitor.new_page()
        public.goto("/de/")
        assert "Auvergne" not in public.content()
    finally:
        visitor.close()


def test_the_checks_and_the_planner_pages(editor_page, axe):
    page = editor_page
    today = timezone.localdate()
    Actor.objects.create(slug="doppel-1", name="Doppelort", kind="municipality", country_code="DE")
    Actor.objects.create(slug="doppel-2", name="Doppelort", kind="municipality", country_code="DE")
    partner = Actor.objects.create(slug="jubilarien", name="Jubilarien", kind="region", country_code="FR")
    rel = Relation.objects.create(
        kind="state_partnership", home=home_region(), partner=partner, since=today.year + 1 - 25, live=True
    )
    StatusChange.objects.create(
        relation=rel, status="active", date=dt.date(today.year + 1 - 25, 3, 14), precision="day"
    )
    rel.refresh_status()

    page.goto("/admin/desk/checks/")
    section = page.locator("[data-check='duplicate_actor']")
    assert "doppelort" in section.inner_text()
    with page.expect_navigation():
        section.get_by_role("link").first.click()
    assert "/admin/snippets/register/actor/edit/" in page.url
    page.goto("/admin/desk/checks/")
    axe(page)

    page.goto("/admin/desk/anniversaries/")
    row = page.locator("tr", has_text="Jubilarien")
    assert "25 Jahre" in row.inner_text()
    axe(page)
    csv = page.request.get("/admin/desk/anniversaries.csv")
    assert csv.ok and "Jubilarien" in csv.text()
    ics = page.request.get("/admin/desk/anniversaries.ics")
    assert ics.ok and f"DTSTART;VALUE=DATE:{today.year + 1}0314" in ics.text()
