"""Who a request is: a session (browser, CSRF enforced) or a bearer token (scripts, no CSRF)."""

import json

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient, Client

from oasis.accounts.services import create_token

ME = json.dumps({"query": "{ me { username } }"})


def _post(client, body=ME, **headers):
    return client.post("/graphql", data=body, content_type="application/json", headers=headers)


@pytest.fixture
def token(alice) -> str:
    return create_token(user=alice)[1]


def test_a_bearer_token_signs_the_request_in(token):
    response = _post(Client(), Authorization=f"Bearer {token}")
    assert response.json() == {"data": {"me": {"username": "alice"}}}


def test_the_scheme_is_case_insensitive_and_spaces_are_trimmed(token):
    response = _post(Client(), Authorization=f"bearer   {token}  ")
    assert response.json()["data"]["me"]["username"] == "alice"


@pytest.mark.parametrize("value", ["Bearer oasis_wrong", "Bearer not-even-ours", "Bearer oasis_"])
def test_a_wrong_token_is_401_not_anonymous(db, value):
    response = _post(Client(), Authorization=value)
    assert response.status_code == 401
    assert response.json() == {"errors": [{"message": "Invalid API token."}]}


def test_a_wrong_token_is_401_on_downloads_too(db):
    response = Client().get("/api/datasets/1/download.zip", headers={"Authorization": "Bearer oasis_x"})
    assert response.status_code == 401


@pytest.mark.parametrize("value", ["Basic YWxpY2U6cHc=", "Bearer", "Bearer    ", "Token abc"])
def test_other_authorization_headers_are_left_alone(db, value):
    response = _post(Client(), Authorization=value)
    assert response.status_code == 200
    assert response.json() == {"data": {"me": None}}


def test_a_token_wins_over_a_session(alice, bob, token):
    client = Client()
    client.force_login(bob)
    assert _post(client, Authorization=f"Bearer {token}").json()["data"]["me"]["username"] == "alice"


def test_bearer_requests_through_the_async_stack(token):
    async def ask(value):
        response = await AsyncClient().post(
            "/graphql", data=ME, content_type="application/json", headers={"Authorization": value}
        )
        return response.status_code, json.loads(response.content)

    assert async_to_sync(ask)(f"Bearer {token}") == (200, {"data": {"me": {"username": "alice"}}})
    assert async_to_sync(ask)("Bearer oasis_wrong")[0] == 401


# --- CSRF --------------------------------------------------------------------------------------


def _csrf(client) -> str:
    return client.get("/api/csrf").json()["csrfToken"]


def test_a_session_post_without_the_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = _post(client)
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_a_session_post_with_the_csrf_token_from_api_csrf_succeeds(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = _post(client, **{"X-CSRFToken": _csrf(client)})
    assert response.status_code == 200
    assert response.json()["data"]["me"]["username"] == "alice"


def test_a_wrong_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    _csrf(client)
    assert _post(client, **{"X-CSRFToken": "x" * 64}).status_code == 403


def test_bearer_requests_need_no_csrf_token(token):
    response = _post(Client(enforce_csrf_checks=True), Authorization=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["data"]["me"]["username"] == "alice"


def test_a_csrf_protected_mutation_is_refused_even_with_a_session_cookie(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    body = json.dumps({"query": 'mutation { createApiToken(name: "stolen") { __typename } }'})
    assert _post(client, body).status_code == 403
    assert not alice.api_tokens.exists()


def test_the_browser_flow_login_then_a_fresh_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    login = json.dumps(
        {
            "query": "mutation($u: String!, $p: String!) { login(username: $u, password: $p) "
            "{ __typename ... on User { username } } }",
            "variables": {"u": "alice", "p": "correct horse battery"},
        }
    )
    assert _post(client, login).status_code == 403, "login is CSRF-protected too"
    response = _post(client, login, **{"X-CSRFToken": _csrf(client)})
    assert response.json()["data"]["login"] == {"__typename": "User", "username": "alice"}
    # Django rotates the CSRF token at login; the browser reads the new one.
    assert _post(client, **{"X-CSRFToken": _csrf(client)}).json()["data"]["me"]["username"] == "alice"
