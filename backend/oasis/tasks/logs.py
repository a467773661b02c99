"""Reading a task's stored log by line, and cutting runs of lines by line index.

The log is stored as chunks (``TaskLogChunk``: consecutive lines of one stream, written by
``log_store.store_batch``); the live events carry the same runs. Lines are numbered from 0 across
the whole log, whatever their stream. A batch keeps the runs shape from the writer to the wire:
``read_runs`` and the live path cut runs with ``cut_runs``; lines are made of them only when asked.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce

from .models import LogStream, TaskLogChunk

#: Consecutive lines of one stream: ``(stream, the lines joined by "\n")``, at least one line (a line
#: never holds a newline, so an empty text is one empty line).
Run = tuple[str, str]


@dataclass(frozen=True)
class LogLine:
    index: int
    stream: str
    text: str


def line_count(runs: Iterable[Run]) -> int:
    """How many lines ``runs`` hold."""
    return sum(text.count("\n") + 1 for _, text in runs)


def cut_runs(runs: Iterable[Run], *, start: int, from_line: int = 0, limit: int | None = None) -> list[Run]:
    """Lines ``from_line`` .. ``from_line + limit - 1`` (to the end without ``limit``) of ``runs``,
    whose first line is line ``start`` of the log, still as runs: a run cut inside keeps its lines in
    range, a run wholly outside is left out. Before ``start`` there is nothing: the result then
    begins at line ``start``."""
    end = None if limit is None else from_line + limit
    out: list[Run] = []
    index = start
    for stream, text in runs:
        if end is not None and index >= end:
            break
        count = text.count("\n") + 1
        first = max(0, from_line - index)  # of this run's lines, the first and past the last kept
        last = count if end is None else min(count, end - index)
        if first < last:
            out.append((stream, text if (first, last) == (0, count) else _lines_of(text, first, last, count)))
        index += count
    return out


def _lines_of(text: str, first: int, last: int, count: int) -> str:
    """Lines ``first`` .. ``last - 1`` of a run's ``text`` of ``count`` lines, found without splitting it."""
    begin = _after_lines(text, first, 0)
    return text[begin:] if last == count else text[begin : _after_lines(text, last - first, begin) - 1]


def _after_lines(text: str, n: int, at: int) -> int:
    """Where the line ``n`` lines after the one starting at ``at`` starts (it exists)."""
    for _ in range(n):
        at = text.index("\n", at) + 1
    return at


def merge_runs(runs: Iterable[Run]) -> list[Run]:
    """``runs`` with neighbours of one stream joined into one run (two stored chunks, two live batches)."""
    return [
        (stream, "\n".join(text for _, text in group))
        for stream, group in itertools.groupby(runs, itemgetter(0))
    ]


def lines_of_runs(
    runs: Iterable[Run], *, start: int, from_line: int = 0, limit: int | None = None
) -> list[LogLine]:
    """The lines of ``cut_runs(runs, ...)`` one by one, with their indexes in the log."""
    out: list[LogLine] = []
    index = max(start, from_line)
    for stream, text in cut_runs(runs, start=start, from_line=from_line, limit=limit):
        for line in text.split("\n"):
            out.append(LogLine(index, stream, line))
            index += 1
    return out


def read_runs(task_id: int, *, from_line: int = 0, limit: int = 1000) -> list[Run]:
    """Lines ``from_line`` .. ``from_line + limit - 1`` of a task's log (fewer at the end) as runs of one
    stream, neighbours of one stream joined; the first run begins at line ``from_line``."""
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
        )
        .order_by("first_line")
        .values_list("first_line", "stream", "text")
    )
    if not chunks:
        return []
    runs = ((stream, text) for _, stream, text in chunks)
    return merge_runs(cut_runs(runs, start=chunks[0][0], from_line=from_line, limit=limit))


def read_lines(task_id: int, *, from_line: int = 0, limit: int = 1000) -> list[LogLine]:
    """Lines ``from_line`` .. ``from_line + limit - 1`` of a task's log (fewer at the end), one by one."""
    return lines_of_runs(read_runs(task_id, from_line=from_line, limit=limit), start=max(0, from_line))


def container_output(task_id: int) -> str:
    """The container's output (stdout and stderr in capture order) as one text; no platform lines."""
    parts = []
    for chunk in (
        TaskLogChunk.objects.filter(task_id=task_id).exclude(stream=LogStream.SYSTEM).order_by("seq")
    ):
        parts.append(chunk.text)
        parts.append("\n")
    return "".join(parts)
