"""Two app servers on one PostgreSQL and one Redis: a change through one is read through the other at once."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

import psycopg
import redis
from ops_helpers import REDIS_URL, Server, make_database, run_weltnetz, weltnetz_env


class Browser:
    """A client with cookies, like an editor's browser (urllib, no extra dependency)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        """POST a form with the CSRF token of the page it came from (the Referer the CSRF check wants)."""
        _status, _headers, html = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token, f"no CSRF token on {path}"
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token.group(1)}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=20) as response:
            return response.status, response.geturl()


def topic(body: str, slug: str) -> dict:
    return next(t for t in json.loads(body)["results"] if t["slug"] == slug)


def test_a_change_through_one_server_is_read_through_the_other_at_once(tmp_path, scratch_postgres):
    database = scratch_postgres()
    prefix = f"weltnetz-test-{tmp_path.name}"
    envs = [
        weltnetz_env(tmp_path / f"server{i}", database, WELTNETZ_CACHE_URL=REDIS_URL, WELTNETZ_CACHE_PREFIX=prefix)
        for i in (1, 2)
    ]
    make_database(envs[0])
    run_weltnetz(
        "createsuperuser", "--no-input", "--username", "editor", "--email", "e@example.org",
        env={**envs[0], "DJANGO_SUPERUSER_PASSWORD": "correct horse battery"},
    )  # fmt: skip
    with psycopg.connect(database) as conn:
        (topic_id,) = conn.execute("SELECT id FROM register_topic WHERE slug = 'energy'").fetchone()

    one, two = (Server(env, tmp_path / f"server{i}.log") for i, env in enumerate(envs, 1))
    try:
        one.wait_ready()
        two.wait_ready()
        reader = Browser(two.url)
        status, headers, body = reader.get("/api/v1/topics")
        assert status == 200 and topic(body, "energy")["name"] == "Energie"
        old_etag = headers["ETag"]
        assert reader.get("/api/v1/topics", {"If-None-Match": old_etag})[0] == 304  # cached, current
        # The answer sits in the shared Redis, not in the server's memory.
        assert redis.Redis.from_url(REDIS_URL).keys(f"{prefix}:*")

        # An editor renames the topic in the admin of server one.
        editor = Browser(one.url)
        status, url = editor.post_form(
            "/admin/login/", {"username": "editor", "password": "correct horse battery", "next": "/admin/"}
        )
        assert url.endswith("/admin/"), url
        status, url = editor.post_form(
            f"/admin/snippets/register/topic/edit/{topic_id}/",
            {"slug": "energy", "name": "Energie und Klima", "name_en": "Energy"},
        )
        assert status == 200 and "/edit/" not in url, url  # saved: the admin went back to the list

        # Server two answers with the new name at once, and the client's old copy is no longer current.
        status, headers, body = reader.get("/api/v1/topics", {"If-None-Match": old_etag})
        assert status == 200
        assert topic(body, "energy")["name"] == "Energie und Klima"

        # A script writing raw SQL to the database (no Django, no signals) is seen by both servers at once.
        with psycopg.connect(database) as conn:
            conn.execute("UPDATE register_topic SET name_en = 'Power' WHERE id = %s", [topic_id])
        for server in (one, two):
            assert topic(Browser(server.url).get("/api/v1/topics")[2], "energy")["name_en"] == "Power"
    finally:
        one.stop()
        two.stop()
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
