"""Guarding request heads before daphne hands a request to Django (issue 12); see ``oasis.compat.daphne``,
which installs it. The one module that touches twisted's ``HTTPChannel`` internals.

Each HTTP connection gets a ``ChannelGuard``: a request's line and headers must be complete within
``OASIS_HTTP_HEADER_TIMEOUT_S`` of its first byte (a slow trickle no longer keeps resetting twisted's
idle timeout), a body of someone who may not send it is answered from the head alone and never
stored (``HeldBody``, judged by ``oasis.accounts.body_gate`` on a worker thread), and twisted's own
400 is JSON.
"""

from __future__ import annotations

import asyncio
import io
import logging
from http import HTTPStatus
from urllib.parse import unquote

from oasis.http_errors import error_body

log = logging.getLogger(__name__)

#: twisted's ``HTTPChannel`` methods ``ChannelGuard`` wraps or calls (read in twisted 24-26); it also
#: reads the channel's ``_networkProducer``, ``_command`` and ``_path`` attributes.
TWISTED_CHANNEL_METHODS = (
    "dataReceived",
    "allHeadersReceived",
    "allContentReceived",
    "requestDone",
    "connectionLost",
    "_respondToBadRequestAndDisconnect",
    "_send100Continue",
    "setTimeout",
    "lineLengthExceeded",
)


def check_twisted(channel_class) -> None:
    """The start-up check: raises if twisted's ``HTTPChannel`` lost a method this module relies on."""
    missing = [name for name in TWISTED_CHANNEL_METHODS if not callable(getattr(channel_class, name, None))]
    if missing:
        raise RuntimeError(f"twisted's HTTPChannel lacks {missing}: oasis.compat.twisted_http needs updating")


def raw_response(status: int, body: bytes) -> bytes:
    """A whole HTTP/1.1 response with a JSON body that ends the connection, written straight to a
    transport (for answers given before a request reaches the application)."""
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


#: After refusing a body, what the client still sends is read and dropped for a moment (lingering
#: close): closing with unread data resets the connection, and the client may lose the answer.
LINGER_S = 2.0
LINGER_BYTES = 4 * 1024 * 1024
#: What a held body may hold in memory before the connection is paused again (one read is ~64 KB).
HELD_MAX_BYTES = 1024 * 1024


class ChannelGuard:
    """One HTTP connection's guard: the deadline of each request's head, a held body's wait for
    ``body_gate``, and JSON for twisted's 400.

    It wraps methods of twisted's ``HTTPChannel`` instance (twisted calls them through ``self``):
    ``dataReceived`` starts a head's deadline with its first byte, ``allHeadersReceived`` ends it,
    ``requestDone`` readies the next, and ``allContentReceived`` waits while a body is held.
    """

    def __init__(self, channel, *, header_timeout_s: float) -> None:
        self.channel = channel
        self.header_timeout_s = header_timeout_s
        self.deadline = None
        self.head_done = False
        self.held: HeldBody | None = None
        self._data_received = channel.dataReceived
        self._all_headers_received = channel.allHeadersReceived
        self._all_content_received = channel.allContentReceived
        self._request_done = channel.requestDone
        self._connection_lost = channel.connectionLost
        channel.dataReceived = self.data_received
        channel.allHeadersReceived = self.all_headers_received
        channel.allContentReceived = self.all_content_received
        channel.requestDone = self.request_done
        channel.connectionLost = self.connection_lost
        channel._respondToBadRequestAndDisconnect = self.bad_request
        channel.lineLengthExceeded = self.line_too_long
        channel.oasis_guard = self

    def data_received(self, data: bytes) -> None:
        if self.deadline is None and not self.head_done:
            self.deadline = self.channel.callLater(self.header_timeout_s, self.head_too_slow)
        self._data_received(data)

    def all_headers_received(self) -> None:
        self._cancel_deadline()
        self.head_done = True
        self._all_headers_received()

    def all_content_received(self) -> None:
        if self.held is not None:
            self.held.complete = True  # the whole body came with the head: go on once it is judged
            return
        self._all_content_received()

    def request_done(self, request) -> None:
        self.head_done = False  # before twisted replays what the client sent meanwhile
        self._request_done(request)

    def connection_lost(self, reason) -> None:
        self._cancel_deadline()
        self._connection_lost(reason)

    def head_too_slow(self) -> None:
        self.deadline = None
        if self.head_done or self.channel.transport is None:
            return
        message = f"The request's headers did not arrive within {self.header_timeout_s:g} s."
        self.channel.transport.write(raw_response(408, error_body(message)))
        self.channel.loseConnection()

    def bad_request(self) -> None:
        """twisted's answer to a malformed request line, header or chunk, in JSON."""
        self.channel.transport.write(raw_response(400, error_body("Malformed HTTP request.")))
        self.channel.loseConnection()

    def line_too_long(self, line: bytes) -> None:
        """A request or header line past twisted's 16 KB (twisted closes without a word)."""
        self.channel.transport.write(raw_response(431, error_body("A request header line is too long.")))
        self.channel.loseConnection()

    def hold_body(self, request, length: int | None, accept) -> None:
        """Hold ``request``'s body until ``body_gate`` has judged its head; ``accept(request, length)``
        then gives the request its real body file (twisted's ``gotLength``)."""
        self.held = HeldBody(self, request, length, accept)
        self.held.start()

    def _cancel_deadline(self) -> None:
        if self.deadline is not None and self.deadline.active():
            self.deadline.cancel()
        self.deadline = None


