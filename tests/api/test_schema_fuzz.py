"""Schemathesis against the OpenAPI description, in process, with every check Schemathesis has.

Positive examples (the schema's valid data) must be accepted and answered within the schema; negative ones
(data the schema rules out) must be refused with a 4xx. The checks' options come from schemathesis.toml, as
for `st run` (an over-long URL's 414 counts as a refusal).
"""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

CONFIG = SchemathesisConfig.from_path(str(Path(__file__).resolve().parents[2] / "schemathesis.toml"))
# The live OpenAPI description, read through the WSGI app in process (no network, no database needed).
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}  # type: ignore[union-attr]


@pytest.fixture
def keep_connection():
    """Keep the test transaction's connection open across WSGI calls, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_resource_feed_and_export_is_described():
    paths = {label.split(" ", 1)[1] for label in OPERATIONS}
    assert len(OPERATIONS) >= 19
    assert {
        "/api/v1/feeds/news.atom",
        "/api/v1/feeds/news.rss",
        "/api/v1/feeds/anniversaries.ics",
        "/api/v1/relations.csv",
        "/api/v1/relations.geojson",
        "/api/v1/catalog",
        "/api/v1/datapackage.json",
    } <= paths


# Negative examples need a parameter to break: operations without any (the feeds) are fuzzed positively only.
CASES = [(label, GenerationMode.POSITIVE) for label in sorted(OPERATIONS)] + [
    (label, GenerationMode.NEGATIVE) for label, op in sorted(OPERATIONS.items()) if list(op.iter_parameters())
]


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_api_keeps_its_contract(label, mode, db, keep_connection):
    operation = OPERATIONS[label]
    calls = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        # identity: the in-process client does not decode gzip (test_conditional_requests covers gzip)
        response = case.call_and_validate(headers={"Host": "testserver", "Accept-Encoding": "identity"})
        calls.append(response.status_code)

    run()
    assert calls, "no example was generated"
