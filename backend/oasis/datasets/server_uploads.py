"""Keep large request bodies out of the daphne server's memory.

Twisted buffers a request body in a temporary file, and then two things pulled all of it into memory
before Django's streaming upload handler saw a byte (measured: ~13x the body for a multipart upload,
so a 1 GB upload peaked at 13.5 GB):

- twisted's ``Request`` parses every multipart POST with the ``email`` module to fill
  ``request.args``, which daphne never reads. Twisted documents the switch
  (``parsePOSTFormSubmission``: "can use large amounts of memory for large uploads"); daphne never
  turns it off. It also ran before authentication, for any client and any URL.
- daphne reads the whole body file into its application queue at once, in 8 KB messages.

``install()`` turns the parsing off and gives HTTP applications a queue that leaves each body message
in twisted's file until the application asks for it. It is a no-op without daphne, and idempotent.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from functools import partial

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


def install() -> bool:
    """Patch daphne's HTTP requests (see the module docstring); True if daphne is there to patch."""
    try:
        import daphne
        from daphne.http_protocol import WebRequest
        from daphne.server import Server
    except ImportError:
        return False
    if not daphne.__version__.startswith(TESTED_DAPHNE):
        # The patch copies daphne's create_application; a release we have not read may differ.
        log.warning(
            "daphne %s is not %s.x: request bodies are not streamed (uploads use more memory)",
            daphne.__version__,
            TESTED_DAPHNE,
        )
        return False
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
        # daphne.server.Server.create_application (4.2), with our queue instead of asyncio.Queue.
        assert "application_instance" not in self.connections[protocol]
        input_queue = BodyFromFileQueue(protocol)
        scope.setdefault("asgi", {"version": "3.0"})
        application_instance = self.application(
            scope=scope, receive=input_queue.get, send=partial(self.handle_reply, protocol)
        )
        if protocol not in self.connections:
            return None
        self.connections[protocol]["application_instance"] = asyncio.ensure_future(
            application_instance, loop=asyncio.get_event_loop()
        )
        return input_queue

    create_application.oasis_streams_bodies = True
    WebRequest.__init__ = __init__
    Server.create_application = create_application
    log.debug("daphne: request bodies stream from their temporary files")
    return True
