"""``manage.py oasis_token <username>`` prints a new token that works as ``Authorization: Bearer``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from oasis.accounts.models import ApiToken


def _token(*args) -> str:
    out = io.StringIO()
    call_command("oasis_token", *args, stdout=out)
    return out.getvalue().strip()


def _me(token: str):
    return Client().post(
        "/graphql",
        data=json.dumps({"query": "{ me { username } }"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_printed_token_works_as_a_bearer_token(alice):
    token = _token("alice")
    assert "\n" not in token
    assert _me(token).json() == {"data": {"me": {"username": "alice"}}}
    assert ApiToken.objects.get(user=alice).name == "cli"


def test_each_call_prints_a_new_token(alice):
    first, second = _token("alice", "--name", "ci"), _token("alice")
    assert first != second
    assert sorted(ApiToken.objects.values_list("name", flat=True)) == ["ci", "cli"]
    assert _me(first).status_code == _me(second).status_code == 200


def test_a_wrong_token_is_refused(alice):
    token = _token("alice")
    assert _me(token[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 401


def test_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        _token("nobody")
    assert not ApiToken.objects.exists()
