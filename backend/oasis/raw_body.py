"""Django's ASGI handler, except that a few views read their request body themselves, as it arrives.

Django reads a whole request body into a temporary file before it calls a view. For an upload part
(``PUT /api/uploads/<session>/parts/<n>``, up to a GiB) that is one more copy of every byte, and
nothing can be checked or written until the last one is in. For the paths in ``RAW_BODY_PATHS`` the
handler gives Django an empty body and the view the body's chunks (``body_chunks(request)``) to write
where they belong. Everything else (middleware, sessions, CSRF, the API token) works as for any view.
Public Django API only: ``ASGIHandler.handle(scope, receive, send)`` and ASGI messages.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler

RAW_BODY_PATHS = (re.compile(r"^/api/uploads/[^/]+/parts/[^/]+$"),)
_SCOPE_KEY = "oasis.raw_body"


class _RawBody:
    def __init__(self, receive) -> None:
        self._receive = receive
        self._gave_django_its_body = False
        self._gone = asyncio.Event()

    async def for_django(self) -> dict:
        """Django's ``receive``: an empty body, then (to its disconnect listener) the disconnect, if the
        view saw one."""
        if not self._gave_django_its_body:
            self._gave_django_its_body = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._gone.wait()
        return {"type": "http.disconnect"}

    async def chunks(self) -> AsyncIterator[bytes]:
        while True:
            message = await self._receive()
            if message["type"] == "http.disconnect":
                self._gone.set()
                raise RequestAborted
            if body := message.get("body"):
                yield body
            if not message.get("more_body", False):
                return


class RawBodyASGIHandler(ASGIHandler):
    async def handle(self, scope, receive, send):
        if scope.get("method") in ("PUT", "POST") and any(
            p.match(scope.get("path", "")) for p in RAW_BODY_PATHS
        ):
            raw = _RawBody(receive)
            return await super().handle({**scope, _SCOPE_KEY: raw}, raw.for_django, send)
        return await super().handle(scope, receive, send)


def body_chunks(request) -> AsyncIterator[bytes]:
    """The request body as it arrives (raises ``RequestAborted`` if the client goes); once per request.
    Outside ``RawBodyASGIHandler`` (the test client), the body Django read."""
    raw = getattr(request, "scope", {}).get(_SCOPE_KEY)
    return raw.chunks() if raw is not None else _read_by_django(request)


async def _read_by_django(request) -> AsyncIterator[bytes]:
    # Another handler (the test client, WSGI) read the body already.
    if body := request.body:
        yield body
