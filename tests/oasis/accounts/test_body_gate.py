"""Who may send a large request body, judged from the head alone (the real server is tested in
tests/e2e/test_server_hardening.py)."""

from __future__ import annotations

import json

from django.test import Client

from oasis.accounts.body_gate import refuse_body
from oasis.accounts.services import create_token


def head(*headers: tuple[str, str], host: str = "127.0.0.1") -> dict:
    return {
        "type": "http",
        "method": "POST",
        "path": "/graphql",
        "query_string": b"",
        "headers": [(b"host", host.encode()), (b"content-length", b"2147483648")]
        + [(name.lower().encode(), value.encode()) for name, value in headers],
        "client": ["10.0.0.1", 5000],
        "scheme": "http",
    }


def message(response) -> tuple[int, str]:
    return response.status_code, json.loads(response.content)["errors"][0]["message"]


def test_anonymous_heads_are_refused(db):
    assert message(refuse_body(head())) == (
        403,
        "Sign in or send an API token to send a request body over 65,536 bytes.",
    )


def test_an_api_token_lets_the_body_through_and_a_bad_one_is_401(alice):
    _, token = create_token(user=alice)
    assert refuse_body(head(("Authorization", f"Bearer {token}"))) is None
    assert message(refuse_body(head(("Authorization", "Bearer oasis_nope")))) == (401, "Invalid API token.")


def test_a_session_needs_the_csrf_token_in_its_header(alice):
    browser = Client()
    browser.force_login(alice)
    csrf = browser.get("/api/csrf").json()["csrfToken"]
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in browser.cookies.items())

    assert refuse_body(head(("Cookie", cookies), ("X-CSRFToken", csrf))) is None
    status, said = message(refuse_body(head(("Cookie", cookies))))
    assert status == 403 and said.startswith("CSRF verification failed: CSRF token")
    status, said = message(
        refuse_body(head(("Cookie", cookies), ("X-CSRFToken", csrf), ("Origin", "http://evil.example")))
    )
    assert status == 403 and "Origin checking failed" in said
    assert message(refuse_body(head(("Cookie", cookies), ("X-CSRFToken", csrf), host="evil.example"))) == (
        400,
        "Bad request.",
    )
