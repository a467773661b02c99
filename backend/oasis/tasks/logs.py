"""A task's log: batched, append-only writing while the container runs, and reading by line.

The runner hands raw bytes of each stream to ``LogWriter.write``, on its log-reading thread; complete
lines are buffered there and stored by a flusher thread of the writer's own, one transaction per flush
(never a write per line), so reading the container's output and writing the database overlap. A flush
is due when 64 KB are waiting, or 100 ms after the previous flush: a line after a quiet spell is stored
at once, a steady stream in batches. Each flush updates the task's counters and raw stream offsets in
the same transaction, so a worker that reattaches resumes after exactly what was stored, and it
publishes the batch once, on commit.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Coalesce

from runners.base import Stream

from . import events
from .faults import LeaseLost, limit_idle_transaction, with_db_retry
from .models import AlgorithmTask, LogStream, TaskLogChunk

log = logging.getLogger(__name__)

#: The shortest time between two flushes: lines of a steady stream wait at most this long.
FLUSH_INTERVAL_S = 0.1
#: A flush is due as soon as this much text waits, however recent the last one.
FLUSH_BYTES = 64 * 1024
#: The reading thread waits (back-pressure on the container's output) while this much text waits for
#: the database.
MAX_PENDING_BYTES = 8 * 2**20
#: A stored chunk is cut after about this much text (reads by line then never load much more).
CHUNK_BYTES = 64 * 1024
#: A line longer than this is cut; the rest continues as the next line.
MAX_LINE_BYTES = 64 * 1024
REPLACEMENT = "\ufffd"


def _outage_s() -> float:
    return settings.OASIS_DB_OUTAGE_S


@dataclass(frozen=True)
class LogLine:
    index: int
    stream: str
    text: str


def decode_line(raw: bytes) -> str:
    """Invalid UTF-8 and NUL become U+FFFD; a trailing carriage return is dropped."""
    text = raw.decode("utf-8", errors="replace").replace("\x00", REPLACEMENT)
    return text[:-1] if text.endswith("\r") else text


def decode_lines(block: bytes) -> list[str]:
    """``decode_line`` of each line of ``block`` (complete lines, ending with a newline), in one pass.

    A newline byte never occurs inside a UTF-8 sequence, so decoding the block at once replaces
    exactly what decoding each line would.
    """
    text = block.decode("utf-8", errors="replace")
    if "\x00" in text:
        text = text.replace("\x00", REPLACEMENT)
    lines = text.split("\n")
    lines.pop()  # after the last newline
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    return lines


class LogWriter:
    """Implements the runner's ``LogSink`` for one task."""

    def __init__(self, task: AlgorithmTask, *, max_bytes: int, executor: str | None = None):
        self.task_id = task.pk
        #: When set, a flush stores only while this executor holds the task (``AlgorithmTask.worker``):
        #: one that lost its lease can never write into the log of the worker that took over.
        self.executor = executor
        self._lost = False
        self._failing_since: float | None = None
        self.max_bytes = max_bytes
        self._line_count = task.log_line_count
        self._seq = task.log_chunk_count
        self._stored_bytes = task.log_bytes
        self._dropped = task.log_dropped_bytes
        self._offsets = {Stream.STDOUT: task.log_stdout_offset, Stream.STDERR: task.log_stderr_offset}
        self._partial = {Stream.STDOUT: b"", Stream.STDERR: b""}
        #: Runs of complete lines waiting for a flush: (stream, lines, raw bytes consumed from the
        #: stream); lines of None is output dropped past the cap.
        self._pending: list[tuple[str, list[str] | None, int]] = []
        self._pending_bytes = 0
        self._last_flush = 0.0
        self._truncation_noted = self._dropped > 0
        #: Guards the buffer; the flusher waits on it for work, the reader for room.
        self._cond = threading.Condition()
        self._flush_lock = threading.Lock()
        self._stop = False
        self._flush_error: Exception | None = None
        self._thread = threading.Thread(
            target=self._flush_periodically, name=f"log-{self.task_id}", daemon=True
        )
        self._thread.start()

    # --- LogSink ---------------------------------------------------------------------------------
    def write(self, stream: Stream, data: bytes) -> None:
        stream = Stream(stream)
        with self._cond:
            buf = self._partial[stream] + data if self._partial[stream] else data
            end = buf.rfind(b"\n") + 1
            if end:
                self._take_block(stream, buf[:end])
            rest = buf[end:]
            while len(rest) > MAX_LINE_BYTES:
                self._take_line(stream, rest[:MAX_LINE_BYTES], MAX_LINE_BYTES)
                rest = rest[MAX_LINE_BYTES:]
            self._partial[stream] = rest
            if self._pending_bytes >= FLUSH_BYTES:
                self._cond.notify_all()
            while self._pending_bytes >= MAX_PENDING_BYTES and not self._stop:
                if self._lost:
                    raise LeaseLost(f"task {self.task_id} was taken over by another worker")
                # Back-pressure while the database is away; gone past the outage budget: the task fails.
                failing = self._failing_since
                if self._flush_error is not None and failing and time.monotonic() - failing > _outage_s():
                    raise self._flush_error
                self._cond.wait(1.0)
            if self._lost:
                raise LeaseLost(f"task {self.task_id} was taken over by another worker")

    def note(self, text: str) -> None:
        with self._cond:
            for line in text.splitlines() or [""]:
                self._append(LogStream.SYSTEM, [line], 0)

    # --- buffering (under self._cond) ------------------------------------------------------------
    def _append(self, stream: str, lines: list[str] | None, consumed: int, size: int | None = None) -> None:
        if not self._pending:
            self._cond.notify_all()  # the flusher times the first waiting line
        self._pending.append((stream, lines, consumed))
        if lines is not None:
            self._pending_bytes += sum(len(x) + 1 for x in lines) if size is None else size

    def _take_block(self, stream: Stream, block: bytes) -> None:
        """Complete lines: at once when they fit under the cap and none is overlong, else one by one."""
        fits = self._stored_bytes + self._pending_bytes + len(block) <= self.max_bytes
        if fits and (len(block) <= MAX_LINE_BYTES or max(map(len, block.split(b"\n"))) <= MAX_LINE_BYTES):
            self._append(stream.value, decode_lines(block), len(block), len(block))
            return
        start = 0
        while (newline := block.find(b"\n", start)) != -1:
            while newline - start > MAX_LINE_BYTES:
                self._take_line(stream, block[start : start + MAX_LINE_BYTES], MAX_LINE_BYTES)
                start += MAX_LINE_BYTES
            self._take_line(stream, block[start:newline], newline + 1 - start)
            start = newline + 1

    def _take_line(self, stream: Stream, raw: bytes, consumed: int) -> None:
        size = len(raw) + 1
        if self._stored_bytes + self._pending_bytes + size > self.max_bytes:
            self._drop(stream, consumed)
            return
        self._append(stream.value, [decode_line(raw)], consumed)

    def _drop(self, stream: Stream, consumed: int) -> None:
        self._dropped += consumed
        # Dropped bytes still count as consumed (no lines are stored), so a reattaching worker does
        # not read them again.
        self._append(stream.value, None, consumed)
        if not self._truncation_noted:
            self._truncation_noted = True
            limit_mb = self.max_bytes / 2**20
            self._append(
                LogStream.SYSTEM,
                [f"[oasis] The log reached its limit of {limit_mb:g} MB; further output is dropped."],
                0,
            )

    # --- flushing --------------------------------------------------------------------------------
    def _due_in(self) -> float | None:
        """Seconds until a flush is due (0: now), or None with nothing waiting."""
        if not self._pending:
            return None
        if self._pending_bytes >= FLUSH_BYTES:
            return 0.0
        return max(0.0, self._last_flush + FLUSH_INTERVAL_S - time.monotonic())

    def _flush_periodically(self) -> None:
        """The flusher thread: one database connection for the writer's life, kept between flushes."""
        try:
            while True:
                with self._cond:
                    while not self._stop and (wait := self._due_in()) != 0.0:
                        self._cond.wait(wait)
                    if self._stop:
                        return
                try:
                    self.flush()
                except LeaseLost:
                    log.warning("Task %s: taken over by another worker; its log is theirs now", self.task_id)
                    with self._cond:
                        self._lost = True
                        self._pending, self._pending_bytes = [], 0
                        self._cond.notify_all()
                    return
                except Exception as exc:  # keep capturing; the next flush retries the same lines
                    log.exception("Flushing the log of task %s failed", self.task_id)
                    with self._cond:
                        self._flush_error = exc
                        if self._failing_since is None:
                            self._failing_since = time.monotonic()
                        self._cond.notify_all()
                    connection.close()  # it may be broken: the next flush connects again
                    with self._cond:
                        self._cond.wait_for(lambda: self._stop, timeout=FLUSH_INTERVAL_S * 5)
                else:
                    with self._cond:
                        self._flush_error = None
                        self._failing_since = None
                        self._cond.notify_all()  # room for a reader waiting on a full buffer
        finally:
            connection.close()

    def flush(self) -> None:
        with self._flush_lock:
            with self._cond:
                self._last_flush = time.monotonic()
                if not self._pending:
                    return
                batch, self._pending, self._pending_bytes = self._pending, [], 0
            try:
                self._store(batch)
            except Exception:
                with self._cond:  # put the batch back in front, in order
                    self._pending[:0] = batch
                    self._pending_bytes += sum(
                        sum(len(x) + 1 for x in lines) for _, lines, _ in batch if lines is not None
                    )
                raise

    def _store(self, batch: list[tuple[str, list[str] | None, int]]) -> None:
        first_line = index = self._line_count
        seq = self._seq
        offsets = dict(self._offsets)
        stored = 0
        chunks: list[TaskLogChunk] = []
        runs: list[tuple[str, str]] = []  # what subscribers get: (stream, the chunk's text)
        run_stream, run_lines, run_size = None, [], 0

        def cut() -> None:
            nonlocal seq, stored
            text = "\n".join(run_lines)
            chunks.append(
                TaskLogChunk(
                    task_id=self.task_id,
                    seq=seq,
                    stream=run_stream,
                    first_line=index - len(run_lines),
                    line_count=len(run_lines),
                    text=text,
                )
            )
            runs.append((run_stream, text))
            seq += 1
            stored += (len(text) if text.isascii() else len(text.encode())) + 1

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
        with transaction.atomic():
            limit_idle_transaction()
            owned = AlgorithmTask.objects.filter(pk=self.task_id)
            if self.executor is not None:
                # Row lock first, then the chunks: a takeover (which sets ``worker``) is either wholly
                # before this batch or wholly after it.
                owned = owned.filter(worker=self.executor)
                if not owned.select_for_update().exists():
                    raise LeaseLost(f"task {self.task_id} is no longer held by {self.executor}")
            TaskLogChunk.objects.bulk_create(chunks)
            owned.update(
                log_line_count=index,
                log_chunk_count=seq,
                log_bytes=self._stored_bytes + stored,
                log_dropped_bytes=self._dropped,
                log_stdout_offset=offsets[Stream.STDOUT],
                log_stderr_offset=offsets[Stream.STDERR],
            )
            task_id = self.task_id
            if runs:
                transaction.on_commit(lambda: events.log_batch(task_id, first_line, runs))
        self._line_count, self._seq, self._stored_bytes, self._offsets = (
            index,
            seq,
            self._stored_bytes + stored,
            offsets,
        )

    def close(self) -> None:
        """Flush everything, including a last line without a newline, and stop the flusher."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout=10)
        with self._cond:
            for stream in (Stream.STDOUT, Stream.STDERR):
                rest = self._partial[stream]
                if rest:
                    self._partial[stream] = b""
                    self._take_line(stream, rest, len(rest))
            if self._dropped and self._truncation_noted:
                self._append(LogStream.SYSTEM, [f"[oasis] {self._dropped} bytes of output were dropped."], 0)
        if self._lost:
            raise LeaseLost(f"task {self.task_id} was taken over by another worker")
        close_old_connections()  # the caller's connection may have outlived the database's patience
        with_db_retry(self.flush, what=f"storing the end of the log of task {self.task_id}")

    def abandon(self) -> None:
        """Stop without storing what waits: the task's log belongs to another executor now."""
        with self._cond:
            self._stop = True
            self._lost = True
            self._pending, self._pending_bytes = [], 0
            self._cond.notify_all()
        self._thread.join(timeout=10)


# --- reading -------------------------------------------------------------------------------------
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
    chunks = TaskLogChunk.objects.filter(
        task_id=task_id,
        first_line__gte=Coalesce(Subquery(start), Value(0)),
        first_line__lt=from_line + limit,
    ).order_by("first_line")
    out: list[LogLine] = []
    for chunk in chunks:
        for offset, text in enumerate(chunk.lines()):
            index = chunk.first_line + offset
            if index < from_line:
                continue
            if len(out) >= limit:
                return out
            out.append(LogLine(index=index, stream=chunk.stream, text=text))
    return out


def container_output(task_id: int) -> str:
    """The container's output (stdout and stderr in capture order) as one text; no platform lines."""
    parts = []
    for chunk in (
        TaskLogChunk.objects.filter(task_id=task_id).exclude(stream=LogStream.SYSTEM).order_by("seq")
    ):
        parts.append(chunk.text)
        parts.append("\n")
    return "".join(parts)
