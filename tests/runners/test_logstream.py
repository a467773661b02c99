"""The multiplexed-stream framing and resuming at a byte position (no engine needed)."""

from __future__ import annotations

import io
import os
import struct
import time

import pytest

from runners.base import LogPosition, Stream
from runners.logstream import LogPump, ResumingWriter, TruncatedStream, iter_frames
from tests.runners.fakes import MemoryLogs


def frame(kind: int, data: bytes) -> bytes:
    return struct.pack(">BxxxL", kind, len(data)) + data


def trickle(data: bytes):
    """A read() that hands out at most 3 bytes at a time, like a slow socket."""
    stream = io.BytesIO(data)
    return lambda n: stream.read(min(n, 3))


def test_frames_are_split_by_stream_in_order_even_from_short_reads():
    data = (
        frame(1, b"out 1\n") + frame(2, b"err\0\xff\n") + frame(0, b"stdin?") + frame(1, b"") + frame(1, b"x")
    )

    assert list(iter_frames(trickle(data))) == [
        (Stream.STDOUT, b"out 1\n"),
        (Stream.STDERR, b"err\0\xff\n"),
        (Stream.STDOUT, b"x"),
    ]


@pytest.mark.parametrize("cut", [3, 8, 10], ids=["in-header", "after-header", "in-payload"])
def test_a_stream_cut_inside_a_frame_is_an_error(cut):
    data = frame(1, b"complete\n") + frame(2, b"cut short")
    with pytest.raises(TruncatedStream):
        list(iter_frames(trickle(data[: len(frame(1, b"complete\n")) + cut])))


def test_resuming_drops_exactly_the_stored_bytes_per_stream():
    logs = MemoryLogs()
    writer = ResumingWriter(logs, LogPosition(stdout=7, stderr=2))

    for stream, data in [
        (Stream.STDOUT, b"line 1\n"),
        (Stream.STDERR, b"e1\n"),
        (Stream.STDOUT, b"line 2\n"),
        (Stream.STDERR, b"e2\n"),
    ]:
        writer.write(stream, data)

    assert logs.stdout == b"line 2\n"
    assert logs.stderr == b"\ne2\n"
    assert writer.position() == LogPosition(stdout=14, stderr=6)


def test_the_pump_separates_sink_failures_from_stream_failures():
    class Failing(MemoryLogs):
        def write(self, stream, data):
            raise RuntimeError("sink is full")

    data = frame(1, b"a") + frame(1, b"b")
    failing = LogPump(lambda: (io.BytesIO(data).read, lambda: None), ResumingWriter(Failing()), "t1")
    failing.start()
    failing.join()
    broken = LogPump(lambda: (io.BytesIO(data[:-1]).read, lambda: None), ResumingWriter(MemoryLogs()), "t2")
    broken.start()
    broken.join()

    with pytest.raises(RuntimeError, match="sink is full"):
        failing.raise_sink_error()
    assert failing.stream_error is None
    broken.raise_sink_error()
    assert isinstance(broken.stream_error, TruncatedStream)
    assert broken.writer.position() == LogPosition(stdout=1)


def test_closing_the_pump_unblocks_a_pending_read():
    read_end, write_end = os.pipe()
    with open(read_end, "rb", buffering=0) as reader, open(write_end, "wb", buffering=0) as writer:
        writer.write(frame(2, b"before close"))
        logs = MemoryLogs()
        pump = LogPump(lambda: (reader.read, writer.close), ResumingWriter(logs), "t3")
        pump.start()
        time.sleep(0.2)
        assert pump.is_alive()  # blocked in read: the writer end is still open

        pump.close()

        assert not pump.is_alive()
        assert logs.stderr == b"before close"
        assert pump.stream_error is None
