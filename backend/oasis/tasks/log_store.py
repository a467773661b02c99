"""Storing one batch of a task's log: its lines as chunks, the task's counters, the live event.

A batch is what the writer (``log_writer.LogWriter``) took from the container since its last flush.
It is stored in one transaction: ``TaskLogChunk`` rows (consecutive lines of one stream, cut after
about ``CHUNK_BYTES``), the task's counters and raw stream offsets (a worker that reattaches resumes
after exactly what was stored), and, on commit, one ``events.log_batch`` with the same runs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from django.db import transaction

from runners.base import Stream

from . import events
from .faults import LeaseLost, limit_idle_transaction
from .models import AlgorithmTask, TaskLogChunk

#: A stored chunk is cut after about this much text (reads by line then never load much more).
CHUNK_BYTES = 64 * 1024

#: One run of a batch: (stream, complete lines, raw bytes consumed from the stream); lines of None is
#: output dropped past the cap (consumed, never stored).
Pending = tuple[str, list[str] | None, int]


@dataclass(frozen=True)
class StoredLog:
    """How much of a task's log is stored: the counters on its row (same names) that each batch advances."""

    log_line_count: int
    log_chunk_count: int
    log_bytes: int
    log_dropped_bytes: int
    log_stdout_offset: int
    log_stderr_offset: int

    @classmethod
    def of(cls, task: AlgorithmTask) -> StoredLog:
        return cls(**{f.name: getattr(task, f.name) for f in fields(cls)})


def store_batch(
    task_id: int, batch: list[Pending], stored: StoredLog, *, dropped_bytes: int, executor: str | None
) -> StoredLog:
    """Store ``batch`` after ``stored``; returns what is stored then.

    With an ``executor``, only while it holds the task (``AlgorithmTask.worker``): one that lost its
    lease can never write into the log of the worker that took over (``LeaseLost``).
    """
    first_line = index = stored.log_line_count
    seq = stored.log_chunk_count
    offsets = {Stream.STDOUT: stored.log_stdout_offset, Stream.STDERR: stored.log_stderr_offset}
    size = 0
    chunks: list[TaskLogChunk] = []
    runs: list[tuple[str, str]] = []  # what subscribers get: (stream, the chunk's text)
    run_stream, run_lines, run_size = None, [], 0

    def cut() -> None:
        nonlocal seq, size
        text = "\n".join(run_lines)
        chunks.append(
            TaskLogChunk(
                task_id=task_id,
                seq=seq,
                stream=run_stream,
                first_line=index - len(run_lines),
                line_count=len(run_lines),
                text=text,
            )
        )
        runs.append((run_stream, text))
        seq += 1
        size += (len(text) if text.isascii() else len(text.encode())) + 1

    for stream, lines, consumed in batch:
        if stream in (Stream.STDOUT, Stream.STDERR):
            offsets[Stream(stream)] += consumed
        if not lines:
            continue
        if run_lines and (stream != run_stream or run_size >= CHUNK_BYTES):
            cut()
            run_lines, run_size = [], 0
        run_stream = stream
        if run_lines:
            run_lines.extend(lines)
        else:
            run_lines = list(lines)
        run_size += consumed if consumed else sum(len(x) + 1 for x in lines)
        index += len(lines)
    if run_lines:
        cut()
    after = replace(
        stored,
        log_line_count=index,
        log_chunk_count=seq,
        log_bytes=stored.log_bytes + size,
        log_dropped_bytes=dropped_bytes,
        log_stdout_offset=offsets[Stream.STDOUT],
        log_stderr_offset=offsets[Stream.STDERR],
    )
    with transaction.atomic():
        limit_idle_transaction()
        owned = AlgorithmTask.objects.filter(pk=task_id)
        if executor is not None:
            # Row lock first, then the chunks: a takeover (which sets ``worker``) is either wholly
            # before this batch or wholly after it.
            owned = owned.filter(worker=executor)
            if not owned.select_for_update().exists():
                raise LeaseLost(f"task {task_id} is no longer held by {executor}")
        TaskLogChunk.objects.bulk_create(chunks)
        owned.update(**asdict(after))
        if runs:
            transaction.on_commit(lambda: events.log_batch(task_id, first_line, runs))
    return after
