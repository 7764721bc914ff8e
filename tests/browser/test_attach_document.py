"""An editor uploads a signed agreement as PDF and attaches it; visitors find the link on the agreement and partner."""

from weltnetz.register.models import Agreement

# A minimal, valid one-page PDF.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_editor_uploads_a_pdf_and_attaches_it_to_an_agreement(editor_page, axe, tmp_path):
    page = editor_page
    agreement = Agreement.objects.get(partner__slug="kanagawa", title="Gemeinsame Absichtserklärung")
    pdf = tmp_path / "absichtserklaerung-kanagawa-2024.pdf"
    pdf.write_bytes(PDF)

    page.goto(f"/admin/snippets/register/agreement/edit/{agreement.pk}/")
    page.locator("#id_document-chooser").get_by_role("button").first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Hochladen").click()
    modal.get_by_label("Titel").fill("Absichtserklärung Kanagawa 2024 (unterzeichnet)")
    modal.locator("input[type=file]").set_input_files(str(pdf))
    axe(page)
    modal.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
    page.wait_for_selector(".modal-dialog", state="detached")
    assert "Absichtserklärung Kanagawa 2024" in page.locator("#id_document-chooser").inner_text()
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Veröffentlichen").click()

    for url in (f"/de/vereinbarung/{agreement.pk}/", "/de/partner/kanagawa/"):
        page.goto(url)
        link = page.locator("main a[href*='absichtserklaerung-kanagawa-2024']").first
        assert link.is_visible(), url
        response = page.request.get(link.get_attribute("href"))
        assert response.ok and response.body().startswith(b"%PDF"), url
