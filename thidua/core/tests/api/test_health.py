import pytest

pytestmark = pytest.mark.django_db


def test_health_needs_no_authentication(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_openapi_schema_is_version_3_1(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert {"/api/v1/health", "/api/v1/me", "/api/v1/units"} <= set(schema["paths"])


def test_malformed_input_gets_the_envelope_with_fields(client, world):
    client.force_login(world.head_a)
    response = client.get("/api/v1/units", {"page": "abc"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert "page" in body["fields"]


def test_a_page_number_beyond_any_list_is_refused_not_a_server_error(client, world):
    # regression: page=92233720368547760 overflowed SQLite's OFFSET (found by the schema fuzzer)
    client.force_login(world.head_a)
    response = client.get("/api/v1/units", {"page": 92233720368547760})
    assert response.status_code == 422
    assert "page" in response.json()["fields"]
