"""``PUT /api/uploads/<session>/parts/<n>``: one part of a resumable upload, as the raw request body.

The body is exactly the part's bytes (``Content-Length`` must equal the part's size; no multipart, no
chunked encoding) and is written at the part's offset as it arrives (``oasis.raw_body``), in batches
on a thread so the server's loop keeps receiving. The part counts only once its last byte is written:
a dropped connection leaves it missing, and the client sends it again. Sending a part again replaces
it. Authentication as for any request (session with its CSRF header, or API token); the session must
be the user's own (else 404).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

from oasis.errors import NotFound, ValidationError
from oasis.http_errors import json_error
from oasis.raw_body import body_chunks

from . import resumable

#: Bytes gathered before one write on the thread: few thread hops, little memory per part in flight.
BATCH = 8 * 1024 * 1024


def _user(request):
    user = request.user
    return user if user.is_authenticated else None


def _content_length(request) -> int | None:
    raw = request.headers.get("Content-Length", "")
    return int(raw) if raw.isdigit() else None


async def write_part_body(writer, chunks: AsyncIterator[bytes], *, batch_bytes: int) -> bool:
    """Write a part's body through ``writer`` as it arrives: batches of ``batch_bytes`` written on a
    thread while the next batch is received. False if the body is longer than the part (nothing more
    is read). Used here and by the data plane."""
    pending: asyncio.Future | None = None
    batch: list[bytes] = []
    held = 0
    try:
        async for chunk in chunks:
            batch.append(chunk)
            held += len(chunk)
            if held >= batch_bytes:
                if pending is not None:
                    await pending
                pending = asyncio.ensure_future(asyncio.to_thread(writer.write, batch))
                batch, held = [], 0
        if pending is not None:
            await pending
            pending = None
        if batch:
            await asyncio.to_thread(writer.write, batch)
    except ValueError:  # more bytes than the part holds
        return False
    finally:
        if pending is not None:
            await asyncio.gather(pending, return_exceptions=True)
    return True


@require_http_methods(["PUT"])
async def put_part(request, session_id: str, number: int):
    length = _content_length(request)
    if length is None:
        return json_error(411, "Send the part with a Content-Length (no chunked encoding).")
    user = await sync_to_async(_user)(request)
    try:
        writer = await sync_to_async(resumable.open_part)(
            user=user, session_id=session_id, number=number, length=length
        )
    except NotFound as exc:
        return json_error(404, str(exc.args[0]) if exc.args else "Not found.")
    except resumable.UploadConflict as exc:
        return json_error(409, " ".join(exc.messages))
    except ValidationError as exc:
        return json_error(400, " ".join(exc.messages))
    try:
        complete = await write_part_body(writer, body_chunks(request), batch_bytes=BATCH)
    finally:
        writer.close()
    if not complete:
        return json_error(400, f"Part {number} is longer than its {writer.length} bytes.")
    if writer.written != writer.length:
        return json_error(400, f"Part {number} ended after {writer.written} of its {writer.length} bytes.")
    await sync_to_async(resumable.record_part)(session_id=session_id, number=number, size=writer.written)
    return JsonResponse({"part": number, "size": writer.written})
