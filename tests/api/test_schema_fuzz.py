"""Schemathesis against the OpenAPI description, in process: no server error, no answer that breaks the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# The live OpenAPI description, read through the WSGI app in process (no network, no database needed).
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}  # type: ignore[union-attr]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_connection():
    """Keep the test transaction's connection open across WSGI calls, as Django's test client does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_resource_is_fuzzed():
    assert len(OPERATIONS) >= 14


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_api_answers_within_its_schema(label, db, keep_connection):
    operation = OPERATIONS[label]
    calls = []

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        # identity: the in-process client does not decode gzip (test_conditional_requests covers gzip)
        response = case.call_and_validate(headers={"Host": "testserver", "Accept-Encoding": "identity"}, checks=CHECKS)
        calls.append(response.status_code)

    run()
    assert calls, "no example was generated"
