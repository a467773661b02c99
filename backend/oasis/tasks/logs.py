"""Reading a task's stored log by line, and the lines of a run of stored text.

The log is stored as chunks (``TaskLogChunk``: consecutive lines of one stream, written by
``log_store.store_batch``); the live events carry the same runs. Lines are numbered from 0 across
the whole log, whatever their stream.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce

from .models import LogStream, TaskLogChunk


@dataclass(frozen=True)
class LogLine:
    index: int
    stream: str
    text: str


def lines_of_runs(runs: Iterable[tuple[str, str]], *, start: int, from_line: int = 0) -> list[LogLine]:
    """The lines from index ``from_line`` on of ``runs`` (``(stream, lines joined by "\n")``) whose
    first line is line ``start`` of the log."""
    out: list[LogLine] = []
    index = start
    for stream, text in runs:
        texts = text.split("\n")
        if index + len(texts) > from_line:
            skip = max(0, from_line - index)
            out += [LogLine(index=index + k, stream=stream, text=t) for k, t in enumerate(texts[skip:], skip)]
        index += len(texts)
    return out


def read_lines(task_id: int, *, from_line: int = 0, limit: int = 1000) -> list[LogLine]:
    """Lines ``from_line`` .. ``from_line + limit - 1`` of a task's log (fewer at the end)."""
    if limit <= 0:
        return []
    from_line = max(0, from_line)
    # One statement, so one snapshot: as two queries, a batch committed between them showed its later
    # chunk without the earlier one (a subscriber saw a gap).
    start = (
        TaskLogChunk.objects.filter(task_id=task_id, first_line__lte=from_line)
        .order_by("-first_line")
        .values("first_line")[:1]
    )
    chunks = list(
        TaskLogChunk.objects.filter(
            task_id=task_id,
            first_line__gte=Coalesce(Subquery(start), Value(0)),
            first_line__lt=from_line + limit,
        ).order_by("first_line")
    )
    if not chunks:
        return []
    runs = ((chunk.stream, chunk.text) for chunk in chunks)
    return lines_of_runs(runs, start=chunks[0].first_line, from_line=from_line)[:limit]


def container_output(task_id: int) -> str:
    """The container's output (stdout and stderr in capture order) as one text; no platform lines."""
    parts = []
    for chunk in (
        TaskLogChunk.objects.filter(task_id=task_id).exclude(stream=LogStream.SYSTEM).order_by("seq")
    ):
        parts.append(chunk.text)
        parts.append("\n")
    return "".join(parts)
