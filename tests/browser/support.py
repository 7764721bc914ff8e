"""What browser tests share besides fixtures: the live server, problem recording, axe-core, sign-in.

Import in a test as `from browser.support import PHONE, sign_in` (tests/ is on the path).
"""

from __future__ import annotations

import json
import os
import re
import socketserver
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("WELTNETZ_CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("WELTNETZ_SCREENSHOTS", REPO / "build" / "screenshots"))
CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",  # no calls home: nothing may leave the machine
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery"  # noqa: S105 (the test users' password, see tests/conftest.py)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_missing_message() -> str:
    return (
        f"Chromium not found at {CHROMIUM}. The browser tests drive Debian's Chromium: install it with "
        "`apt-get install -y chromium` (or set WELTNETZ_CHROMIUM to a Chromium binary). "
        "Do not run `playwright install`: it downloads a browser of its own."
    )


# -- the live server --------------------------------------------------------------------------------


class LiveServer:
    """Serves the Django application from threads of this process on a free loopback port.

    Requests run one at a time on the test thread's own database connection, inside the test's transaction,
    so the browser sees what the test set up and everything rolls back afterwards, on SQLite and PostgreSQL.
    Each browser connection gets a thread, so a connection Chromium opens early and leaves idle blocks nothing.
    """

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler
        from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
        from django.db import connections

        class Server(socketserver.ThreadingMixIn, WSGIServer):
            daemon_threads = True

        class QuietHandler(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        self.connection = connections["default"]
        self.connection.inc_thread_sharing()
        self.lock = threading.Lock()
        self.active = False  # between tests there is no transaction to serve from
        self.handler = WSGIHandler()
        self.httpd = Server(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
        self.httpd.set_app(self.app)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def app(self, environ, start_response):
        from django.db import connections

        with self.lock:
            if not self.active:  # e.g. a page's unload beacon arriving after its test ended
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"no test is running"]
            connections["default"] = self.connection
            response = self.handler(environ, start_response)
            try:
                body = b"".join(response)  # streamed files too, while the connection is ours
            finally:
                response.close()
        return [body]

    def serve(self, active: bool) -> None:
        """Start or stop answering from the database (waits for a request in progress)."""
        with self.lock:
            self.active = active

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.connection.dec_thread_sharing()


# -- pages that record problems ---------------------------------------------------------------------


class Problems(list):
    """What went wrong in a page: console errors, uncaught exceptions, CSP violations, failed requests."""

    def __init__(self) -> None:
        super().__init__()
        self.allowed: list[re.Pattern] = []

    def allow(self, pattern: str) -> None:
        """Accept problems matching `pattern` (a regular expression), e.g. a 404 the test provokes on purpose."""
        self.allowed.append(re.compile(pattern))

    def add(self, text: str) -> None:
        if not any(p.search(text) for p in self.allowed):
            self.append(text)


# Chromium reports a CSP violation to the page as a DOM event; this forwards it to the test.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.__weltnetzCsp && window.__weltnetzCsp(
    e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def new_page(browser, base_url: str, viewport: dict | None = None, locale: str = "de-DE"):
    """A page in a fresh browser context (own cookies) that records its problems in `page.problems`."""
    context = browser.new_context(
        base_url=base_url, viewport=viewport or DESKTOP, locale=locale, accept_downloads=True, service_workers="block"
    )
    # Generous, for a shared CI machine under load: a timeout only costs time when a test fails anyway.
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(60_000)
    page = context.new_page()
    problems = page.problems = Problems()
    page.expose_function("__weltnetzCsp", lambda text: problems.add(f"CSP violation: {text}"))
    page.add_init_script(_CSP_LISTENER)

    def on_console(message):
        # Chromium logs every 4xx/5xx answer as "Failed to load resource"; on_response judges those.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.add(f"console error: {message.text} ({page.url})")

    def on_failed(request):
        if request.failure and "ERR_ABORTED" not in request.failure:  # aborted: navigated away, not a fault
            problems.add(f"request failed: {request.url}: {request.failure}")

    def on_response(response):
        if response.status < 400:
            return
        request = response.request
        json_answer = "json" in (response.headers.get("content-type") or "")
        if response.status < 500 and request.resource_type in ("fetch", "xhr") and json_answer:
            return  # a script's request answered with a reason it handles (Wagtail's autosave of a half-filled form)
        problems.add(f"HTTP {response.status} for {request.resource_type} {request.method} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.add(f"uncaught exception: {error} ({page.url})"))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    return page


# -- axe-core ---------------------------------------------------------------------------------------


def run_axe(page, exclude: list[str] | None = None) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now.

    axe is evaluated through DevTools, which the page's Content-Security-Policy does not govern; a script tag
    would be refused, as it should be.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if not AXE.exists():
            pytest.fail(f"axe-core not found at {AXE}: run `npm ci` (`make test` does it).", pytrace=False)
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # Colours are measured as they are drawn: a dialog or button still fading in after a click (Wagtail's
    # transitions) measured a contrast that the settled page does not have. Check the page at rest.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter((a) => a instanceof CSSTransition && a.playState === "running")
                .map((a) => a.finished.catch(() => null))),
            new Promise((done) => setTimeout(done, 3000)),
        ])"""
    )
    return page.evaluate(
        """([exclude, tags]) => axe.run(exclude.length ? {exclude: exclude.map((s) => [s])} : document,
             {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}).then((r) => r.violations)""",
        [exclude or [], WCAG_TAGS],
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[-1].strip() if summary else ''}")
    return "\n".join(lines)


def assert_accessible(page, exclude: list[str] | None = None) -> None:
    violations = run_axe(page, exclude)
    assert not violations, f"axe-core found WCAG 2.1 A/AA violations on {page.url}:\n{describe_violations(violations)}"


# -- editors ----------------------------------------------------------------------------------------


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the admin's login form, as an editor does, and wait for the dashboard."""
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def get_json(page, path: str):
    """GET a path with the page's cookies (nothing rendered) and return the parsed JSON."""
    response = page.request.get(path)
    assert response.ok, f"{path}: {response.status}"
    return json.loads(response.text())


# -- data -------------------------------------------------------------------------------------------


def add_towns(count: int = 17_000) -> None:
    """Add `count` towns to the register, as many as the twin-town import brings (no ../shared file needed)."""
    from weltnetz.register.models import Actor
    from weltnetz.register.names import fold
    from weltnetz.register.vocab import ActorKind

    towns = []
    for i in range(count):
        name = f"Neustadt {i:05d}"
        towns.append(
            Actor(
                slug=f"neustadt-{i:05d}",
                kind=ActorKind.MUNICIPALITY,
                name=name,
                name_key=fold(name),
                country_code="DE" if i % 2 else "FR",
                latitude=45 + (i % 100) / 20,
                longitude=5 + (i // 100) / 20,
            )
        )
    Actor.objects.bulk_create(towns, batch_size=2000)
