"""The twinnings map in headless Chromium: time until all towns are drawn and the bytes transferred for it.

    .venv/bin/python bench/bench_map.py --url http://127.0.0.1:8000     # a running weltnetz with the twinnings
    .venv/bin/python bench/bench_map.py --var /path/to/var             # start `weltnetz serve` on that var dir

Drives /usr/bin/chromium over the DevTools protocol on a pipe (no extra packages), with the cache disabled and a
fresh profile per run. The page sets data-drawn-ms on the map element when the clusters of all towns are drawn
(performance.now(), i.e. from navigation start). Bytes are the network's encoded (compressed) bytes of every
response of the page, headers included. Targets: < 1.5 s and < 1 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from common import free_port, start, stop  # noqa: E402

PAGE = "/de/staedtepartnerschaften/karte/"


class Chromium:
    """A headless Chromium controlled over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, binary: str):
        self.profile = tempfile.mkdtemp(prefix="bench-map-chromium-")
        to_r, self._to_w = os.pipe()
        self._from_r, from_w = os.pipe()

        def fds() -> None:
            a, b = os.dup(to_r), os.dup(from_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-first-run",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-extensions",
                "--disable-background-networking",
                f"--user-data-dir={self.profile}",
                "--window-size=1280,900",
                "about:blank",
            ],
            preexec_fn=fds,
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_r)
        os.close(from_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []

    def _read(self) -> dict:
        while b"\0" not in self._buf:
            chunk = os.read(self._from_r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def measure(binary: str, url: str, timeout: float = 20) -> dict:
    """One cold load of the map page: drawn time (ms), bytes on the wire, number of towns."""
    browser = Chromium(binary)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method, params in (
            ("Network.enable", {}),
            ("Network.setCacheDisabled", {"cacheDisabled": True}),
            ("Page.enable", {}),
            ("Runtime.enable", {}),
        ):
            browser.send(method, params, session)
        browser.events.clear()
        browser.send("Page.navigate", {"url": url}, session)
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline:
            value = browser.send(
                "Runtime.evaluate",
                {
                    "expression": "(function(){var e=document.getElementById('twin-map');"
                    "var d=e&&e.dataset;return d&&d.drawnMs&&d.indexedMs?"
                    "[d.drawnMs,d.drawnTowns||d.points_count,e.dataset.startMs,e.dataset.fetchedMs,e.dataset.indexedMs]"
                    ":null})()",
                    "returnByValue": True,
                },
                session,
            )["result"].get("value")
            if value:
                state = value
                break
            time.sleep(0.05)
        if state is None:
            raise RuntimeError(f"the map at {url} was not drawn within {timeout}s")
        time.sleep(0.5)  # let late responses (country shapes) finish so their bytes are counted
        browser.send("Runtime.evaluate", {"expression": "1"}, session)
        urls = {
            e["params"]["requestId"]: e["params"]["response"]["url"]
            for e in browser.events
            if e.get("method") == "Network.responseReceived"
        }
        sizes = {
            e["params"]["requestId"]: e["params"]["encodedDataLength"]
            for e in browser.events
            if e.get("method") == "Network.loadingFinished"
        }
        by_url = {urls.get(k, k): v for k, v in sizes.items()}
        return {
            "drawn_ms": float(state[0]),
            "towns": int(state[1]),
            "zoomable_ms": float(state[4]),
            "bytes": sum(sizes.values()),
            "by_url": by_url,
            "steps": f"script start {state[2]} ms, points fetched {state[3]} ms, clustered {state[4]} ms",
        }
    finally:
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="base URL of a running weltnetz with the twinnings imported")
    parser.add_argument("--var", help="a var dir with the twinnings imported; serves it with `weltnetz serve`")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    server = None
    base = args.url
    if not base:
        if not args.var:
            raise SystemExit("give --url or --var")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {"WELTNETZ_VAR_DIR": args.var, "DJANGO_SETTINGS_MODULE": "weltnetz.settings.dev"}
        server = start(
            [str(Path(sys.executable).parent / "weltnetz"), "serve", "--bind", f"127.0.0.1:{port}"],
            f"{base}/api/v1/topics",
            env,
        )
    try:
        import httpx

        for _ in range(30):  # warm every worker (imports, templates, the cached point data), as in production
            for path in (PAGE, "/de/staedtepartnerschaften/orte.json"):
                httpx.get(base + path, headers={"Accept-Encoding": "gzip"}, timeout=30)
        measure(args.chromium, base + PAGE)
        runs = [measure(args.chromium, base + PAGE) for _ in range(args.runs)]
    finally:
        if server:
            stop(server)
    drawn = sorted(r["drawn_ms"] for r in runs)
    median = drawn[len(drawn) // 2]
    last = runs[-1]
    print(f"\nMap of all twinned towns in headless Chromium ({args.runs} cold loads, cache disabled)")
    print(f"  towns drawn (clustered)       {last['towns']}")
    print(
        f"  time until drawn, median      {median:7.0f} ms   (min {drawn[0]:.0f}, max {drawn[-1]:.0f};"
        f" target < 1500 ms)  {'OK' if median < 1500 else 'MISSED'}"
    )
    zoomable = sorted(r["zoomable_ms"] for r in runs)[len(runs) // 2]
    print(f"  full point list clustered in the browser (zoomable), median {zoomable:.0f} ms")
    print(
        f"  bytes transferred             {last['bytes'] / 1024:7.0f} KiB  (target < 1024 KiB)"
        f"  {'OK' if last['bytes'] < 1024 * 1024 else 'MISSED'}"
    )
    print(f"  last run: {last['steps']}, drawn {last['drawn_ms']:.0f} ms")
    for url, size in sorted(last["by_url"].items(), key=lambda kv: -kv[1])[:8]:
        print(f"    {size / 1024:7.1f} KiB  {url.replace(base, '')}")


if __name__ == "__main__":
    main()
