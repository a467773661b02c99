"""Keep large request and response bodies out of the daphne server's memory.

Uploads. Twisted buffers a request body in a temporary file, and then two things pulled all of it into
memory before Django's streaming upload handler saw a byte (measured: ~13x the body for a multipart
upload, so a 1 GB upload peaked at 13.5 GB):

- twisted's ``Request`` parses every multipart POST with the ``email`` module to fill
  ``request.args``, which daphne never reads. Twisted documents the switch
  (``parsePOSTFormSubmission``: "can use large amounts of memory for large uploads"); daphne never
  turns it off. It also ran before authentication, for any client and any URL.
- daphne reads the whole body file into its application queue at once, in 8 KB messages.

Downloads. daphne's ``send`` hands each ``http.response.body`` to twisted's transport and returns at
once: it has no flow control. A streamed response (a dataset's zip, a large file) is produced as fast
as the disk reads, so whatever the client has not taken yet piles up in the transport's write buffer
(measured: 0.3-1.8 GB of resident memory for a 1 GB zip, ~550 MB for 256 MB read at 50 MB/s). Twisted
has the mechanism: a push producer registered on the request is paused when the transport's buffer
fills (64 KB) and resumed when it drains. ``send`` now registers one for each streamed response and
waits while it is paused, so the application produces at the client's pace.

Request heads (issue 12). Before a request reaches Django, each connection is guarded
(``ChannelGuard``): a connection with nothing coming in is closed after ``OASIS_HTTP_IDLE_TIMEOUT_S``
(twisted's idle timeout, 60 s by default, reset by every byte), and a request's line and headers
must be complete within ``OASIS_HTTP_HEADER_TIMEOUT_S`` of its first byte however slowly they
trickle in (else 408). A body over ``OASIS_ANONYMOUS_BODY_MAX_BYTES``, or of unknown length, is held
back (the connection not read, ``Expect: 100-continue`` not answered) until
``oasis.accounts.body_gate`` has judged the head off the event loop: a sender who may not send it is
answered there and then and nothing of the body is stored. The server's own refusals (twisted's 400
for a malformed request, daphne's error pages) are JSON like every other error. daphne's
``http_timeout`` is not used: it counts until the response ends, so it would cut long downloads.

``install()`` patches daphne's HTTP requests for all of it; ``oasis.asgi`` calls it when the
application is put together. It is a no-op without daphne, and idempotent.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from .twisted_http import ChannelGuard, check_twisted, error_body

log = logging.getLogger(__name__)

#: The daphne release line whose ``Server.create_application`` the patch below reproduces.
TESTED_DAPHNE = "4.2."


@dataclass(frozen=True)
class _Span:
    offset: int
    size: int


class BodyFromFileQueue(asyncio.Queue):
    """An application queue whose ``http.request`` bodies stay in the request's file until read.

    daphne puts the messages in one synchronous loop, reading the file from its start, so each body is
    a span of the file at a known offset; ``get`` reads it back. If the request is over (its file
    closed) the application is told the client went away.
    """

    def __init__(self, request) -> None:
        super().__init__()
        self._request = request
        self._offset = 0

    def put_nowait(self, item) -> None:
        body = item.get("body") if item.get("type") == "http.request" else None
        if body:
            item = {**item, "body": _Span(self._offset, len(body))}
            self._offset += len(body)
        super().put_nowait(item)

    async def get(self):
        item = await super().get()
        span = item.get("body")
        if not isinstance(span, _Span):
            return item
        try:
            content = self._request.content
            content.seek(span.offset)
            data = content.read(span.size)
        except (AttributeError, ValueError, OSError):
            return {"type": "http.disconnect"}
        return {**item, "body": data}


class ResponseFlow:
    """A twisted push producer standing for the application's response body.

    The transport calls ``pauseProducing`` when its write buffer is full and ``resumeProducing`` when
    it has drained; ``stopProducing`` when the connection goes. Both run on the reactor, which is the
    asyncio loop the application runs on, so an ``asyncio.Event`` carries the state across.
    """

    def __init__(self, *, paused: bool = False) -> None:
        self._writable = asyncio.Event()
        if not paused:
            self._writable.set()

    @property
    def paused(self) -> bool:
        return not self._writable.is_set()

    def pauseProducing(self) -> None:
        self._writable.clear()

    def resumeProducing(self) -> None:
        self._writable.set()

    def stopProducing(self) -> None:
        # The connection is gone: let the application go on; daphne drops what it sends and tells it
        # the client disconnected.
        self._writable.set()

    async def writable(self) -> None:
        await self._writable.wait()


class FlowControlledSend:
    """daphne's ``send`` for one HTTP request, waiting while the client is behind.

    A producer is registered on the request with the first body message that says more follows, and
    unregistered before the last one (twisted finishes the request on it and complains about a
    producer left behind). Responses sent in one message never register one.
    """

    def __init__(self, server, request) -> None:
        self._server = server
        self._request = request
        self.flow: ResponseFlow | None = None

    def _open(self) -> bool:
        request = self._request
        return not request.finished and getattr(request, "channel", None) is not None

    def _register(self) -> None:
        request = self._request
        if self.flow is not None or not self._open() or request.producer is not None:
            return
        # A channel already waiting for its transport will not pause a producer that joins late.
        self.flow = ResponseFlow(paused=bool(getattr(request.channel, "_waitingForTransport", False)))
        request.registerProducer(self.flow, True)

    def _unregister(self) -> None:
        if self.flow is None:
            return
        if self._open() and self._request.producer is self.flow:
            self._request.unregisterProducer()
        self.flow.resumeProducing()
        self.flow = None

    async def __call__(self, message) -> None:
        streaming = message.get("type") == "http.response.body"
        more = streaming and bool(message.get("more_body", False))
        if streaming and not more:
            self._unregister()
        await self._server.handle_reply(self._request, message)
        if more:
            self._register()
            if self.flow is not None and self.flow.paused:
                await self.flow.writable()


def install() -> bool:
    """Patch daphne's HTTP requests (see the module docstring); True if daphne is there to patch."""
    try:
        import daphne
        from daphne.http_protocol import HTTPFactory, WebRequest
        from daphne.server import Server
        from twisted.web.http import HTTPChannel
    except ImportError:
        return False
    if not daphne.__version__.startswith(TESTED_DAPHNE):
        # The patch copies daphne's create_application; a release we have not read may differ.
        log.warning(
            "daphne %s is not %s.x: request and response bodies are not streamed (uploads and "
            "downloads use more memory) and request heads are not guarded (timeouts, held bodies)",
            daphne.__version__,
            TESTED_DAPHNE,
        )
        return False
    check_twisted(HTTPChannel)
    if getattr(Server.create_application, "oasis_streams_bodies", False):
        return True

    original_init = WebRequest.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self._parsePOSTFormSubmission = False

    original_create = Server.create_application

    def create_application(self, protocol, scope):
        if scope.get("type") != "http" or not isinstance(protocol, WebRequest):
            return original_create(self, protocol, scope)
        # daphne.server.Server.create_application (4.2), with our queue instead of asyncio.Queue and
        # our send instead of partial(self.handle_reply, protocol).
        assert "application_instance" not in self.connections[protocol]
        input_queue = BodyFromFileQueue(protocol)
        scope.setdefault("asgi", {"version": "3.0"})
        application_instance = self.application(
            scope=scope, receive=input_queue.get, send=FlowControlledSend(self, protocol)
        )
        if protocol not in self.connections:
            return None
        self.connections[protocol]["application_instance"] = asyncio.ensure_future(
            application_instance, loop=asyncio.get_event_loop()
        )
        return input_queue

    original_build = HTTPFactory.buildProtocol

    def buildProtocol(self, addr):
        from django.conf import settings

        protocol = original_build(self, addr)
        if protocol is not None:
            protocol.timeOut = settings.OASIS_HTTP_IDLE_TIMEOUT_S  # the channel's, before it connects
            ChannelGuard(protocol._channel, header_timeout_s=settings.OASIS_HTTP_HEADER_TIMEOUT_S)
        return protocol

    original_got_length = WebRequest.gotLength

    def gotLength(self, length):
        from django.conf import settings

        guard = getattr(self.channel, "oasis_guard", None)
        if guard is None or (length is not None and length <= settings.OASIS_ANONYMOUS_BODY_MAX_BYTES):
            return original_got_length(self, length)
        return guard.hold_body(self, length, original_got_length)

    def basic_error(self, status, status_text, body):
        # daphne's own error page (a bad header or path, an application that failed), in JSON.
        self.handle_reply(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"Content-Type", b"application/json")],
            }
        )
        self.handle_reply({"type": "http.response.body", "body": error_body(body)})

    create_application.oasis_streams_bodies = True
    WebRequest.__init__ = __init__
    WebRequest.gotLength = gotLength
    WebRequest.basic_error = basic_error
    Server.create_application = create_application
    HTTPFactory.buildProtocol = buildProtocol
    log.debug("daphne: request bodies stream from their temporary files, responses at the client's pace")
    return True
