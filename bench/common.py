"""Shared benchmark helpers: start a server and wait for it, and a load generator with keep-alive clients.

`load(url, requests=N, concurrency=C)` runs C client processes (each one keep-alive httpx client, so the
client side is not limited by one interpreter), sends N requests in total and returns requests/s, p50 and p99.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

# What `make db` does, so every benchmark serves the database the README's run command builds.
MAKE_DB_STEPS = (
    ["migrate", "--no-input", "-v0"],
    ["load_register", "-v0"],
    ["setup_portal", "-v0"],
    ["collectstatic", "--no-input", "-v0"],
)
WELTNETZ = str(Path(sys.executable).parent / "weltnetz")


def make_db(env: dict, *extra: list[str], report: bool = False) -> None:
    """Run the `make db` steps (then `extra` commands) in `env`; with `report`, print each step's time."""
    for step in (*MAKE_DB_STEPS, *extra):
        t = time.perf_counter()
        proc = subprocess.run([WELTNETZ, *step], env={**os.environ, **env}, capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(f"weltnetz {' '.join(step)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
        if report:
            print(f"  {' '.join(step[:2]):32} {time.perf_counter() - t:6.1f} s", flush=True)


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], url: str, env: dict | None = None, timeout: float = 60) -> subprocess.Popen:
    """Start a server process and wait until `url` answers (any status); raise if it does not come up."""
    proc = subprocess.Popen(
        cmd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"{' '.join(cmd)} did not answer {url} within {timeout}s")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started by `start` (its own process group, so gunicorn's workers go too)."""
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _client(url: str, n: int, headers: dict, queue) -> None:
    times, errors = [], 0
    with httpx.Client(headers=headers, timeout=30) as client:
        for _ in range(n):
            t = time.perf_counter()
            try:
                r = client.get(url)
                r.read()
                errors += r.status_code >= 400
            except httpx.HTTPError:
                errors += 1
            times.append(time.perf_counter() - t)
    queue.put((times, errors))


def load(
    url: str, *, requests: int = 400, concurrency: int = 4, headers: dict | None = None, warmup: int = 30
) -> Result:
    """Send `requests` GETs to `url` from `concurrency` keep-alive clients; return rate and latencies."""
    headers = {"Accept-Encoding": "gzip", **(headers or {})}
    with httpx.Client(headers=headers, timeout=30) as client:
        for _ in range(warmup):
            client.get(url)
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    per = [requests // concurrency + (i < requests % concurrency) for i in range(concurrency)]
    procs = [ctx.Process(target=_client, args=(url, n, headers, queue)) for n in per]
    start_time = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    elapsed = time.perf_counter() - start_time
    for p in procs:
        p.join()
    times = sorted(t for ts, _ in results for t in ts)
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000  # noqa: E731
    return Result(len(times), elapsed, pick(0.50), pick(0.99), sum(e for _, e in results))
