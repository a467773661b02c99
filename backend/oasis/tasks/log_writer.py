"""Writing a task's log while its container runs: lines, caps, a buffer and a flusher thread.

The runner hands raw bytes of each stream to ``LogWriter.write``, on its log-reading thread; complete
lines are buffered there and stored by a flusher thread of the writer's own, one transaction per flush
(never a write per line), so reading the container's output and writing the database overlap. A flush
is due when 64 KB are waiting, or 100 ms after the previous flush: a line after a quiet spell is stored
at once, a steady stream in batches. What one flush stores, and how, is ``log_store.store_batch``.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection

from runners.base import Stream

from .faults import LeaseLost, with_db_retry
from .log_store import Pending, StoredLog, store_batch
from .models import AlgorithmTask, LogStream

log = logging.getLogger(__name__)

#: The shortest time between two flushes: lines of a steady stream wait at most this long.
FLUSH_INTERVAL_S = 0.1
#: A flush is due as soon as this much text waits, however recent the last one.
FLUSH_BYTES = 64 * 1024
#: The reading thread waits (back-pressure on the container's output) while this much text waits for
#: the database.
MAX_PENDING_BYTES = 8 * 2**20
#: A line longer than this is cut; the rest continues as the next line.
MAX_LINE_BYTES = 64 * 1024
REPLACEMENT = "\ufffd"


def _outage_s() -> float:
    return settings.OASIS_DB_OUTAGE_S


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
        self._stored = StoredLog.of(task)
        self._dropped = task.log_dropped_bytes
        self._partial = {Stream.STDOUT: b"", Stream.STDERR: b""}
        #: Runs of complete lines waiting for a flush (``log_store.Pending``).
        self._pending: list[Pending] = []
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
        fits = self._stored.log_bytes + self._pending_bytes + len(block) <= self.max_bytes
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
        if self._stored.log_bytes + self._pending_bytes + size > self.max_bytes:
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

    def _store(self, batch: list[Pending]) -> None:
        self._stored = store_batch(
            self.task_id, batch, self._stored, dropped_bytes=self._dropped, executor=self.executor
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
