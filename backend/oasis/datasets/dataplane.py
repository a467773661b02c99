"""The data plane: local-storage bytes at wire speed, on their own port, behind presigned URLs.

The web server (daphne) checks who may do what and answers with a URL from ``data_urls``; this small
ASGI application, served by uvicorn (uvloop, httptools) on ``OASIS_DATA_PORT`` in the same process,
moves the bytes: a file (Range, If-Range, HEAD), a dataset's zip (its length known up front, Range), an
upload part (PUT, the raw body written at its offset as it arrives). Nothing else is served: no Django
request cycle, no sessions, no cookies. It is what S3 is in the S3 mode, and clients treat both alike.

Why a second server: daphne moves a body through twisted and asyncio in small pieces, one event loop
for every byte of every transfer (measured here on one loaded machine, 1 GiB from page cache: daphne
65-190 MB/s down and 80-105 MB/s up against uvicorn's 770-870 MB/s and 180-260 MB/s for the same
ASGI code). Its request-head guards (``oasis.compat.twisted_http``) stay where the API is.

A file's bytes go from the page cache to the socket with ``sendfile`` (``oasis.compat.uvicorn``, which adds
the ASGI zero-copy extension to uvicorn); a zip's entries and upload parts pass through this process in
large blocks, read and written on threads.

Guards here: a URL is the capability (its grant is signed and expires); a request's head must be
complete within ``OASIS_HTTP_HEADER_TIMEOUT_S`` (``oasis.compat.uvicorn``: uvicorn has no such timeout),
an idle kept-alive connection is closed after 5 s, at most ``OASIS_DATA_MAX_CONNECTIONS`` are served
at once, a part's body may not exceed its length. Browsers reach it from the dashboard's origin (CORS)
when that origin's host is one of ``ALLOWED_HOSTS``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.db import close_old_connections
from django.http.request import validate_host
from django.utils.http import content_disposition_header

from oasis.compat import uvicorn as uvicorn_compat
from oasis.http_errors import error_body

from . import data_urls, zipstream

log = logging.getLogger(__name__)

#: Bytes of a zip's headers and small entries gathered for one read on a thread.
READ_BLOCK = 2 * 1024 * 1024
#: A zip entry this large or larger is sent with ``sendfile`` (a thread's start costs less than its copy).
ZEROCOPY_MIN = 1024 * 1024
_CORS_ALLOW_HEADERS = b"content-type, range, if-range"
_CORS_EXPOSE = b"content-length, content-range, content-disposition, etag, accept-ranges"


class _Request:
    def __init__(self, scope, receive, send) -> None:
        self.scope, self._send = scope, send  # bodies come through RECEIVE_INTO, not receive
        self.method = scope["method"]
        self.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        self.cors = _cors(self.headers.get("origin"))
        self.started = False

    async def start(self, status: int, headers: list[tuple[bytes, bytes]]) -> None:
        self.started = True
        await self._send({"type": "http.response.start", "status": status, "headers": headers + self.cors})

    async def body(self, data: bytes, more: bool = False) -> None:
        await self._send({"type": "http.response.body", "body": data, "more_body": more})

    async def send_file(self, fd: int, offset: int, count: int, more: bool = False) -> None:
        message = {"type": uvicorn_compat.ZEROCOPY, "file": _Descriptor(fd), "offset": offset, "count": count}
        await self._send({**message, "more_body": more})

    async def error(self, status: int, message: str) -> None:
        body = error_body(message)
        await self.start(
            status,
            [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        )
        await self.body(body if self.method != "HEAD" else b"")


class _Descriptor:
    """An open descriptor as the file object ``http.response.zerocopysend`` asks for."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def fileno(self) -> int:
        return self._fd


def _cors(origin: str | None) -> list[tuple[bytes, bytes]]:
    """CORS answers for the dashboard's origin (a host the web server serves), none for others."""
    if not origin:
        return []
    host = urlsplit(origin).hostname or ""
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        (b"access-control-allow-origin", origin.encode("latin-1")),
        (b"access-control-expose-headers", _CORS_EXPOSE),
        (b"vary", b"origin"),
    ]


