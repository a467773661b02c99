"""Reading Docker's multiplexed log stream and resuming it at a byte position.

Kept free of the Docker SDK so the framing and the resume arithmetic are plain functions over bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import struct
import threading
import time
from collections.abc import Callable, Iterator

from runners.base import Callbacks, LogPosition, LogSink, Stream

#: Stream type byte of a frame header (0 is stdin, 3 is the engine's own error channel on attach).
_FRAME_STREAMS = {1: Stream.STDOUT, 2: Stream.STDERR}
_HEADER = struct.Struct(">BxxxL")


class TruncatedStream(Exception):
    """The stream ended inside a frame (the connection was cut)."""


def read_exact(read: Callable[[int], bytes], size: int) -> bytes:
    """Read exactly ``size`` bytes; fewer only when the stream ends (b"" at a clean end)."""
    chunk = read(size)
    if len(chunk) == size or not chunk:
        return chunk
    parts = [chunk]
    missing = size - len(chunk)
    while missing:
        chunk = read(missing)
        if not chunk:
            break
        parts.append(chunk)
        missing -= len(chunk)
    return b"".join(parts)


def iter_frames(read: Callable[[int], bytes]) -> Iterator[tuple[Stream, bytes]]:
    """Split a non-TTY Docker log/attach stream into ``(stream, payload)`` pairs, in order.

    Each frame is an 8-byte header (stream type, three zero bytes, big-endian payload size) followed by
    the payload. Frames of other stream types are dropped.
    """
    while True:
        header = read_exact(read, _HEADER.size)
        if not header:
            return
        if len(header) < _HEADER.size:
            raise TruncatedStream("log stream ended inside a frame header")
        kind, size = _HEADER.unpack(header)
        payload = read_exact(read, size) if size else b""
        if len(payload) < size:
            raise TruncatedStream("log stream ended inside a frame")
        stream = _FRAME_STREAMS.get(kind)
        if stream is not None and payload:
            yield stream, payload


class LockedLogSink:
    """A ``LogSink`` the log thread(s) and the runner's own notes can share: a sink need not be thread-safe."""

    def __init__(self, sink: LogSink) -> None:
        self._sink = sink
        self._lock = threading.Lock()

    def write(self, stream: Stream, data: bytes) -> None:
        with self._lock:
            self._sink.write(stream, data)

    def note(self, text: str) -> None:
        with self._lock:
            self._sink.note(text)


def with_locked_logs(callbacks: Callbacks) -> Callbacks:
    """The same callbacks, with the log sink behind a lock."""
    if isinstance(callbacks.logs, LockedLogSink):
        return callbacks
    return dataclasses.replace(callbacks, logs=LockedLogSink(callbacks.logs))


class ResumingWriter:
    """Forwards log bytes to a sink, dropping what the sink already has.

    A log stream replayed from the start is fed through here with the ``LogPosition`` the pipeline
    stored, so the first ``position.stdout`` bytes of stdout and ``position.stderr`` bytes of stderr
    are discarded - exactly, even when the cut falls inside a frame.
    """

    def __init__(self, sink: LogSink, position: LogPosition | None = None) -> None:
        position = position or LogPosition()
        self.sink = sink
        self._start = position
        self._skip = {Stream.STDOUT: position.stdout, Stream.STDERR: position.stderr}
        #: Bytes passed on per stream (not counting the skipped ones).
        self.written = {Stream.STDOUT: 0, Stream.STDERR: 0}

    def write(self, stream: Stream, data: bytes) -> None:
        skip = self._skip[stream]
        if skip:
            if len(data) <= skip:
                self._skip[stream] = skip - len(data)
                return
            data = data[skip:]
            self._skip[stream] = 0
        self.written[stream] += len(data)
        self.sink.write(stream, data)

    def position(self) -> LogPosition:
        """Where the sink now stands: a replay fed through a writer made with this resumes exactly."""
        return LogPosition(
            stdout=self._start.stdout + self.written[Stream.STDOUT],
            stderr=self._start.stderr + self.written[Stream.STDERR],
        )


#: An opened log stream: a ``read(n)`` that returns b"" at the end, and a ``close()`` safe to call
#: from another thread (it unblocks a pending read).
OpenedStream = tuple[Callable[[int], bytes], Callable[[], None]]


class LogPump(threading.Thread):
    """Copies one multiplexed log stream into a ``ResumingWriter`` on its own thread.

    A failure of the sink belongs to the pipeline and is re-raised in the caller's thread
    (``raise_sink_error``); a failure of the stream (connection cut, engine gone) is only recorded in
    ``stream_error``, because the log can be requested again and resumed at ``writer.position()``.
    """

    def __init__(self, open_stream: Callable[[], OpenedStream], writer: ResumingWriter, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self._open_stream = open_stream
        self._read: Callable[[int], bytes] | None = None
        self._close: Callable[[], None] | None = None
        self._closed = False
        self._lock = threading.Lock()
        self.writer = writer
        self.ended_at: float | None = None
        self.stream_error: BaseException | None = None
        self.sink_error: BaseException | None = None
        self.finished = threading.Event()

    def open(self) -> None:
        """Open the stream now, in the caller's thread (``run`` opens it otherwise)."""
        read, close = self._open_stream()
        with self._lock:
            self._read, self._close = read, close
            closed = self._closed
        if closed:
            close()

    def run(self) -> None:
        try:
            if self._read is None:
                try:
                    self.open()
                except Exception as exc:
                    self.stream_error = exc
                    return
            self._pump()
        finally:
            self.ended_at = time.monotonic()
            self.finished.set()

    def _pump(self) -> None:
        assert self._read is not None
        frames = iter_frames(self._read)
        while True:
            try:
                frame = next(frames, None)
            except Exception as exc:
                if not self._closed:
                    self.stream_error = exc
                return
            if frame is None:
                return
            try:
                self.writer.write(*frame)
            except BaseException as exc:
                self.sink_error = exc
                return

    def ended_cleanly_for(self) -> float:
        """Seconds since the stream ended without an error (0 when it has not, or ended with one)."""
        if self.ended_at is None or self.stream_error is not None or self.sink_error is not None:
            return 0.0
        return time.monotonic() - self.ended_at

    def raise_sink_error(self) -> None:
        if self.sink_error is not None:
            raise self.sink_error

    def close(self) -> None:
        """Stop reading (a pending read returns) and wait for the thread, so the position is final."""
        with self._lock:
            self._closed = True
            close = self._close
        if close is not None and self.is_alive():
            with contextlib.suppress(Exception):
                close()
        if self.is_alive() and self is not threading.current_thread():
            self.join()
