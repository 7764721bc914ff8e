"""Operations fixtures (helpers in ops_helpers.py: a module name of its own, as every folder has a conftest)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from ops_helpers import _admin_connection, _with_database, postgres_server_url


@pytest.fixture
def scratch_postgres() -> Iterator[Callable[[], str]]:
    """A factory of empty PostgreSQL databases: make() -> DATABASE_URL; all dropped after the test."""
    made: list[str] = []
    base = postgres_server_url().rsplit("/", 1)[1].split("?")[0] or "weltnetz"

    def make() -> str:
        name = f"{base}_ops_{uuid.uuid4().hex[:10]}"
        with _admin_connection() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return _with_database(postgres_server_url(), name)

    yield make
    with _admin_connection() as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
