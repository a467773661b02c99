"""Plain-HTTP downloads: one file, or a whole dataset as a zip streamed on the fly; both with Range.

Both check ownership exactly like the GraphQL API (session or API token) and answer 404 for anything
the user may not see. With S3 storage a file download is a redirect to a short-lived presigned URL
(``OASIS_S3_DOWNLOAD_URL_TTL_S``) made for this request after the check: the object store sends the
bytes. With local storage and the data plane running (``manage.py serve``), files and zips are
redirects to its presigned URLs (``data_urls``, ``dataplane``) alike; without it (the test client, a
server started otherwise) OASIS streams them here in blocks of ``CHUNK``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from oasis.http_errors import json_error

from . import blobs, data_urls, objectstore
from .models import Blob, Dataset, DatasetFile
from .zipstream import Entry, ZipLayout

#: Large blocks: each one costs a thread hop and a trip through the server's loop.
CHUNK = 1024 * 1024
_RANGE_SPEC = re.compile(r"^(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    pass


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a ``Range`` header asks for, or None to send the whole file.

    Per RFC 9110 an unknown unit is ignored, and so is a request for several ranges (we do not send
    multipart/byteranges); a malformed or unsatisfiable byte range raises ``Unsatisfiable``.
    """
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    match = _RANGE_SPEC.match(spec.strip())
    if match is None or not any(match.groups()):
        raise Unsatisfiable
    first, last = match.groups()
    if first:
        start = int(first)
        if last and int(last) < start:
            raise Unsatisfiable
        end = min(int(last), size - 1) if last else size - 1
    else:  # the last N bytes
        if int(last) == 0:
            raise Unsatisfiable
        start, end = max(0, size - int(last)), size - 1
    if start >= size:
        raise Unsatisfiable
    return start, end


def _user(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise Http404("Not found.")
    return user


async def _aiter(iterator: Iterator[bytes]):
    """Serve a blocking iterator from an async server without blocking its loop."""
    sentinel = object()
    pull = sync_to_async(lambda: next(iterator, sentinel), thread_sensitive=False)
    while (chunk := await pull()) is not sentinel:
        yield chunk


def _read_file(fh, start: int, length: int) -> Iterator[bytes]:
    try:
        if start:
            fh.seek(start)
        remaining = length
        while remaining > 0:
            chunk = fh.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        fh.close()


def download_file(request, dataset_id: int, file_id: int):
    user = _user(request)
    placement = (
        DatasetFile.objects.select_related("blob")
        .filter(pk=file_id, dataset_id=dataset_id, dataset__in=Dataset.objects.visible_to(user))
        .first()
    )
    if placement is None:
        raise Http404("Not found.")
    blob = placement.blob
    filename = placement.path.rsplit("/", 1)[-1]
    if objectstore.s3() is not None:
        return _redirect(
            objectstore.download_url(
                blob.storage_name, filename_header=content_disposition_header(True, filename)
            )
        )
    if data_urls.enabled():
        return _redirect(
            data_urls.file_url(request, user=user, sha256=blob.sha256, size=blob.size, filename=filename)
        )
    size = blob.size
    ranged = blobs.local_path(blob) is not None
    asked = _requested_range(request, size, f'"{blob.sha256}"') if ranged else None
    if isinstance(asked, JsonResponse):
        return asked
    start, end = asked or (0, size - 1)
    status = 206 if asked else 200
    length = end - start + 1 if size else 0
    fh = blobs.open_blob(blob)
    _release_connection()
    response = StreamingHttpResponse(_aiter(_read_file(fh, start, length)), status=status)
    response["Content-Type"] = "application/octet-stream"
    response["Content-Length"] = str(length)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Accept-Ranges"] = "bytes" if ranged else "none"
    response["ETag"] = f'"{blob.sha256}"'
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


def requested_range(range_header: str, if_range: str | None, size: int, etag: str) -> tuple[int, int] | None:
    """The range a request's ``Range`` and ``If-Range`` ask for (None: all of it; an If-Range that no
    longer matches gets everything); raises ``Unsatisfiable``. Shared with the data plane."""
    if not range_header or (if_range is not None and if_range != etag):
        return None
    return _byte_range(range_header, size)


def _requested_range(request, size: int, etag: str) -> tuple[int, int] | JsonResponse | None:
    """The range to send (None: all of it), or the 416 answer."""
    try:
        return requested_range(request.headers.get("Range", ""), request.headers.get("If-Range"), size, etag)
    except Unsatisfiable:
        return _unsatisfiable(size)


def _release_connection() -> None:
    """The response streams after the view returns; it must not hold a database connection meanwhile.

    Inside a transaction (ATOMIC_REQUESTS, or a test) the connection is not ours to close.
    """
    if not connection.in_atomic_block:
        connection.close()


def _unsatisfiable(size: int) -> JsonResponse:
    response = json_error(416, f"The range is not within the file's {size} bytes.")
    response["Content-Range"] = f"bytes */{size}"
    return response


def _opener(sha256: str, size: int):
    blob = Blob(sha256=sha256, size=size)
    return lambda offset: blobs.open_blob_at(blob, offset)


def dataset_zip(user_id: int, dataset_id: int) -> ZipLayout | None:
    """The zip of a dataset the user may see (None if not): its length known up front."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    dataset = Dataset.objects.visible_to(user).filter(pk=dataset_id).first() if user else None
    return _layout(dataset) if dataset is not None else None


def _layout(dataset: Dataset) -> ZipLayout:
    rows = list(
        DatasetFile.objects.filter(dataset=dataset)
        .order_by("path")
        .values_list("path", "blob__sha256", "blob__size", "blob__crc32", "created_at")
    )
    missing = {sha256: Blob(sha256=sha256, size=size) for _, sha256, size, crc, _ in rows if crc is None}
    # Blobs stored before CRC-32s were kept: read once now, kept for every later download.
    crcs = blobs.fill_crc32(missing.values()) if missing else {}
    return ZipLayout(
        Entry(
            path=path,
            size=size,
            crc32=crc if crc is not None else crcs[sha256],
            modified=created_at,
            open_at=_opener(sha256, size),
        )
        for path, sha256, size, crc, created_at in rows
    )


def _zip_name(dataset: Dataset) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", dataset.name).strip("_") or f"dataset-{dataset.pk}"
    return f"{name}.zip"


def download_dataset(request, dataset_id: int):
    """The dataset as a zip: its length known up front, Range honoured (``zipstream.ZipLayout``).
    With the data plane on, a redirect to it."""
    user = _user(request)
    dataset = Dataset.objects.visible_to(user).filter(pk=dataset_id).first()
    if dataset is None:
        raise Http404("Not found.")
    if data_urls.enabled():
        return _redirect(
            data_urls.zip_url(request, user=user, dataset_id=dataset.pk, filename=_zip_name(dataset))
        )
    layout = _layout(dataset)
    _release_connection()
    asked = _requested_range(request, layout.size, layout.etag)
    if isinstance(asked, JsonResponse):
        return asked
    start, end = asked or (0, layout.size - 1)
    response = StreamingHttpResponse(_aiter(layout.read(start, end)), status=206 if asked else 200)
    response["Content-Type"] = "application/zip"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = layout.etag
    if asked:
        response["Content-Range"] = f"bytes {start}-{end}/{layout.size}"
    response["Content-Disposition"] = content_disposition_header(True, _zip_name(dataset))
    return response


def _redirect(url: str) -> HttpResponseRedirect:
    """To a presigned URL made for this user and request: never cached, never shared."""
    _release_connection()
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    return response


def health(request):
    return JsonResponse({"status": "ok"})