async def app(scope, receive, send) -> None:
    """The data plane's ASGI application."""
    if scope["type"] != "http":
        return
    request = _Request(scope, receive, send)
    try:
        await _route(request)
    except _ClientGone:
        pass
    except Exception:
        log.exception("data plane: %s %s failed", request.method, scope.get("path"))
        if not request.started:
            await request.error(500, "Internal error.")


class _ClientGone(Exception):
    pass


async def _route(request: _Request) -> None:
    parts = request.scope["path"].split("/")
    # /data/<kind>/<token>[/<name>]
    if len(parts) < 4 or parts[1] != "data" or parts[2] not in data_urls.KINDS:
        return await request.error(404, "Not found.")
    kind, token = parts[2], parts[3]
    if request.method == "OPTIONS":
        return await _preflight(request)
    allowed = ("PUT",) if kind == "part" else ("GET", "HEAD")
    if request.method not in allowed:
        await request.start(405, [(b"allow", ", ".join(allowed).encode()), (b"content-length", b"0")])
        return await request.body(b"")
    grant = data_urls.verify(token, kind)
    if grant is None:
        return await request.error(403, "This link is not valid, or it expired; ask OASIS for a new one.")
    if kind == "file":
        return await _send_file(request, grant)
    if kind == "zip":
        return await _send_zip(request, grant)
    return await _receive_part(request, grant)


async def _preflight(request: _Request) -> None:
    if not request.cors:
        await request.start(403, [(b"content-length", b"0")])
        return await request.body(b"")
    await request.start(
        204,
        [
            (b"access-control-allow-methods", b"GET, HEAD, PUT"),
            (b"access-control-allow-headers", _CORS_ALLOW_HEADERS),
            (b"access-control-max-age", b"600"),
        ],
    )
    await request.body(b"")


def _range(request: _Request, size: int, etag: str) -> tuple[int, int] | str | None:
    """The byte range asked for (None: everything; "bad": unsatisfiable), read as the web views read it."""
    from .views import Unsatisfiable, requested_range

    try:
        return requested_range(request.headers.get("range", ""), request.headers.get("if-range"), size, etag)
    except Unsatisfiable:
        return "bad"


def _download_headers(length: int, etag: str, content_type: bytes, filename: str) -> list:
    return [
        (b"content-type", content_type),
        (b"content-length", str(length).encode()),
        (b"accept-ranges", b"bytes"),
        (b"etag", etag.encode()),
        (b"cache-control", b"private, no-store"),
        (b"content-disposition", content_disposition_header(True, filename).encode("latin-1")),
    ]


async def _answer_range(request, size: int, etag: str, content_type: bytes, filename: str):
    """Send the head of a download; returns the (start, end) to send, or None when nothing follows."""
    asked = _range(request, size, etag)
    if asked == "bad":
        await request.error(416, f"The range is not within the {size} bytes.")
        return None
    start, end = asked or (0, size - 1)
    headers = _download_headers(end - start + 1 if size else 0, etag, content_type, filename)
    if asked:
        headers.append((b"content-range", f"bytes {start}-{end}/{size}".encode()))
    await request.start(206 if asked else 200, headers)
    if request.method == "HEAD" or not size:
        await request.body(b"")
        return None
    return start, end


async def _send_file(request: _Request, grant: data_urls.Grant) -> None:
    from .blobs import local_path
    from .models import Blob

    path = local_path(Blob(sha256=grant.target, size=grant.size))
    try:
        fd = os.open(path, os.O_RDONLY) if path else -1
    except FileNotFoundError:
        fd = -1
    if fd < 0:
        return await request.error(404, "The file is gone.")
    try:
        span = await _answer_range(
            request, grant.size, f'"{grant.target}"', b"application/octet-stream", grant.name
        )
        if span is None:
            return
        start, end = span
        await request.send_file(fd, start, end - start + 1)
    finally:
        os.close(fd)


