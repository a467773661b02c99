"""The server itself against abusive connections (issue 12), a real daphne process: request heads
that trickle, idle sockets, large bodies from people who may not send them (answered from the head,
nothing written to disk), malformed requests (JSON 400s), and X-Forwarded-For not trusted by default."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.fixtures.stack import start_stack

HEADER_TIMEOUT_S = 1.5
IDLE_TIMEOUT_S = 2.0
UPLOAD = """mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
  __typename ... on Dataset { name size } ... on OperationInfo { messages { message } } } }"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    spool = tmp_path_factory.mktemp("spool")
    stack = start_stack(
        "embedded",
        extra_env={
            "OASIS_HTTP_HEADER_TIMEOUT_S": str(HEADER_TIMEOUT_S),
            "OASIS_HTTP_IDLE_TIMEOUT_S": str(IDLE_TIMEOUT_S),
            "TMPDIR": str(spool),  # where twisted spools request bodies
        },
    )
    stack.spool = spool
    stack.create_user("erin", "erin-password-1")
    stack.erin_token = stack.token("erin")
    yield stack
    stack.stop()


def connect(stack) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", stack.port))
    sock.settimeout(15)
    return sock


def read_to_end(sock: socket.socket) -> bytes:
    out = b""
    try:
        while data := sock.recv(65536):
            out += data
    except ConnectionResetError:
        pass
    return out


def json_answer(raw: bytes) -> tuple[int, str]:
    """(status, the error's message) of a raw HTTP response whose body is a JSON error."""
    head, _, body = raw.partition(b"\r\n\r\n")
    assert b"content-type: application/json" in head.lower(), raw[:500]
    (error,) = json.loads(body)["errors"]
    return int(head.split()[1]), error["message"]


def spooled(stack) -> list[str]:
    """Files the web server holds open in its spool directory (twisted unlinks them at once)."""
    pid = stack.processes["web"].popen.pid
    fds = Path(f"/proc/{pid}/fd")
    links = []
    for fd in fds.iterdir():
        try:
            links.append(os.readlink(fd))
        except OSError:
            continue
    return [link for link in links if link.startswith(str(stack.spool))]


def big_post_head(stack, *, length: int, extra: str = "") -> bytes:
    return (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{stack.port}\r\nContent-Type: multipart/form-data; "
        f"boundary=xyz\r\nContent-Length: {length}\r\n{extra}\r\n"
    ).encode()


def test_an_anonymous_2gb_post_is_refused_from_its_head_and_never_spooled(stack):
    sock = connect(stack)
    started = time.monotonic()
    sock.sendall(big_post_head(stack, length=2 * 1024**3))
    with pytest.raises(OSError):  # the server answers, then stops reading: 2 GB never go through
        for _ in range(2048):
            sock.sendall(b"x" * 1024 * 1024)
            assert not spooled(stack)
    status, message = json_answer(read_to_end(sock))
    assert status == 403
    assert message == "Sign in or send an API token to send a request body over 65,536 bytes."
    assert time.monotonic() - started < 10
    assert not spooled(stack)


def test_with_expect_100_continue_the_body_is_never_asked_for(stack):
    sock = connect(stack)
    sock.sendall(big_post_head(stack, length=2 * 1024**3, extra="Expect: 100-continue\r\n"))
    raw = read_to_end(sock)
    assert not raw.startswith(b"HTTP/1.1 100")
    assert json_answer(raw)[0] == 403


def test_a_token_holder_sends_a_large_body_which_is_spooled_as_before(stack):
    sock = connect(stack)
    head = big_post_head(stack, length=10 * 1024**2, extra=f"Authorization: Bearer {stack.erin_token}\r\n")
    sock.sendall(head + b"x" * 1024**2)
    time.sleep(0.5)
    assert spooled(stack), "a body being received is spooled (this is what the tests above rule out)"
    sock.close()

    body = b"y" * 300_000
    response = httpx.post(
        f"{stack.url}/graphql",
        headers={"Authorization": f"Bearer {stack.erin_token}"},
        data={
            "operations": json.dumps(
                {"query": UPLOAD, "variables": {"input": {"name": "big", "files": [None]}}}
            ),
            "map": json.dumps({"0": ["variables.input.files.0"]}),
        },
        files={"0": ("big.bin", body)},
        timeout=30,
    )
    assert response.json()["data"]["createDataset"] == {
        "__typename": "Dataset",
        "name": "big",
        "size": 300_000,
    }


