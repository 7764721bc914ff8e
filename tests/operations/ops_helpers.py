"""Operations helpers: scratch PostgreSQL databases and `weltnetz` run as a subprocess, as an operator runs it.

These tests talk to the machine's PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) whatever database
the suite itself runs on: DATABASE_URL when it is PostgreSQL, else WELTNETZ_TEST_POSTGRES_URL; Redis from
WELTNETZ_TEST_REDIS_URL. Every scratch database has a random name and is dropped afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

WELTNETZ = str(Path(sys.executable).with_name("weltnetz"))
REDIS_URL = os.environ.get("WELTNETZ_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


def postgres_server_url() -> str:
    """A URL of the PostgreSQL server to make scratch databases on (its database part is replaced)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return os.environ.get("WELTNETZ_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def _admin_connection() -> psycopg.Connection:
    return psycopg.connect(_with_database(postgres_server_url(), "postgres"), autocommit=True)


def run_weltnetz(*args: str, env: dict[str, str], check: bool = True, timeout: int = 300):
    """Run the `weltnetz` command as an operator would; returns the CompletedProcess (text)."""
    result = subprocess.run(
        [WELTNETZ, *args], env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )
    if check and result.returncode != 0:
        raise AssertionError(f"weltnetz {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result


def weltnetz_env(var_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a `weltnetz` process on its own var folder and the given database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WELTNETZ_", "PYTEST", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        WELTNETZ_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="weltnetz.settings.test",  # static files from the finders: no collectstatic
        WELTNETZ_SECRET_KEY="shared-by-every-app-server",
    )
    env.update(extra)
    return env


def make_database(env: dict[str, str]) -> None:
    """migrate + load the Baden-Württemberg data + the page tree, as `make db` does."""
    run_weltnetz("migrate", "--no-input", "-v0", env=env)
    run_weltnetz("load_register", env=env)
    run_weltnetz("setup_portal", env=env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `weltnetz serve` process on a free port of the loopback interface."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [WELTNETZ, "serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )

    def wait_ready(self, path: str = "/api/v1/topics", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5):  # noqa: S310
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise AssertionError(f"server on port {self.port} not ready after {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
