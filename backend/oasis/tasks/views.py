"""Plain-HTTP download of a task's whole stored log, streamed from its chunks.

``GET /api/tasks/<id>/log`` checks ownership as the GraphQL API does (session or API token; 404 for a
task you may not see) and answers ``text/plain``. It sends what is stored when the request comes: for a
running task the download ends at once with the lines stored so far, never waiting for the task.

Query parameters (an unknown value is a JSON 400):

- ``streams``: comma-separated ``stdout``, ``stderr``, ``system`` (default: all three, as the viewer);
  ``streams=stderr`` is the stderr-only log.
- ``labels=1``: each line starts with its stream in brackets (``[stderr] ...``).
- ``ansi=strip``: ANSI escape sequences (colours, cursor moves) removed; ``keep`` (default) as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from asgiref.sync import sync_to_async
from django.http import Http404, StreamingHttpResponse
from django.utils.http import content_disposition_header

from oasis.datasets.views import _user
from oasis.http_errors import json_error

from .models import AlgorithmTask, LogStream, TaskLogChunk

#: Chunks (up to 64 KB of text each) read per query.
_BATCH = 64
#: CSI (colours, cursor), OSC (titles, links; ended by BEL or ST) and the two-character escapes.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
_STREAMS = [LogStream.STDOUT.value, LogStream.STDERR.value, LogStream.SYSTEM.value]


class _BadRequest(ValueError):
    pass


def _options(query) -> tuple[list[str], bool, bool]:
    streams = [s.strip() for s in query.get("streams", ",".join(_STREAMS)).split(",") if s.strip()]
    unknown = [s for s in streams if s not in _STREAMS]
    if unknown or not streams:
        raise _BadRequest(f"streams is a comma-separated list of {', '.join(_STREAMS)}.")
    labels = query.get("labels", "0")
    if labels not in ("0", "1", "true", "false"):
        raise _BadRequest("labels is 1 or 0.")
    ansi = query.get("ansi", "keep")
    if ansi not in ("keep", "strip"):
        raise _BadRequest("ansi is keep or strip.")
    return streams, labels in ("1", "true"), ansi == "strip"


def _chunks(task_id: int, *, below_seq: int, streams: list[str]) -> Iterator[tuple[str, str]]:
    """(stream, text) of the chunks stored before ``below_seq``, in capture order, a batch per query."""
    for seq in range(0, below_seq, _BATCH):
        yield from (
            TaskLogChunk.objects.filter(
                task_id=task_id, seq__gte=seq, seq__lt=min(seq + _BATCH, below_seq), stream__in=streams
            )
            .order_by("seq")
            .values_list("stream", "text")
        )


async def _aiter(iterator: Iterator[bytes]):
    """Serve a blocking iterator that reads the database from an async server.

    On the sync thread (``thread_sensitive``), as Django runs views: each pull is one short query
    and the thread's connection is the request's, handled by Django as for any view.
    """
    sentinel = object()
    pull = sync_to_async(lambda: next(iterator, sentinel), thread_sensitive=True)
    while (block := await pull()) is not sentinel:
        yield block


def _render(chunks: Iterator[tuple[str, str]], *, labels: bool, strip_ansi: bool) -> Iterator[bytes]:
    for stream, text in chunks:
        if strip_ansi and "\x1b" in text:
            text = _ANSI.sub("", text)
        if labels:
            prefix = f"[{stream}] "
            text = prefix + text.replace("\n", "\n" + prefix)
        yield (text + "\n").encode()


def download_log(request, task_id: int):
    user = _user(request)
    try:
        streams, labels, strip_ansi = _options(request.GET)
    except _BadRequest as exc:
        return json_error(400, str(exc))
    task = AlgorithmTask.objects.visible_to(user).filter(pk=task_id).values("log_chunk_count").first()
    if task is None:
        raise Http404("Not found.")
    # Bounded by what is stored now: chunks a running task adds meanwhile are not waited for.
    body = _render(
        _chunks(task_id, below_seq=task["log_chunk_count"], streams=streams),
        labels=labels,
        strip_ansi=strip_ansi,
    )
    response = StreamingHttpResponse(_aiter(body))
    response["Content-Type"] = "text/plain; charset=utf-8"
    response["Content-Disposition"] = content_disposition_header(True, f"task-{task_id}.log")
    response["Cache-Control"] = "private, no-store"
    return response