def test_a_token_holder_asking_100_continue_gets_it_once_judged(stack):
    operations = {"query": UPLOAD, "variables": {"input": {"name": "curl-like", "files": [None]}}}
    request = httpx.Request(
        "POST",
        f"{stack.url}/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.input.files.0"]})},
        files={"0": ("c.bin", b"c" * 200_000)},
    )
    body = request.read()
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{stack.port}\r\n"
        f"Content-Type: {request.headers['Content-Type']}\r\nContent-Length: {len(body)}\r\n"
        f"Authorization: Bearer {stack.erin_token}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
    )
    sock = connect(stack)
    sock.sendall(head.encode())
    assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"  # what curl waits for before the body
    sock.sendall(body)
    status, _, answer = read_to_end(sock).partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 200")
    assert json.loads(answer)["data"]["createDataset"] == {
        "__typename": "Dataset",
        "name": "curl-like",
        "size": 200_000,
    }


def test_a_bad_token_is_refused_from_the_head(stack):
    sock = connect(stack)
    sock.sendall(big_post_head(stack, length=10 * 1024**2, extra="Authorization: Bearer oasis_wrong\r\n"))
    assert json_answer(read_to_end(sock)) == (401, "Invalid API token.")


def test_a_session_needs_its_csrf_token_in_the_header_before_sending_a_large_body(stack):
    browser = httpx.Client(base_url=stack.url, timeout=30, headers={"Origin": stack.url})
    csrf = browser.get("/api/csrf").json()["csrfToken"]
    login = browser.post(
        "/graphql",
        json={"query": 'mutation { login(username: "erin", password: "erin-password-1") { __typename } }'},
        headers={"X-CSRFToken": csrf},
    )
    assert login.json()["data"]["login"]["__typename"] == "User"
    csrf = browser.cookies["csrftoken"]
    form = {
        "operations": json.dumps({"query": UPLOAD, "variables": {"input": {"name": "s", "files": [None]}}}),
        "map": json.dumps({"0": ["variables.input.files.0"]}),
    }
    files = {"0": ("s.bin", b"z" * 200_000)}

    refused = browser.post("/graphql", data=form, files=files)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["message"].startswith("CSRF verification failed: CSRF token")
    taken = browser.post("/graphql", data=form, files=files, headers={"X-CSRFToken": csrf})
    assert taken.json()["data"]["createDataset"]["size"] == 200_000


def test_a_trickling_head_is_cut_at_the_header_timeout_with_a_json_408(stack):
    sock = connect(stack)
    started = time.monotonic()
    with pytest.raises(OSError):
        for byte in b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
            sock.send(bytes([byte]))
            time.sleep(0.1)  # each byte resets twisted's idle timeout: only the head's deadline ends it
    assert json_answer(read_to_end(sock)) == (408, "The request's headers did not arrive within 1.5 s.")
    assert HEADER_TIMEOUT_S <= time.monotonic() - started < HEADER_TIMEOUT_S + 2


def test_an_idle_connection_is_closed(stack):
    sock = connect(stack)
    started = time.monotonic()
    assert read_to_end(sock) == b""
    assert IDLE_TIMEOUT_S - 0.5 <= time.monotonic() - started < IDLE_TIMEOUT_S + 2.5


def test_a_kept_alive_connection_serves_requests_spaced_under_the_idle_timeout(stack):
    with httpx.Client(base_url=stack.url) as client:
        for _ in range(3):
            assert client.get("/api/health").json() == {"status": "ok"}
            time.sleep(IDLE_TIMEOUT_S / 3)


@pytest.mark.parametrize(
    "raw",
    [
        b"GARBAGE\r\n\r\n",
        b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n",
        b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX(a): b\r\n\r\n",
        b"GET /api/\xff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
        b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Many: aaaaaaaaaa\r\n" * 1000 + b"\r\n",
    ],
    ids=[
        "request line",
        "header line",
        "header name",
        "path",
        "content length",
        "chunk",
        "headers too large",
    ],
)
def test_malformed_requests_get_a_json_400(stack, raw):
    sock = connect(stack)
    sock.sendall(raw)
    assert json_answer(read_to_end(sock)) == (400, "Malformed HTTP request.")


def test_a_header_line_past_16_kb_gets_a_json_431(stack):
    sock = connect(stack)
    sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
    assert json_answer(read_to_end(sock)) == (431, "A request header line is too long.")


def test_x_forwarded_for_is_not_trusted_by_default(stack):
    # Each wrong password claims another address; the throttle still counts them as one.
    login = 'mutation { login(username: "erin", password: "wrong") { ... on OperationInfo { messages { code } } } }'
    codes = []
    for i in range(6):
        response = httpx.post(
            f"{stack.url}/graphql",
            json={"query": login},
            headers={"Authorization": f"Bearer {stack.erin_token}", "X-Forwarded-For": f"10.1.0.{i}"},
        )
        codes.append(response.json()["data"]["login"]["messages"][0]["code"])
    assert codes == ["invalid_login"] * 5 + ["throttled"]
