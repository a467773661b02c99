"""uvicorn's httptools protocol, with what the data plane needs and uvicorn lacks - the one module that
touches uvicorn's internals.

Written for uvicorn >= 0.55, < 0.56 (``UVICORN_VERSIONS``; ``check`` refuses another version at
start-up, and ``tests/oasis/compat/test_uvicorn.py`` fails if the members used here change).
It adds, to ``HttpToolsProtocol`` (``data_received``, ``on_headers_complete``, ``connection_lost``) and
its ``RequestResponseCycle`` (``send``, ``response_started``, ``response_complete``,
``expected_content_length``, ``disconnected``):

- **a deadline for each request's head** (``OASIS_HTTP_HEADER_TIMEOUT_S``): uvicorn has none, so a
  client sending a head byte by byte would hold a connection slot for ever. The answer is a JSON 408.
- **the ASGI ``http.response.zerocopysend`` extension**: a file's bytes go from the page cache to the
  socket with ``os.sendfile``, never through Python (uvloop's ``loop.sendfile`` is not implemented).
  The transport's buffer is drained first, then a thread sends on a duplicate of the socket's
  descriptor (so a connection closed meanwhile cannot hand the number to another socket), waiting for
  the socket to be writable with ``poll`` and giving up after ``stall_s`` without progress.
- **a request body received straight into the application's buffers** (``RECEIVE_INTO``, offered with
  each request): ``await receive_into(fill, count)`` hands the body's bytes to ``fill`` on a thread,
  which ``recv_into``s them from the socket into its own (aligned) memory. The bytes never become
  Python objects, and neither the parser nor the event loop sees them (the loop's reading is paused):
  on the 2-core VM of CI, a 1 GiB upload in 16 MB parts took 2.0-2.3 s of the data plane's time
  through ``receive()`` with nothing written, and the copy into the staging buffers on top. The parser
  never saw the body's end, so the connection closes after the response (a client opens the next).
"""

from __future__ import annotations

import asyncio
import os
import select
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from oasis.http_errors import error_body

UVICORN_VERSIONS = ((0, 55), (0, 56))
ZEROCOPY = "http.response.zerocopysend"
RECEIVE_INTO = "oasis.http.request.receive_into"
#: Bytes handed to one sendfile call (the kernel sends what the socket's buffer takes).
_SENDFILE_STEP = 64 * 1024 * 1024
#: How often a waiting sender looks whether it should stop (ms).
_POLL_MS = 250


def check() -> None:
    """Refuse a uvicorn this module was not written for."""
    import uvicorn

    version = tuple(int(part) for part in uvicorn.__version__.split(".")[:2])
    low, high = UVICORN_VERSIONS
    if not (low <= version < high):
        raise RuntimeError(
            f"uvicorn {uvicorn.__version__} is not a version oasis.compat.uvicorn was written for "
            f"({low} to {high}); install the version in requirements.lock"
        )


def protocol(head_timeout_s: float, stall_s: float, body_threads: int = 64):
    """The protocol class for ``uvicorn.Config(http=...)``. Bodies taken with ``RECEIVE_INTO`` are
    received on a pool of their own, up to ``body_threads`` at once (the server's connection limit):
    a slow client's body holds one of those, never a thread of the loop's default pool."""
    check()
    receivers = ThreadPoolExecutor(body_threads, thread_name_prefix="body-receive")
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class DataPlaneHttp(HttpToolsProtocol):
        _head_timer = None
        _in_head = False

        def _arm(self) -> None:
            self._disarm()
            self._head_timer = self.loop.call_later(head_timeout_s, self._head_too_slow)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_too_slow(self) -> None:
            self._head_timer = None
            if self.transport is not None and not self.transport.is_closing():
                body = error_body("The request's head took too long.")
                self.transport.write(
                    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
                    + f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode()
                    + body
                )
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            between = self.cycle is None or self.cycle.response_complete
            if between and self._head_timer is None and not self._in_head:  # a head's first bytes
                self._in_head = True
                self._arm()
            super().data_received(data)

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._disarm()
            previous = self.cycle
            super().on_headers_complete()
            if self.cycle is not previous:  # a new request (not an upgrade): its task has not run yet
                _offer_zerocopy(self.cycle, self.transport, stall_s)
                _offer_receive_into(self.cycle, stall_s, receivers)

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

    return DataPlaneHttp


def _offer_zerocopy(cycle, transport, stall_s: float) -> None:
    cycle.scope.setdefault("extensions", {})[ZEROCOPY] = {}
    plain_send = cycle.send

    async def send(message) -> None:
        if message["type"] != ZEROCOPY:
            return await plain_send(message)
        if not cycle.response_started or cycle.response_complete:
            raise RuntimeError(f"'{ZEROCOPY}' sent outside a response's body")
        offset, count = message.get("offset", 0), message["count"]
        if cycle.scope["method"] == "HEAD" or count == 0:
            count = 0
        elif count > cycle.expected_content_length:
            raise RuntimeError("Response content longer than Content-Length")
        elif not cycle.disconnected:
            await _sendfile(cycle, transport, message["file"].fileno(), offset, count, stall_s)
        if cycle.disconnected:
            return
        cycle.expected_content_length -= count
        if not message.get("more_body", False):
            await plain_send({"type": "http.response.body", "body": b"", "more_body": False})

    cycle.send = send


