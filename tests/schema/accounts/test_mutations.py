"""me, login, logout (sessions) and createApiToken."""

import json

from django.test import Client

from oasis.accounts.models import ApiToken
from tests.fixtures.graphql import GraphQLClient

ME = "{ me { id username isStaff } }"
LOGIN = """mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
  __typename ... on User { username } ... on OperationInfo { messages { field message kind } } } }"""
LOGOUT = "mutation { logout }"
TOKEN = """mutation($name: String! = "") { createApiToken(name: $name) {
  __typename ... on ApiTokenCreated { token prefix name } ... on OperationInfo { messages { message kind } } } }"""


def test_me_is_null_for_anonymous_requests(gql):
    assert gql.data(ME) == {"me": None}


def test_me(gql_as, make_user):
    staff = make_user("root", is_staff=True)
    me = gql_as(staff).data(ME)["me"]
    assert (me["username"], me["isStaff"]) == ("root", True)


def test_login_starts_a_session_and_logout_ends_it(alice):
    client = GraphQLClient()
    result = client.data(LOGIN, {"u": "alice", "p": "correct horse battery"})["login"]
    assert result == {"__typename": "User", "username": "alice"}
    assert client.http.cookies["sessionid"].value
    assert client.data(ME)["me"]["username"] == "alice"
    assert client.data(LOGOUT) == {"logout": True}
    assert client.data(ME) == {"me": None}
    assert client.data(LOGOUT) == {"logout": False}


def test_a_wrong_password_is_a_message_and_no_session(alice):
    client = GraphQLClient()
    for username, password in (("alice", "wrong"), ("nobody", "correct horse battery"), ("", "")):
        result = client.data(LOGIN, {"u": username, "p": password})["login"]
        assert result["messages"] == [
            {"field": None, "message": "Wrong username or password.", "kind": "VALIDATION"}
        ]
    assert "sessionid" not in client.http.cookies
    assert client.data(ME) == {"me": None}


def test_an_inactive_user_cannot_log_in(alice):
    alice.is_active = False
    alice.save()
    result = GraphQLClient().data(LOGIN, {"u": "alice", "p": "correct horse battery"})["login"]
    assert result["__typename"] == "OperationInfo"


def test_create_an_api_token(gql_as, alice):
    result = gql_as(alice).data(TOKEN, {"name": "laptop"})["createApiToken"]
    assert result["__typename"] == "ApiTokenCreated"
    assert result["name"] == "laptop"
    assert result["token"].startswith(result["prefix"])
    row = ApiToken.objects.get()
    assert row.user == alice
    assert result["token"] not in (row.key_hash, row.prefix)
    response = Client().post(
        "/graphql",
        data=json.dumps({"query": ME}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {result['token']}"},
    )
    assert response.json()["data"]["me"]["username"] == "alice"


def test_anonymous_users_cannot_create_tokens(gql):
    result = gql.data(TOKEN)["createApiToken"]
    assert result == {
        "__typename": "OperationInfo",
        "messages": [{"message": "Sign in first.", "kind": "PERMISSION"}],
    }
    assert not ApiToken.objects.exists()
