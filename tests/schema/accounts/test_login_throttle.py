"""Login throttling (issue 12): after OASIS_LOGIN_MAX_FAILURES wrong passwords for one username from
one address the login mutation refuses, saying when to try again, even with the right password."""

from __future__ import annotations

import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from oasis_testing.stack import port_open
from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.services import missing_service

LOGIN = """mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
  __typename ... on User { username } ... on OperationInfo { messages { message code } } } }"""
RIGHT = "correct horse battery"
THROTTLED = re.compile(r"^Too many failed sign-ins\. Try again in (\d+) minutes? \(after \d\d:\d\d UTC\)\.$")


def login(username: str, password: str, *, address: str = "127.0.0.1") -> dict:
    client = GraphQLClient(Client(REMOTE_ADDR=address))
    return client.data(LOGIN, {"u": username, "p": password})["login"]


def refusal(result: dict) -> str | None:
    if result["__typename"] != "OperationInfo":
        return None
    (message,) = result["messages"]
    return message["message"] if message["code"] == "throttled" else None


def test_five_failures_then_even_the_right_password_waits_with_a_clear_message(alice, settings):
    settings.OASIS_LOGIN_MAX_FAILURES = 5
    for _ in range(5):
        assert login("alice", "wrong")["messages"][0]["message"] == "Wrong username or password."

    refused = login("alice", RIGHT)

    assert refused["__typename"] == "OperationInfo"
    minutes = THROTTLED.match(refusal(refused))
    assert minutes and int(minutes.group(1)) == 15
    assert "sessionid" not in GraphQLClient().http.cookies


def test_the_throttle_is_per_username_and_address(alice, bob, settings):
    settings.OASIS_LOGIN_MAX_FAILURES = 3
    for _ in range(4):
        login("alice", "wrong", address="10.0.0.1")
    assert refusal(login("alice", RIGHT, address="10.0.0.1"))
    # Someone guessing elsewhere cannot lock alice out, nor the guesser's other usernames.
    assert login("alice", RIGHT, address="10.0.0.2")["__typename"] == "User"
    assert login("bob", RIGHT, address="10.0.0.1")["__typename"] == "User"


def test_a_success_clears_the_count(alice, settings):
    settings.OASIS_LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        login("alice", "wrong")
    assert login("alice", RIGHT)["__typename"] == "User"
    for _ in range(3):
        assert not refusal(login("alice", "wrong"))
    assert refusal(login("alice", "wrong"))


def test_many_usernames_from_one_address_are_throttled_too(make_user, settings):
    settings.OASIS_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    make_user("carol")
    results = [login(f"user{i}", "password", address="10.0.0.9") for i in range(6)]
    assert not any(refusal(r) for r in results)
    assert refusal(login("carol", RIGHT, address="10.0.0.9"))
    assert login("carol", RIGHT, address="10.0.0.10")["__typename"] == "User"


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_get_no_more_tries(alice, settings):
    settings.OASIS_LOGIN_MAX_FAILURES = 5

    def guess(_):
        try:
            return login("alice", "wrong")
        finally:
            connection.close()  # this thread's

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(guess, range(24)))
    assert sum(1 for r in results if not refusal(r)) == 5


def test_the_window_ends(alice, settings):
    settings.OASIS_LOGIN_MAX_FAILURES = 2
    settings.OASIS_LOGIN_WINDOW_S = 1
    for _ in range(3):
        login("alice", "wrong")
    assert THROTTLED.match(refusal(login("alice", RIGHT))).group(1) == "1"
    time.sleep(1.2)
    assert login("alice", RIGHT)["__typename"] == "User"


def test_counts_are_shared_through_redis_in_the_distributed_mode(alice, settings):
    if not port_open("127.0.0.1", 6379):
        missing_service("no Redis on 127.0.0.1:6379 for the distributed mode's cache")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/7",
            "KEY_PREFIX": f"oasis-test-{uuid.uuid4().hex[:8]}",
        }
    }
    settings.OASIS_LOGIN_MAX_FAILURES = 2
    settings.OASIS_LOGIN_WINDOW_S = 60
    for _ in range(2):
        login("alice", "wrong")
    assert refusal(login("alice", RIGHT))

    from django.core.cache import cache

    cache.clear()
    assert login("alice", RIGHT)["__typename"] == "User"