async def _sendfile(cycle, transport, file_fd: int, offset: int, count: int, stall_s: float) -> None:
    deadline = time.monotonic() + stall_s
    while transport.get_write_buffer_size() and not transport.is_closing():  # the head, usually sent
        if time.monotonic() > deadline:
            raise TimeoutError("the client took nothing for too long")
        await asyncio.sleep(0.005)
    if transport.is_closing():
        cycle.disconnected = True
        return
    # Both descriptors are duplicated for the thread, which closes them: one closed here meanwhile (the
    # connection lost, the file's owner done) cannot lend its number to another socket or file.
    sock = os.dup(transport.get_extra_info("socket").fileno())
    source = os.dup(file_fd)
    stop = threading.Event()
    try:
        await asyncio.to_thread(_send_all, sock, source, offset, count, stall_s, stop)
    except (ConnectionError, TimeoutError):
        cycle.disconnected = True  # what uvicorn's own send does for a client gone: nothing more
        transport.close()
    finally:
        stop.set()  # when this coroutine is cancelled, the thread returns within _POLL_MS


def _send_all(sock: int, file_fd: int, offset: int, count: int, stall_s: float, stop: threading.Event):
    try:
        poller = select.poll()
        poller.register(sock, select.POLLOUT)
        progress = time.monotonic()
        while count > 0:
            try:
                sent = os.sendfile(sock, file_fd, offset, min(count, _SENDFILE_STEP))
            except BlockingIOError:
                sent = None
            if sent == 0:
                raise OSError("the file ended early")
            if sent:
                offset, count, progress = offset + sent, count - sent, time.monotonic()
                continue
            _wait(poller, progress, stall_s, stop, "took")
    finally:
        os.close(sock)
        os.close(file_fd)


def _wait(poller, since: float, stall_s: float, stop: threading.Event, verb: str) -> None:
    """Wait up to ``_POLL_MS`` for the socket registered with ``poller``; TimeoutError once ``stop``
    is set or the client has moved nothing since ``since`` for ``stall_s``."""
    if stop.is_set():
        raise TimeoutError("stopped")
    if time.monotonic() - since > stall_s:
        raise TimeoutError(f"the client {verb} nothing for too long")
    poller.poll(_POLL_MS)


def _offer_receive_into(cycle, stall_s: float, receivers: ThreadPoolExecutor) -> None:
    async def receive_into(fill, count: int) -> None:
        """Deliver the request's body, ``count`` bytes (its Content-Length), to ``fill`` on a thread:
        ``fill(read_into)`` calls ``read_into(view) -> int`` until it has them all. ``read_into`` fills
        the front of ``view`` with the next bytes and says how many (the first ones are those the parser
        had already taken); it raises ``ConnectionError`` if the client hangs up or ``TimeoutError`` if
        it sends nothing for ``stall_s``, and then the request counts as disconnected. Call it instead
        of ``receive()``, before any."""
        if cycle.disconnected:
            raise ConnectionError("the client is gone")
        if cycle.waiting_for_100_continue and not cycle.transport.is_closing():
            cycle.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            cycle.waiting_for_100_continue = False
        early = memoryview(bytes(cycle.body))
        cycle.body = bytearray()
        loop = asyncio.get_running_loop()
        if not cycle.more_body or len(early) >= count:  # it is all here already
            source = _Source(early, -1, stall_s, threading.Event())
            await loop.run_in_executor(receivers, fill, source.read_into)
            return
        cycle.flow.pause_reading()  # for good: the parser must not see the rest of the body
        cycle.keep_alive = False
        sock = os.dup(cycle.transport.get_extra_info("socket").fileno())
        source = _Source(early, sock, stall_s, threading.Event())
        filling = loop.run_in_executor(receivers, fill, source.read_into)
        try:
            await asyncio.shield(filling)
        except (ConnectionError, TimeoutError):
            cycle.disconnected = True
            cycle.transport.close()
            raise
        except asyncio.CancelledError:
            # The thread writes into the caller's buffers: it must be done before the caller goes on.
            source.stop.set()  # it gives up within _POLL_MS
            await asyncio.wait([filling])
            raise
        finally:
            source.close()

    cycle.scope.setdefault("extensions", {})[RECEIVE_INTO] = {"receive_into": receive_into}


class _Source:
    """The body's bytes for ``receive_into``'s thread: those the parser took first, then the socket's
    (a duplicate of its descriptor, non-blocking like the original: waits are ``poll``s)."""

    def __init__(self, early: memoryview, sock: int, stall_s: float, stop: threading.Event) -> None:
        self.early, self.stall_s, self.stop = early, stall_s, stop
        self.sock = socket.socket(fileno=sock) if sock >= 0 else None
        self.poller = None

    def read_into(self, view: memoryview) -> int:
        if self.early:
            taken = min(len(self.early), len(view))
            view[:taken] = self.early[:taken]
            self.early = self.early[taken:]
            return taken
        if self.sock is None:
            raise ConnectionError("the body ended early")
        waited = time.monotonic()
        while True:
            try:
                got = self.sock.recv_into(view)
            except BlockingIOError:
                got = None
            if got == 0:
                raise ConnectionError("the client hung up")
            if got:
                return got
            if self.poller is None:
                self.poller = select.poll()
                self.poller.register(self.sock.fileno(), select.POLLIN)
            _wait(self.poller, waited, self.stall_s, self.stop, "sent")

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None