class HeldBody(io.BytesIO):
    """A request's body while its head is judged: the request's ``content`` until then.

    The connection is paused meanwhile, so it holds at most what came with the head.
    """

    def __init__(self, guard: ChannelGuard, request, length: int | None, accept) -> None:
        super().__init__()
        self.guard = guard
        self.request = request
        self.length = length
        self.accept = accept
        self.complete = False
        self.expect_continue = False

    def start(self) -> None:
        channel, request = self.guard.channel, self.request
        request.content = self
        expect = request.requestHeaders.getRawHeaders(b"Expect")
        if expect:
            # twisted would answer "100 Continue" right after this; only a body we take deserves it.
            request.requestHeaders.removeHeader(b"Expect")
            self.expect_continue = expect[0].lower() == b"100-continue"
        channel._networkProducer.pauseProducing()
        scope = _head_scope(request, channel)
        future = asyncio.get_event_loop().run_in_executor(None, _judge, scope)
        future.add_done_callback(self.judged)

    def write(self, data) -> int:
        written = super().write(data)
        if self.tell() > HELD_MAX_BYTES:
            self.guard.channel._networkProducer.pauseProducing()
        return written

    def judged(self, future) -> None:
        guard, channel, request = self.guard, self.guard.channel, self.request
        guard.held = None
        if getattr(request, "_disconnected", False) or channel.transport is None:
            return
        try:
            refusal = future.result()
        except Exception:
            log.exception("Judging a request's head failed; refusing its body")
            refusal = (503, error_body("The server could not check this request; try again."))
        if refusal is not None:
            _refuse(channel, *refusal)
            return
        self.accept(request, self.length)  # the real body file
        request.content.write(self.getvalue())
        if self.expect_continue and not self.complete:
            channel._send100Continue()
        channel._networkProducer.resumeProducing()
        if self.complete:
            guard._all_content_received()


def _head_scope(request, channel) -> dict:
    """The ASGI scope daphne will give this request, from its head (what ``WebRequest.process`` does)."""
    from daphne.utils import parse_x_forwarded_for

    path, _, query = channel._path.partition(b"?")
    peer, host = channel.transport.getPeer(), channel.transport.getHost()
    client = [str(peer.host), peer.port] if hasattr(peer, "host") else None
    scheme = "https" if request.isSecure() else "http"
    server = request.server
    if server.proxy_forwarded_address_header:
        client, scheme = parse_x_forwarded_for(
            request.requestHeaders,
            server.proxy_forwarded_address_header,
            server.proxy_forwarded_port_header,
            server.proxy_forwarded_proto_header,
            client,
            scheme,
        )
    return {
        "type": "http",
        "method": channel._command.decode("ascii", "replace"),
        "path": unquote(path.decode("ascii", "replace")),
        "raw_path": path,
        "root_path": server.root_path,
        "query_string": query,
        "headers": [
            (name.lower(), value)
            for name, values in request.requestHeaders.getAllRawHeaders()
            if b"_" not in name
            for value in values
        ],
        "client": client,
        "server": [str(host.host), host.port] if hasattr(host, "host") else None,
        "scheme": scheme,
    }


def _judge(scope: dict) -> tuple[int, bytes] | None:
    """On a worker thread: ``body_gate``'s answer as (status, body), or None to take the body."""
    from django.db import close_old_connections

    from oasis.accounts.body_gate import refuse_body

    close_old_connections()
    try:
        response = refuse_body(scope)
        return None if response is None else (response.status_code, response.content)
    finally:
        close_old_connections()


def _refuse(channel, status: int, body: bytes) -> None:
    """Answer a held request at once and close, dropping whatever of its body still comes."""
    transport = channel.transport
    transport.write(raw_response(status, body))
    channel.setTimeout(None)
    dropped = 0

    def drop(data: bytes) -> None:
        nonlocal dropped
        dropped += len(data)
        if dropped > LINGER_BYTES:
            transport.abortConnection()

    channel.dataReceived = drop
    if hasattr(transport, "loseWriteConnection"):
        transport.loseWriteConnection()  # the answer, then end of stream: the client reads it whole
    channel._networkProducer.resumeProducing()
    channel.callLater(LINGER_S, transport.loseConnection)
