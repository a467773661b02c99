"""The task log: batched append-only chunks, the size cap with its marker, decoding, reading by line and
by run, and cutting runs by line index."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oasis.tasks.log_writer import MAX_LINE_BYTES, LogWriter
from oasis.tasks.logs import container_output, cut_runs, lines_of_runs, merge_runs, read_lines, read_runs
from oasis.tasks.models import AlgorithmTask, TaskLogChunk
from runners.base import Stream
from tests.oasis.factories import make_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def task(alice):
    return make_task(alice)


def writer(task, max_bytes: int = 50 * 2**20) -> LogWriter:
    return LogWriter(AlgorithmTask.objects.get(pk=task.pk), max_bytes=max_bytes)


def test_many_lines_are_stored_in_a_few_chunks_not_a_write_per_line(task):
    log = writer(task)
    data = b"".join(b"line %d\n" % i for i in range(20000))
    with CaptureQueriesContext(connection) as queries:
        for start in range(0, len(data), 4096):
            log.write(Stream.STDOUT, data[start : start + 4096])
        log.close()
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) <= len(data) // (64 * 1024) + 3
    lines = read_lines(task.pk, from_line=0, limit=30000)
    assert [x.text for x in lines] == [f"line {i}" for i in range(20000)]
    assert [x.index for x in lines] == list(range(20000))
    # many chunks of one stream are one run when read back
    assert TaskLogChunk.objects.filter(task_id=task.pk).count() > 1
    assert read_runs(task.pk, limit=30000) == [("stdout", "\n".join(f"line {i}" for i in range(20000)))]


def test_a_quiet_stream_is_flushed_within_a_fraction_of_a_second(task):
    log = writer(task)
    log.write(Stream.STDOUT, b"first\n")
    deadline = time.monotonic() + 2
    while not TaskLogChunk.objects.filter(task_id=task.pk).exists():
        assert time.monotonic() < deadline, "not flushed"
        time.sleep(0.02)
    log.close()


def test_streams_keep_their_order_and_identity(task):
    log = writer(task)
    log.write(Stream.STDOUT, b"o1\no2\n")
    log.write(Stream.STDERR, b"e1\n")
    log.write(Stream.STDOUT, b"o3\n")
    log.note("platform says hi")
    log.close()
    assert [(x.stream, x.text) for x in read_lines(task.pk)] == [
        ("stdout", "o1"),
        ("stdout", "o2"),
        ("stderr", "e1"),
        ("stdout", "o3"),
        ("system", "platform says hi"),
    ]
    assert container_output(task.pk) == "o1\no2\ne1\no3\n"


def test_invalid_utf8_nul_and_a_last_line_without_newline(task):
    log = writer(task)
    log.write(Stream.STDOUT, b"a\x00b\n\xff\xfeok\nno newline")
    log.close()
    assert [x.text for x in read_lines(task.pk)] == ["a\ufffdb", "\ufffd\ufffdok", "no newline"]


def test_a_very_long_line_is_cut(task):
    log = writer(task)
    log.write(Stream.STDOUT, b"x" * (MAX_LINE_BYTES * 2 + 10) + b"\n")
    log.close()
    assert [len(x.text) for x in read_lines(task.pk)] == [MAX_LINE_BYTES, MAX_LINE_BYTES, 10]


def test_the_cap_drops_output_with_visible_markers_and_counts_it_as_read(task):
    log = writer(task, max_bytes=1000)
    payload = b"".join(b"%04d\n" % i for i in range(1000))  # 5000 bytes
    log.write(Stream.STDOUT, payload)
    log.close()
    texts = [x.text for x in read_lines(task.pk, limit=5000)]
    markers = [t for t in texts if t.startswith("[oasis]")]
    assert len(markers) == 2
    assert "limit" in markers[0]
    kept = [t for t in texts if not t.startswith("[oasis]")]
    assert kept == [f"{i:04d}" for i in range(len(kept))]
    dropped = len(payload) - 5 * len(kept)
    assert markers[1] == f"[oasis] {dropped} bytes of output were dropped."
    row = AlgorithmTask.objects.get(pk=task.pk)
    assert row.log_stdout_offset == len(payload)  # a reattaching worker does not read them again
    assert row.log_dropped_bytes == dropped


def test_reading_from_inside_a_chunk_and_across_chunks(task):
    log = writer(task)
    for i in range(10):
        log.write(
            Stream.STDOUT if i % 2 == 0 else Stream.STDERR, b"".join(b"%d-%d\n" % (i, j) for j in range(7))
        )
    log.close()
    assert TaskLogChunk.objects.filter(task_id=task.pk).count() == 10
    window = read_lines(task.pk, from_line=12, limit=10)
    assert [x.index for x in window] == list(range(12, 22))
    assert window[0].text == "1-5" and window[-1].text == "3-0"
    assert read_lines(task.pk, from_line=70, limit=10) == []
    assert read_runs(task.pk, from_line=12, limit=10) == [
        ("stderr", "1-5\n1-6"),
        ("stdout", "\n".join(f"2-{j}" for j in range(7))),
        ("stderr", "3-0"),
    ]
    assert read_runs(task.pk, from_line=14, limit=7) == [("stdout", "\n".join(f"2-{j}" for j in range(7)))]
    assert read_runs(task.pk, from_line=69, limit=10) == [("stderr", "9-6")]
    assert read_runs(task.pk, from_line=70, limit=10) == []
    assert read_runs(task.pk, from_line=0, limit=0) == []


def test_a_resumed_writer_continues_numbering(task):
    log = writer(task)
    log.write(Stream.STDOUT, b"a\nb\n")
    log.close()
    log = writer(task)
    log.write(Stream.STDOUT, b"c\n")
    log.close()
    assert [(x.index, x.text) for x in read_lines(task.pk)] == [(0, "a"), (1, "b"), (2, "c")]


# Lines 10..15 of a log: a b c (stdout), d e (stderr), f (stdout).
RUNS = (("stdout", "a\nb\nc"), ("stderr", "d\ne"), ("stdout", "f"))


@pytest.mark.parametrize(
    ("from_line", "limit", "expected"),
    [
        pytest.param(10, None, list(RUNS), id="all"),
        pytest.param(0, None, list(RUNS), id="from before the runs"),
        pytest.param(11, None, [("stdout", "b\nc"), *RUNS[1:]], id="from inside a run"),
        pytest.param(13, None, list(RUNS[1:]), id="from a run boundary"),
        pytest.param(15, None, [("stdout", "f")], id="from the last line"),
        pytest.param(16, None, [], id="from past the end"),
        pytest.param(10, 4, [RUNS[0], ("stderr", "d")], id="limit inside a run"),
        pytest.param(10, 3, [RUNS[0]], id="limit at a run boundary"),
        pytest.param(11, 1, [("stdout", "b")], id="from and limit inside one run"),
        pytest.param(12, 2, [("stdout", "c"), ("stderr", "d")], id="across a boundary, cut on both sides"),
        pytest.param(10, 100, list(RUNS), id="limit past the end"),
        pytest.param(10, 0, [], id="limit 0"),
        pytest.param(0, 10, [], id="limit ends before the runs"),
        pytest.param(0, 12, [("stdout", "a\nb")], id="limit ends inside, from before the runs"),
    ],
)
def test_cutting_runs_by_line_index(from_line, limit, expected):
    assert cut_runs(RUNS, start=10, from_line=from_line, limit=limit) == expected


def test_cutting_no_runs_gives_none():
    assert cut_runs([], start=0) == []
    assert cut_runs([], start=5, from_line=7, limit=3) == []
    assert lines_of_runs([], start=0) == []


def test_empty_lines_are_lines_when_cutting():
    runs = [("stdout", "\n\nx"), ("stderr", "")]  # lines "", "", "x" and ""
    assert cut_runs(runs, start=0, from_line=1, limit=1) == [("stdout", "")]
    assert cut_runs(runs, start=0, from_line=2) == [("stdout", "x"), ("stderr", "")]
    assert cut_runs(runs, start=0, from_line=3) == [("stderr", "")]
    assert [(x.index, x.text) for x in lines_of_runs(runs, start=0)] == [(0, ""), (1, ""), (2, "x"), (3, "")]


def test_the_lines_of_a_cut_are_the_same_lines_cut_one_by_one():
    every = list(enumerate(((s, t) for s, text in RUNS for t in text.split("\n")), start=10))
    for from_line in range(8, 18):
        for limit in (None, *range(8)):
            end = 1000 if limit is None else from_line + limit
            expected = [(i, s, t) for i, (s, t) in every if from_line <= i < end]
            got = lines_of_runs(RUNS, start=10, from_line=from_line, limit=limit)
            assert [(x.index, x.stream, x.text) for x in got] == expected, (from_line, limit)


def test_merging_joins_neighbours_of_one_stream_only():
    runs = [("stdout", "a"), ("stdout", "b\nc"), ("stderr", "d"), ("stdout", "e"), ("stdout", "")]
    assert merge_runs(runs) == [("stdout", "a\nb\nc"), ("stderr", "d"), ("stdout", "e\n")]
    assert merge_runs([]) == []
