"""Browser-test fixtures: Playwright driving Debian's Chromium against a live server of this process.

- `browser`: one headless Chromium per test worker (/usr/bin/chromium, or $WELTNETZ_CHROMIUM), never downloaded;
  missing, every browser test fails with install instructions (no silent skip).
- `site`: the live server's base URL. The server shares the test's database transaction: each test starts
  from the loaded register, and what it changes rolls back, as in every other test.
- `page`: a fresh 1280 px page with German as the browser's language. It records console errors, uncaught
  exceptions, failed requests, server errors and CSP violations; the test fails if any were recorded
  (`page.problems.allow(regex)` accepts one the test provokes on purpose). `open_page(viewport=PHONE)` opens more.
- `axe(page)`: axe-core's WCAG 2.1 A and AA rules must find nothing.
- `editor_page`: the page signed in as the German editor of the `editor` fixture.
- `screenshot(page, name)`: build/screenshots/<name>-<width>.png (gitignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from .support import SCREENSHOTS, LiveServer, assert_accessible, chromium_missing_message, new_page, sign_in

# Playwright's synchronous API keeps an event loop in the test thread; Django would refuse the ORM calls that
# tests make for their set-up as "async unsafe", although nothing runs concurrently with them in that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from .support import CHROMIUM, CHROMIUM_FLAGS

    if not Path(CHROMIUM).exists():
        pytest.fail(chromium_missing_message(), pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def _live_server(django_db_setup, django_db_blocker):
    from django.core import signals
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the connection that holds the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        server = LiveServer()
    yield server
    server.stop()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def site(_live_server, db):
    """The live server's base URL, e.g. http://127.0.0.1:41234 (pages resolve relative URLs against it)."""
    cache.clear()
    _live_server.serve(True)
    yield _live_server.url
    _live_server.serve(False)
    cache.clear()


def _track(request, page):
    request.node._browser_pages = [*getattr(request.node, "_browser_pages", []), page]


@pytest.fixture
def page(browser, site, request):
    page = new_page(browser, site)
    _track(request, page)
    yield page
    page.context.close()


@pytest.fixture
def open_page(browser, site, request):
    """`open_page(viewport=PHONE, locale="en-GB")`: another recording page, in a context of its own."""
    pages = []

    def make(viewport: dict | None = None, locale: str = "de-DE"):
        page = new_page(browser, site, viewport, locale)
        pages.append(page)
        _track(request, page)
        return page

    yield make
    for page in pages:
        page.context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Once a browser test's own checks pass, it fails if any of its pages recorded a problem."""
    result = yield
    problems = [p for page in getattr(item, "_browser_pages", []) for p in page.problems]
    if problems:
        raise AssertionError("the browser recorded problems:\n  " + "\n  ".join(problems))
    return result


@pytest.fixture
def axe():
    """`axe(page)` (optionally `exclude=[css selectors]`): no WCAG 2.1 A/AA violation on the page as it is now."""
    return assert_accessible


@pytest.fixture
def screenshot():
    """`screenshot(page, name)`: a full-page PNG in build/screenshots/ (gitignored); returns its path."""

    def take(page, name: str, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        return path

    return take


@pytest.fixture
def editor_page(page, editor):
    """The `page`, signed in through the login form as the German editor of the `editor` fixture."""
    sign_in(page, editor.username)
    return page
