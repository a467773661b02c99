"""The data plane's uvicorn protocol (``oasis.compat.uvicorn``) on a real uvicorn server and real sockets:
zero-copy sends with and without Range, a client gone mid-file, a client that stops reading; bodies
received straight into the application's buffer (whole, with ``Expect: 100-continue``, a client gone
or stalled mid-body); and the uvicorn members the module relies on."""

from __future__ import annotations

import os
import socket
import threading
import time

import httpx
import pytest
import uvicorn

from oasis.compat import uvicorn as uvicorn_compat

SIZE = 48 * 1024 * 1024


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    path = tmp_path_factory.mktemp("zerocopy") / "file.bin"
    path.write_bytes(os.urandom(SIZE))
    return path


def _small_window_socket(port: int) -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    sock.connect(("127.0.0.1", port))
    return sock


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


class _Server:
    def __init__(self, content, stall_s: float) -> None:
        self.content, self.errors, self.offered = content, [], []
        self.bodies, self.body_errors = [], []
        self.config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=0,
            loop="uvloop",
            http=uvicorn_compat.protocol(5.0, stall_s),
            interface="asgi3",
            lifespan="off",
            log_config=None,
            access_log=False,
        )
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    async def app(self, scope, receive, send) -> None:
        if scope["method"] == "PUT":
            return await self.put(scope, send)
        self.offered.append(uvicorn_compat.ZEROCOPY in scope.get("extensions", {}))
        start, count = 0, SIZE
        if scope["path"] == "/range":
            start, count = 1000, 5 * 1024 * 1024 + 7
        headers = [(b"content-length", str(count + 5).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"head:", "more_body": True})
        with open(self.content, "rb") as fh:
            try:
                await send({"type": uvicorn_compat.ZEROCOPY, "file": fh, "offset": start, "count": count})
            except Exception as error:  # recorded for the test to see, then raised
                self.errors.append(error)
                raise

    async def put(self, scope, send) -> None:
        """Receive the body into a buffer of its Content-Length, answer with its length."""
        length = int(dict(scope["headers"])[b"content-length"])
        received = bytearray(length)
        view = memoryview(received)

        def fill(read_into) -> None:
            at = 0
            while at < length:
                at += read_into(view[at:])

        receive_into = scope["extensions"][uvicorn_compat.RECEIVE_INTO]["receive_into"]
        try:
            await receive_into(fill, length)
        except (ConnectionError, TimeoutError) as error:
            self.body_errors.append(error)
            return
        self.bodies.append(bytes(received))
        answer = str(length).encode()
        headers = [(b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})

    def __enter__(self):
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(5)


def test_a_file_goes_out_whole_and_by_range_and_the_connection_is_reused(content):
    data = content.read_bytes()
    with _Server(content, 5.0) as server, httpx.Client(base_url=f"http://127.0.0.1:{server.port}") as client:
        whole = client.get("/whole")
        part = client.get("/range")
        again = client.get("/whole")  # the same kept-alive connection: the response ended where it should
    assert whole.status_code == 200 and whole.content == b"head:" + data
    assert part.content == b"head:" + data[1000 : 1000 + 5 * 1024 * 1024 + 7]
    assert again.content == whole.content
    assert server.offered == [True, True, True] and server.errors == []


def test_a_client_gone_mid_file_costs_nothing_and_leaks_no_descriptor(content):
    with _Server(content, 5.0) as server:
        before = _open_fds()
        for _ in range(3):
            with _small_window_socket(server.port) as sock:
                sock.sendall(b"GET /whole HTTP/1.1\r\nhost: x\r\n\r\n")
                sock.recv(65536)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            # closed with a reset while the server had most of the file still to send
        deadline = time.monotonic() + 5
        while _open_fds() > before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _open_fds() <= before
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}") as client:
            assert len(client.get("/whole").content) == SIZE + 5  # and the server still serves
    assert server.errors == []


