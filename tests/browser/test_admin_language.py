"""The admin speaks one language per editor: a German editor sees German on every page, whatever the browser
asks for, and no English string that has a German translation (Wagtail's or the project's own) slips through."""

import gettext
import re
from pathlib import Path

import pytest
import wagtail
from wagtail.users.models import UserProfile

from browser.support import sign_in
from weltnetz.portal.models import NewsPage
from weltnetz.register.models import Actor, Agreement, Relation

REPO = Path(__file__).resolve().parents[2]
CATALOGUES = [
    REPO / "weltnetz" / "locale" / "de" / "LC_MESSAGES" / "django.mo",
    *Path(wagtail.__file__).parent.glob("**/locale/de/LC_MESSAGES/django*.mo"),
]
TEXTS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest('script, style, template, noscript')) continue;
    const hidden = parent.offsetParent === null && getComputedStyle(parent).position !== 'fixed';
    if (hidden && !parent.closest('.w-sr-only')) continue;  // not shown, unless it is for screen readers
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) texts.add(text);
  }
  document.querySelectorAll('[aria-label], [title], [placeholder]').forEach(el => {
    ['aria-label', 'title', 'placeholder'].forEach(a => el.getAttribute(a) && texts.add(el.getAttribute(a).trim()));
  });
  return [...texts];
}"""


def english_strings() -> set[str]:
    """English interface strings that have a German translation different from themselves."""
    found = set()
    for path in CATALOGUES:
        with path.open("rb") as f:
            catalogue = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        for key, german in catalogue.items():
            english = key[0] if isinstance(key, tuple) else key
            if not english or "%" in english or "{" in english or "\n" in english or len(english) < 4:
                continue
            if german and german != english and re.search(r"[a-z]{3}", english):
                found.add(english)
    return found


def admin_pages() -> list[str]:
    relation = Relation.objects.get(partner__slug="kanagawa", kind="state_partnership")
    return [
        "/admin/",
        "/admin/snippets/register/relation/",
        f"/admin/snippets/register/relation/edit/{relation.pk}/",
        f"/admin/snippets/register/relation/history/{relation.pk}/",
        f"/admin/snippets/register/actor/edit/{Actor.objects.get(slug='kanagawa').pk}/",
        f"/admin/snippets/register/agreement/edit/{Agreement.objects.order_by('pk')[0].pk}/",
        f"/admin/pages/{NewsPage.objects.order_by('pk')[0].pk}/edit/",
        "/admin/documents/",
        "/admin/account/",
    ]


@pytest.mark.parametrize("browser_locale", ["de-DE", "en-GB"])
def test_a_german_editor_sees_only_german(open_page, editor, browser_locale):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    page = open_page(locale=browser_locale)
    sign_in(page, editor.username)
    english = english_strings()
    leaks = {}
    for url in admin_pages():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "de", url
        found = sorted(t for t in page.evaluate(TEXTS) if t in english)
        if found:
            leaks[url] = found
    assert leaks == {}, leaks
