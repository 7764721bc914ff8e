"""Empty parameters count as absent; over-long URLs are refused in the API's own error shape."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from weltnetz.api.middleware import MAX_URL_BYTES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/relations?kind=&country=&status=&as_of=&page=&page_size=&facets=&q=&since_from=",
        "/api/v1/places?kind=&country=&page=",
        "/api/v1/agreements?date_from=",
        "/api/v1/anniversaries?year=&within_days=",
        "/api/v1/relations.csv?kind=",
    ],
)
def test_empty_parameters_are_treated_as_absent(client, path):
    response = client.get(path)
    base = client.get(path.split("?")[0])
    assert response.status_code == 200
    assert response.content == base.content


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/anniversaries?within_days=%1C", "within_days"),  # str.strip() would remove U+001C
        ("/api/v1/anniversaries?within_days=%0B", "within_days"),
        ("/api/v1/agreements?page_size=%09", "page_size"),
        ("/api/v1/relations?kind=%20", "kind"),
    ],
)
def test_white_space_is_a_value_the_parameter_refuses(client, path, field):
    """Only an empty value means "absent"; a space, a tab or a control character is refused, not ignored."""
    response = client.get(path)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


def test_an_over_long_url_gets_a_json_414(client):
    response = client.get("/api/v1/relations", {"q": "x" * MAX_URL_BYTES})
    assert response.status_code == 414
    assert response["Content-Type"].startswith("application/json")
    [error] = response.json()["errors"]
    assert error["field"] == "request"
    assert str(MAX_URL_BYTES) in error["reason"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """`weltnetz serve` (gunicorn, one worker) on a free loopback port; the requests below need no database."""
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "weltnetz.settings.test", "WELTNETZ_VAR_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "weltnetz.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180  # a loaded machine boots gunicorn slowly
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_through_the_real_server_an_over_long_url_is_answered_by_the_app(server):
    # gunicorn refuses request lines over 4094 bytes with its own HTML page: the app's limit lies below it.
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=180)
    conn.request("GET", "/api/v1/relations?q=" + "x" * 3500)
    response = conn.getresponse()
    assert response.status == 414
    assert response.getheader("Content-Type").startswith("application/json")
    assert json.loads(response.read())["errors"][0]["field"] == "request"


def test_a_url_under_the_limit_is_served(client):
    response = client.get("/api/v1/relations", {"q": "x" * (MAX_URL_BYTES - 100)})
    assert response.status_code == 200