def test_a_client_that_stops_reading_is_dropped_after_the_stall_time(content):
    with _Server(content, 1.0) as server, _small_window_socket(server.port) as sock:
        sock.sendall(b"GET /whole HTTP/1.1\r\nhost: x\r\n\r\n")
        time.sleep(2.5)  # reads nothing: the sender makes no progress for longer than 1 s
        sock.settimeout(5)
        received = 0
        while chunk := sock.recv(1 << 20):
            received += len(chunk)
    assert received < SIZE  # the connection was closed, not finished
    assert server.errors == []


def test_a_body_is_received_into_the_applications_buffer_and_the_connection_then_closes():
    body = os.urandom(SIZE + 3)
    with _Server(None, 5.0) as server, httpx.Client(base_url=f"http://127.0.0.1:{server.port}") as client:
        first = client.put("/part", content=body)
        second = client.put("/part", content=body[:1000])  # a new connection: the first was closed
    assert first.status_code == 200 and first.text == str(SIZE + 3)
    assert first.headers["connection"] == "close"  # the parser never saw that body's end
    assert second.status_code == 200 and "connection" not in second.headers  # came with its head
    assert server.bodies == [body, body[:1000]] and server.body_errors == []


def test_a_body_announced_with_expect_100_continue_is_asked_for():
    body = os.urandom(3 * 1024 * 1024)
    with _Server(None, 5.0) as server, socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(
            f"PUT /part HTTP/1.1\r\nhost: x\r\ncontent-length: {len(body)}\r\n"
            "expect: 100-continue\r\n\r\n".encode()
        )
        sock.settimeout(5)
        assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue")
        sock.sendall(body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(str(len(body)).encode())
    assert server.bodies == [body]


def _send_part_of_a_body(port: int, sent: int, total: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"PUT /part HTTP/1.1\r\nhost: x\r\ncontent-length: {total}\r\n\r\n".encode())
    sock.sendall(os.urandom(sent))
    return sock


def test_a_client_gone_mid_body_is_told_to_the_application_and_leaks_no_descriptor():
    with _Server(None, 5.0) as server:
        time.sleep(0.2)
        before = _open_fds()
        for _ in range(3):
            with _send_part_of_a_body(server.port, 2 * 1024 * 1024, SIZE) as sock:
                time.sleep(0.2)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        deadline = time.monotonic() + 5
        while (len(server.body_errors) < 3 or _open_fds() > before) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(server.body_errors) == 3 and _open_fds() <= before
        assert all(isinstance(e, ConnectionError) for e in server.body_errors)  # a reset, or the end
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}") as client:
            assert client.put("/part", content=b"x" * 5_000_000).status_code == 200  # still serving
    assert server.bodies == [b"x" * 5_000_000]


def test_a_client_that_stops_sending_mid_body_is_dropped_after_the_stall_time():
    with _Server(None, 1.0) as server, _send_part_of_a_body(server.port, 1024 * 1024, SIZE) as sock:
        sock.settimeout(5)
        started = time.monotonic()
        assert sock.recv(65536) == b""  # closed by the server, without an answer
        waited = time.monotonic() - started
    assert 0.9 < waited < 4
    assert [type(e) for e in server.body_errors] == [TimeoutError] and server.bodies == []


def test_another_uvicorn_is_refused(monkeypatch):
    monkeypatch.setattr(uvicorn, "__version__", "0.99.0")
    with pytest.raises(RuntimeError, match="not a version"):
        uvicorn_compat.check()


def test_the_uvicorn_members_it_relies_on_are_there():
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

    for name in ("data_received", "on_headers_complete", "connection_lost"):
        assert callable(getattr(HttpToolsProtocol, name))
    cycle = RequestResponseCycle.__init__.__code__.co_names
    for name in (
        "response_started",
        "response_complete",
        "expected_content_length",
        "disconnected",
        "scope",
        "transport",
        "flow",
        "body",
        "more_body",
        "keep_alive",
        "waiting_for_100_continue",
    ):
        assert name in cycle, name
