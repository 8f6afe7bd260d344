"""Schemathesis fuzzes every operation of the OpenAPI schema: no input may make the API answer 500."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import ignored_auth

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_transactions_connection():
    """Calls go through the WSGI handler, whose request signals would close the test's connection (as the test
    client avoids): keep it open, or PostgreSQL loses the test transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_headers(world):
    from thidua.accounts.services import api_token_create

    _token, raw = api_token_create(actor=world.head_a, name="fuzz", expires_on=None)
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case, api_headers):
    response = case.call(headers=api_headers)
    assert response.status_code < 500, response.text
    # ignored_auth replaces one credential while the other (token or session) stays valid: not a fault here.
    case.validate_response(response, headers=api_headers, excluded_checks=[ignored_auth])


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_anonymous_callers_get_the_error_envelope_never_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code >= 400 and response.status_code != 405:  # 405 is Django's, before the API
        assert set(response.json()) == {"detail", "code", "fields"}
