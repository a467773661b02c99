"""Every malformed request gets a 4xx with a JSON error, never a 500 or HTML (issue 12): the GraphQL
view's refusals, CSRF, unknown URLs, downloads, bad hosts, oversized bodies. What the server itself
refuses before Django (bad headers, slow or unsigned bodies) is tested against a real server in
tests/e2e/test_server_hardening.py."""

from __future__ import annotations

import pytest
from django.test import Client

from oasis.accounts.services import create_token
from tests.oasis.factories import make_dataset


@pytest.fixture
def token_client(alice) -> Client:
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION="Bearer " + create_token(user=alice)[1])


def assert_json_error(response, status: int, says: str = "") -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    (error,) = response.json()["errors"]
    assert says in error["message"]


@pytest.mark.parametrize(
    ("method", "body", "content_type", "status", "says"),
    [
        ("post", "{not json", "application/json", 400, "Unable to parse request body as JSON"),
        ("post", b"\xff\xfe", "application/json", 400, "Unable to parse request body as JSON"),
        ("post", "[]", "application/json", 400, "Batching is not enabled"),
        ("post", '{"query": 5}', "application/json", 400, "`query` must be a string"),
        ("post", '{"variables": {}}', "application/json", 400, "No GraphQL query found"),
        ("post", '{"query": "{ me { id } }", "variables": "x"}', "application/json", 400, "`variables`"),
        ("post", "query=x", "text/plain", 400, "Unsupported content type"),
        ("put", "{}", "application/json", 405, "only supports GET and POST"),
        ("delete", "", "application/json", 405, "only supports GET and POST"),
    ],
)
def test_the_graphql_view_refuses_in_json(token_client, method, body, content_type, status, says):
    response = getattr(token_client, method)("/graphql", data=body, content_type=content_type)
    assert_json_error(response, status, says)


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("", "No GraphQL query found"),
        ("?query=mutation{logout}", "mutations are not allowed when using GET"),
        ("?query={me{id}}&variables=bad", "Unable to parse request body as JSON"),
    ],
)
def test_get_requests_refused_in_json(token_client, query, says):
    assert_json_error(token_client.get("/graphql" + query), 400, says)


def test_multipart_without_operations_or_with_bad_json(token_client):
    assert_json_error(token_client.post("/graphql", data={"map": "{}"}), 400, "No GraphQL query found")
    response = token_client.post("/graphql", data={"operations": "{bad", "map": "{}"})
    assert_json_error(response, 400, "Unable to parse request body as JSON")


def test_a_body_over_the_memory_limit(token_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = '{"query": "{ me { id } }", "padding": "' + "a" * 4096 + '"}'
    response = token_client.post("/graphql", data=body, content_type="application/json")
    assert_json_error(response, 400, "The request body is too large.")


def test_csrf_refusals_say_why(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    response = browser.post("/graphql", data='{"query": "{ me { id } }"}', content_type="application/json")
    assert_json_error(response, 403, "CSRF verification failed: CSRF cookie not set.")
    token = browser.get("/api/csrf").json()["csrfToken"]
    response = browser.post(
        "/graphql",
        data='{"query": "{ me { id } }"}',
        content_type="application/json",
        headers={"X-CSRFToken": token, "Origin": "http://evil.example"},
    )
    assert_json_error(response, 403, "Origin checking failed")


def test_a_bad_token_is_401_in_json(db):
    response = Client(HTTP_AUTHORIZATION="Bearer oasis_nope").post(
        "/graphql", data="{}", content_type="application/json"
    )
    assert_json_error(response, 401, "Invalid API token.")


@pytest.mark.parametrize(
    "path",
    ["/api/nothing", "/api/datasets/x/download.zip", "/graphql/extra", "/api/datasets/999/download.zip"],
)
def test_unknown_urls_are_404_in_json(token_client, path):
    assert_json_error(token_client.get(path), 404, "Not found.")


def test_downloads_refuse_in_json(token_client, alice, bob):
    dataset = make_dataset(alice, {"a.txt": b"hello"})
    placement = dataset.files.get()
    url = f"/api/datasets/{dataset.pk}/files/{placement.pk}/download"
    assert_json_error(Client().get(url), 404, "Not found.")  # anonymous
    other = Client(HTTP_AUTHORIZATION="Bearer " + create_token(user=bob)[1])
    assert_json_error(other.get(url), 404, "Not found.")
    response = token_client.get(url, headers={"Range": "bytes=10-20"})
    assert_json_error(response, 416, "not within the file's 5 bytes")
    assert response["Content-Range"] == "bytes */5"


def test_a_host_not_served_is_400_in_json(db):
    assert_json_error(Client().get("/api/health", HTTP_HOST="evil.example"), 400, "Bad request.")


def test_a_server_error_is_json(token_client, monkeypatch):
    from oasis.datasets import views

    monkeypatch.setattr(views, "_user", lambda request: 1 / 0)
    client = Client(
        raise_request_exception=False, HTTP_AUTHORIZATION=token_client.defaults["HTTP_AUTHORIZATION"]
    )
    assert_json_error(client.get("/api/datasets/1/download.zip"), 500, "Server error.")
