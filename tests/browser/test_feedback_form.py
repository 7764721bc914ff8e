"""The accessibility feedback form in a real browser: labels, help and error texts that screen readers find,
autocomplete, focus on the error summary after a failed submit, and bad input answered clearly and safely."""

import pytest

URL = "/de/barrierefreiheit/"
MESSAGE = "#id_beschreibung_der_barriere"
MARKUP = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>"\'&'


@pytest.fixture
def form_page(page):
    page.on("dialog", lambda dialog: page.problems.add(f"a dialog opened: {dialog.message}"))
    page.goto(URL)
    return page


def described_by_ids_exist(page) -> list[str]:
    """The aria-describedby/labelledby references in the form that point to no element."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby]')]
              .filter(el => el.closest('.feedback-form'))
              .flatMap(el => ['aria-describedby', 'aria-labelledby']
                .flatMap(a => (el.getAttribute(a) || '').split(' ').filter(Boolean))
                .filter(id => !document.getElementById(id)).map(id => el.id + ' -> ' + id))"""
    )


def test_fields_refer_to_existing_help_texts_and_offer_autocomplete(form_page, axe):
    page = form_page
    assert described_by_ids_exist(page) == []
    assert page.get_by_label("Ihr Name").get_attribute("autocomplete") == "name"
    assert page.get_by_label("Ihre E-Mail-Adresse").get_attribute("autocomplete") == "email"
    assert page.get_by_label("Ihr Name").get_attribute("aria-describedby") == "id_ihr_name_helptext"
    axe(page)


def test_an_empty_submit_moves_the_focus_to_the_error_summary(form_page, axe, screenshot):
    page = form_page
    with page.expect_navigation():
        page.get_by_role("button", name="Absenden").click()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("el => el === document.activeElement")
    assert "Beschreibung der Barriere" in summary.inner_text()
    assert page.title().startswith("Fehler")
    field = page.locator(MESSAGE)
    assert field.get_attribute("aria-invalid") == "true"
    assert described_by_ids_exist(page) == []
    axe(page)
    screenshot(page, "feedback-error", full_page=False)
    # The summary's link leads to the field.
    summary.get_by_role("link").first.click()
    assert field.evaluate("el => el === document.activeElement")


def test_a_one_megabyte_message_gets_a_clear_error(form_page):
    page = form_page
    page.problems.allow(r"HTTP 413 for document")  # a server may refuse so large a request unread
    # A browser keeps typing within maxlength; a script or a paste of a huge text need not.
    page.locator(MESSAGE).evaluate("el => { el.removeAttribute('maxlength'); el.value = 'x'.repeat(1024 * 1024); }")
    with page.expect_navigation():
        page.get_by_role("button", name="Absenden").click()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("el => el === document.activeElement")
    assert "Zeichen" in summary.inner_text()  # says how long it may be
    assert "Vielen Dank" not in page.locator("main").inner_text()


def test_markup_in_every_field_is_shown_as_text_and_never_run(form_page):
    page = form_page
    fields = ".feedback-form input:not([type=hidden]):not([name=website]):visible, .feedback-form textarea"
    for field in page.locator(fields).all():  # every field a person sees (not the honeypot)
        field.fill(MARKUP)
    with page.expect_navigation():
        page.get_by_role("button", name="Absenden").click()
    # The e-mail field refuses it with a clear error; the other fields keep the text, escaped.
    summary = page.locator("[data-error-summary]")
    assert "E-Mail" in summary.inner_text()
    assert page.get_by_label("Ihr Name").input_value() == MARKUP
    assert page.evaluate("window.__xss") is None
    assert page.locator("main img[src='x'], main script").count() == 0