async def _send_zip(request: _Request, grant: data_urls.Grant) -> None:
    """The zip: headers and small entries gathered into blocks read on a thread, the content of larger
    entries sent with ``sendfile``."""
    from .views import dataset_zip

    layout = await asyncio.to_thread(_db, dataset_zip, grant.user_id, int(grant.target))
    if layout is None:
        return await request.error(404, "Not found.")
    span = await _answer_range(request, layout.size, layout.etag, b"application/zip", grant.name)
    if span is None:
        return
    spans = list(layout.spans(*span))
    gathered: list = []
    held = 0  # bytes in gathered
    for i, (segment, skip, take) in enumerate(spans):
        more = i < len(spans) - 1
        if isinstance(segment, zipstream.Entry) and take >= ZEROCOPY_MIN:
            if gathered:
                await request.body(await asyncio.to_thread(_read_spans, gathered), more=True)
                gathered, held = [], 0
            source = await asyncio.to_thread(segment.open_at, 0)
            try:
                await request.send_file(source.fileno(), skip, take, more=more)
            finally:
                source.close()
            continue
        gathered.append((segment, skip, take))
        held += take
        if not more or held >= READ_BLOCK:
            await request.body(await asyncio.to_thread(_read_spans, gathered), more=more)
            gathered, held = [], 0


def _read_spans(spans) -> bytes:
    return b"".join(chunk for span in spans for chunk in zipstream.read_span(*span))


def _db(function, *args):
    """Run ``function`` with a usable database connection (this thread's, checked as a request would)."""
    close_old_connections()
    try:
        return function(*args)
    finally:
        close_old_connections()


def _open_part(grant: data_urls.Grant, length: int):
    from django.contrib.auth import get_user_model

    from . import resumable

    user = get_user_model().objects.filter(pk=grant.user_id, is_active=True).first()
    return resumable.open_part(user=user, session_id=grant.target, number=grant.part, length=length)


async def _receive_part(request: _Request, grant: data_urls.Grant) -> None:
    from oasis.errors import NotFound, ValidationError

    from . import resumable

    raw = request.headers.get("content-length", "")
    if not raw.isdigit():
        return await request.error(411, "Send the part with a Content-Length (no chunked encoding).")
    try:
        writer = await asyncio.to_thread(_db, _open_part, grant, int(raw))
    except NotFound:
        return await request.error(404, "Upload session not found.")
    except resumable.UploadConflict as exc:
        return await request.error(409, " ".join(exc.messages))
    except ValidationError as exc:
        return await request.error(400, " ".join(exc.messages))
    # Straight from the socket into the part's staging buffer (the data plane's own protocol offers
    # it); the body cannot run past its Content-Length, which is the part's length.
    receive_into = request.scope["extensions"][uvicorn_compat.RECEIVE_INTO]["receive_into"]
    try:
        await receive_into(writer.fill, writer.length)
    except (ConnectionError, TimeoutError):
        raise _ClientGone from None
    finally:
        writer.close()
    if writer.written != writer.length:
        return await request.error(
            400, f"Part {grant.part} ended after {writer.written} of its {writer.length} bytes."
        )
    await asyncio.to_thread(
        _db, lambda: resumable.record_part(session_id=grant.target, number=grant.part, size=writer.written)
    )
    body = json.dumps({"part": grant.part, "size": writer.written}).encode()
    await request.start(
        200, [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    )
    await request.body(body)


# --- the server ----------------------------------------------------------------------------------


class DataPlane:
    """The uvicorn server on its own thread and event loop."""

    def __init__(self, host: str, port: int) -> None:
        import uvicorn

        self.config = uvicorn.Config(
            app,
            host=host,
            port=port,
            loop="uvloop",
            http=uvicorn_compat.protocol(
                settings.OASIS_HTTP_HEADER_TIMEOUT_S,
                settings.OASIS_HTTP_IDLE_TIMEOUT_S,
                body_threads=settings.OASIS_DATA_MAX_CONNECTIONS,
            ),
            ws="none",
            lifespan="off",
            access_log=False,
            log_config=None,
            server_header=False,
            proxy_headers=False,
            limit_concurrency=settings.OASIS_DATA_MAX_CONNECTIONS,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, name="oasis-data-plane", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self.thread.start()
        deadline = threading.Event()
        for _ in range(int(timeout * 20)):
            if self.server.started or not self.thread.is_alive():
                break
            deadline.wait(0.05)
        if not self.server.started:
            raise RuntimeError(f"the data plane did not start on port {self.config.port}")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
