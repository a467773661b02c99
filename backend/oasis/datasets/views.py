"""Plain-HTTP downloads: one file (with Range) or a whole dataset as a zip streamed on the fly.

Both check ownership exactly like the GraphQL API (session or API token) and answer 404 for anything
the user may not see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from oasis.http_errors import json_error

from . import blobs
from .models import Dataset, DatasetFile
from .zipstream import stream_zip

CHUNK = 256 * 1024
_RANGE_SPEC = re.compile(r"^(\d*)-(\d*)$")


class _Unsatisfiable(Exception):
    pass


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte a ``Range`` header asks for, or None to send the whole file.

    Per RFC 9110 an unknown unit is ignored, and so is a request for several ranges (we do not send
    multipart/byteranges); a malformed or unsatisfiable byte range raises ``_Unsatisfiable``.
    """
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    match = _RANGE_SPEC.match(spec.strip())
    if match is None or not any(match.groups()):
        raise _Unsatisfiable
    first, last = match.groups()
    if first:
        start = int(first)
        if last and int(last) < start:
            raise _Unsatisfiable
        end = min(int(last), size - 1) if last else size - 1
    else:  # the last N bytes
        if int(last) == 0:
            raise _Unsatisfiable
        start, end = max(0, size - int(last)), size - 1
    if start >= size:
        raise _Unsatisfiable
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
    size = blob.size
    start, end, status = 0, size - 1, 200
    ranged = blobs.local_path(blob) is not None
    header = request.headers.get("Range", "")
    if header and ranged and request.headers.get("If-Range", f'"{blob.sha256}"') == f'"{blob.sha256}"':
        try:
            asked = _byte_range(header, size)
        except _Unsatisfiable:
            return _unsatisfiable(size)
        if asked is not None:
            (start, end), status = asked, 206
    length = end - start + 1 if size else 0
    fh = blobs.open_blob(blob)
    _release_connection()
    response = StreamingHttpResponse(_aiter(_read_file(fh, start, length)), status=status)
    response["Content-Type"] = "application/octet-stream"
    response["Content-Length"] = str(length)
    response["Content-Disposition"] = content_disposition_header(True, placement.path.rsplit("/", 1)[-1])
    response["Accept-Ranges"] = "bytes" if ranged else "none"
    response["ETag"] = f'"{blob.sha256}"'
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


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


def download_dataset(request, dataset_id: int):
    user = _user(request)
    dataset = Dataset.objects.visible_to(user).filter(pk=dataset_id).first()
    if dataset is None:
        raise Http404("Not found.")
    placements = list(
        DatasetFile.objects.filter(dataset=dataset)
        .select_related("blob")
        .order_by("path")
        .values_list("path", "blob__sha256", "blob__size")
    )
    _release_connection()

    def entries():
        from .models import Blob

        for path, sha256, size in placements:
            blob = Blob(sha256=sha256, size=size)
            yield path, size, (lambda b=blob: blobs.open_blob(b))

    response = StreamingHttpResponse(_aiter(stream_zip(entries())), content_type="application/zip")
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", dataset.name).strip("_") or f"dataset-{dataset.pk}"
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.zip")
    return response


def health(request):
    return JsonResponse({"status": "ok"})
