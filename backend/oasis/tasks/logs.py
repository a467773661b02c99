"""A task's log: batched, append-only writing while the container runs, and reading by line.

The runner hands raw bytes of each stream to ``LogWriter.write``; complete lines are buffered and
flushed as chunks every ~150 ms or 64 KB, whichever comes first, one transaction per flush (never a
write per line). Each flush updates the task's counters and raw stream offsets in the same
transaction, so a worker that reattaches resumes after exactly what was stored, and it publishes the
batch once, on commit.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.db import close_old_connections, connection, transaction

from runners.base import Stream

from . import events
from .models import AlgorithmTask, LogStream, TaskLogChunk

log = logging.getLogger(__name__)

FLUSH_INTERVAL_S = 0.15
FLUSH_BYTES = 64 * 1024
#: A line longer than this is cut; the rest continues as the next line.
MAX_LINE_BYTES = 64 * 1024
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class LogLine:
    index: int
    stream: str
    text: str


def decode_line(raw: bytes) -> str:
    """Invalid UTF-8 and NUL become U+FFFD; a trailing carriage return is dropped."""
    text = raw.decode("utf-8", errors="replace").replace("\x00", REPLACEMENT)
    return text[:-1] if text.endswith("\r") else text


class LogWriter:
    """Implements the runner's ``LogSink`` for one task."""

    def __init__(self, task: AlgorithmTask, *, max_bytes: int):
        self.task_id = task.pk
        self.max_bytes = max_bytes
        self._line_count = task.log_line_count
        self._seq = task.log_chunk_count
        self._stored_bytes = task.log_bytes
        self._dropped = task.log_dropped_bytes
        self._offsets = {Stream.STDOUT: task.log_stdout_offset, Stream.STDERR: task.log_stderr_offset}
        self._partial = {Stream.STDOUT: b"", Stream.STDERR: b""}
        #: Complete lines waiting for a flush: (stream, text, raw bytes consumed from the stream);
        #: a text of None is output dropped past the cap.
        self._pending: list[tuple[str, str | None, int]] = []
        self._pending_bytes = 0
        self._oldest_pending = 0.0
        self._truncation_noted = self._dropped > 0
        self._buf_lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._flush_periodically, name=f"log-{self.task_id}", daemon=True
        )
        self._thread.start()

    # --- LogSink ---------------------------------------------------------------------------------
    def write(self, stream: Stream, data: bytes) -> None:
        stream = Stream(stream)
        flush_now = False
        with self._buf_lock:
            buf = self._partial[stream] + data
            start = 0
            while True:
                newline = buf.find(b"\n", start)
                if newline == -1:
                    break
                while newline - start > MAX_LINE_BYTES:
                    self._take_line(stream, buf[start : start + MAX_LINE_BYTES], MAX_LINE_BYTES)
                    start += MAX_LINE_BYTES
                self._take_line(stream, buf[start:newline], newline + 1 - start)
                start = newline + 1
            rest = buf[start:]
            while len(rest) > MAX_LINE_BYTES:
                self._take_line(stream, rest[:MAX_LINE_BYTES], MAX_LINE_BYTES)
                rest = rest[MAX_LINE_BYTES:]
            self._partial[stream] = rest
            flush_now = self._pending_bytes >= FLUSH_BYTES
        if flush_now:
            self.flush()

    def note(self, text: str) -> None:
        with self._buf_lock:
            for line in text.splitlines() or [""]:
                self._append(LogStream.SYSTEM, line, 0)

    # --- buffering -------------------------------------------------------------------------------
    def _append(self, stream: str, text: str, consumed: int) -> None:
        if not self._pending:
            self._oldest_pending = time.monotonic()
        self._pending.append((stream, text, consumed))
        self._pending_bytes += len(text) + 1

    def _take_line(self, stream: Stream, raw: bytes, consumed: int) -> None:
        size = len(raw) + 1
        if self._stored_bytes + self._pending_bytes + size > self.max_bytes:
            self._drop(stream, consumed)
            return
        self._append(stream.value, decode_line(raw), consumed)

    def _drop(self, stream: Stream, consumed: int) -> None:
        self._dropped += consumed
        # Dropped bytes still count as consumed (a text of None stores no line), so a reattaching
        # worker does not read them again.
        self._pending.append((stream.value, None, consumed))
        if not self._truncation_noted:
            self._truncation_noted = True
            limit_mb = self.max_bytes / 2**20
            self._append(
                LogStream.SYSTEM,
                f"[oasis] The log reached its limit of {limit_mb:g} MB; further output is dropped.",
                0,
            )

    # --- flushing --------------------------------------------------------------------------------
    def _flush_periodically(self) -> None:
        try:
            while not self._stop.wait(FLUSH_INTERVAL_S / 3):
                with self._buf_lock:
                    due = self._pending and time.monotonic() - self._oldest_pending >= FLUSH_INTERVAL_S
                if due:
                    try:
                        self.flush()
                    except Exception:  # keep capturing; the next flush retries the same lines
                        log.exception("Flushing the log of task %s failed", self.task_id)
        finally:
            connection.close()

    def flush(self) -> None:
        with self._flush_lock:
            with self._buf_lock:
                if not self._pending:
                    return
                batch, self._pending, self._pending_bytes = self._pending, [], 0
            try:
                self._store(batch)
            except Exception:
                with self._buf_lock:  # put the batch back in front, in order
                    self._pending[:0] = batch
                    self._pending_bytes += sum(len(t) + 1 for _, t, _ in batch if t is not None)
                raise

    def _store(self, batch: list[tuple[str, str | None, int]]) -> None:
        close_old_connections()
        first_line = self._line_count
        chunks: list[TaskLogChunk] = []
        seq = self._seq
        offsets = dict(self._offsets)
        stored = 0
        index = first_line
        run_stream, run_lines, run_first = None, [], index
        lines_out: list[tuple[int, str, str]] = []
        for stream, text, consumed in batch:
            if stream in (Stream.STDOUT, Stream.STDERR):
                offsets[Stream(stream)] += consumed
            if text is None:
                continue
            if stream != run_stream and run_lines:
                chunks.append(self._chunk(seq, run_stream, run_first, run_lines))
                seq += 1
                run_lines = []
            if not run_lines:
                run_stream, run_first = stream, index
            run_lines.append(text)
            lines_out.append((index, stream, text))
            stored += len(text.encode()) + 1
            index += 1
        if run_lines:
            chunks.append(self._chunk(seq, run_stream, run_first, run_lines))
            seq += 1
        with transaction.atomic():
            TaskLogChunk.objects.bulk_create(chunks)
            AlgorithmTask.objects.filter(pk=self.task_id).update(
                log_line_count=index,
                log_chunk_count=seq,
                log_bytes=self._stored_bytes + stored,
                log_dropped_bytes=self._dropped,
                log_stdout_offset=offsets[Stream.STDOUT],
                log_stderr_offset=offsets[Stream.STDERR],
            )
            task_id = self.task_id
            if lines_out:
                transaction.on_commit(lambda: events.log_batch(task_id, first_line, lines_out))
        self._line_count, self._seq, self._stored_bytes, self._offsets = (
            index,
            seq,
            self._stored_bytes + stored,
            offsets,
        )

    def _chunk(self, seq: int, stream: str, first: int, lines: list[str]) -> TaskLogChunk:
        return TaskLogChunk(
            task_id=self.task_id,
            seq=seq,
            stream=stream,
            first_line=first,
            line_count=len(lines),
            text="\n".join(lines),
        )

    def close(self) -> None:
        """Flush everything, including a last line without a newline, and stop the flusher."""
        self._stop.set()
        self._thread.join(timeout=10)
        with self._buf_lock:
            for stream in (Stream.STDOUT, Stream.STDERR):
                rest = self._partial[stream]
                if rest:
                    self._partial[stream] = b""
                    self._take_line(stream, rest, len(rest))
            if self._dropped and self._truncation_noted:
                self._append(LogStream.SYSTEM, f"[oasis] {self._dropped} bytes of output were dropped.", 0)
        self.flush()


# --- reading -------------------------------------------------------------------------------------
def read_lines(task_id: int, *, from_line: int = 0, limit: int = 1000) -> list[LogLine]:
    """Lines ``from_line`` .. ``from_line + limit - 1`` of a task's log (fewer at the end)."""
    if limit <= 0:
        return []
    from_line = max(0, from_line)
    first = (
        TaskLogChunk.objects.filter(task_id=task_id, first_line__lte=from_line)
        .order_by("-first_line")
        .first()
    )
    rest = TaskLogChunk.objects.filter(
        task_id=task_id, first_line__gt=from_line, first_line__lt=from_line + limit
    ).order_by("first_line")
    out: list[LogLine] = []
    for chunk in [first, *rest] if first else rest:
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
