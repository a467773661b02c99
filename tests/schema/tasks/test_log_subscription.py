"""``taskLogs`` in process, on the real schema, database and in-memory channel layer: a batch holds runs,
``runs`` and ``lines`` say the same; catch-up pages, live batches cut to the next line, gaps re-read.

The end-to-end promise (every line once, in order, across disconnects and a Redis restart) is
tests/e2e/test_live_updates.py; this is the shape of a batch, quickly.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from channels.layers import get_channel_layer
from django.db import connection

from oasis.tasks import events
from oasis.tasks.log_store import StoredLog, store_batch
from oasis.tasks.models import AlgorithmTask, TaskStatus
from schema import reads
from schema.context import Context
from schema.tasks import subscriptions
from schema.tasks.subscriptions import _take_live
from tests.oasis.factories import gid, make_task, store_log

pytestmark = pytest.mark.django_db(transaction=True)

TASK_LOGS = """subscription($id: ID!, $from: Int!) { taskLogs(taskId: $id, fromLine: $from) {
    fromLine done lines { index stream text } runs { stream text } } }"""


@pytest.fixture
def reader(monkeypatch):
    """The subscription's database reads on one thread of this test, whose connection is closed after
    it (a kept connection would hold the test database open)."""
    executor = ThreadPoolExecutor(max_workers=1)
    monkeypatch.setattr(reads, "_readers", executor)
    yield executor
    executor.submit(lambda: connection.close()).result()  # that thread's own connection
    executor.shutdown()


def append(task_id: int, stream: str, lines: list[str]) -> None:
    """Lines of one stream stored after the task's log, as the log writer stores a batch (the test
    publishes the live events itself, to lose one on purpose)."""
    stored = StoredLog.of(AlgorithmTask.objects.get(pk=task_id))
    store_batch(task_id, [(stream, lines, 0)], stored, dropped_bytes=0, executor=None)


def check_batch(batch: dict) -> list[tuple[int, str, str]]:
    """A batch's lines, checked to be its runs line by line from fromLine."""
    from_runs = [(run["stream"], text) for run in batch["runs"] for text in run["text"].split("\n")]
    lines = [(line["index"], line["stream"], line["text"]) for line in batch["lines"]]
    assert lines == [(batch["fromLine"] + i, s, t) for i, (s, t) in enumerate(from_runs)]
    return lines


async def batches(user, task, from_line: int):
    from schema.schema import schema

    results = await schema.subscribe(
        TASK_LOGS,
        variable_values={"id": gid(task), "from": from_line},
        context_value=Context(request=None, response=None, user=user),
    )
    async for result in results:
        assert not result.errors, result.errors
        yield result.data["taskLogs"]


def test_catch_up_pages_hold_the_stored_runs_cut_to_the_page(alice, reader, monkeypatch):
    monkeypatch.setattr(subscriptions, "REPLAY_PAGE", 4)
    task = make_task(alice)
    store_log(
        task,
        [
            ("stdout", ["0", "1", "2", "3", "4"]),
            ("stdout", ["5", "6"]),  # a second chunk of one stream: one run with the first
            ("stderr", ["7", "8", "9"]),
            ("stdout", ["10", "11", "12", "13"]),
        ],
    )
    AlgorithmTask.objects.filter(pk=task.pk).update(status=TaskStatus.SUCCEEDED)

    async def follow():
        return [batch async for batch in batches(alice, task, from_line=2)]

    got = asyncio.run(follow())
    assert [(b["fromLine"], b["runs"], b["done"]) for b in got] == [
        (2, [{"stream": "STDOUT", "text": "2\n3\n4\n5"}], False),
        (6, [{"stream": "STDOUT", "text": "6"}, {"stream": "STDERR", "text": "7\n8\n9"}], False),
        (10, [{"stream": "STDOUT", "text": "10\n11\n12\n13"}], True),
    ]
    lines = [line for batch in got for line in check_batch(batch)]
    assert [text for _, _, text in lines] == [str(i) for i in range(2, 14)]


def test_an_empty_finished_log_is_one_empty_last_batch(alice, reader):
    task = make_task(alice)
    AlgorithmTask.objects.filter(pk=task.pk).update(status=TaskStatus.SUCCEEDED)

    async def follow():
        return [batch async for batch in batches(alice, task, from_line=0)]

    assert asyncio.run(follow()) == [{"fromLine": 0, "done": True, "lines": [], "runs": []}]


def test_live_batches_are_cut_to_the_next_line_and_a_gap_is_read_from_the_log(alice, reader, monkeypatch):
    monkeypatch.setattr(subscriptions, "IDLE_CHECK_S", 0.05)
    task = make_task(alice)
    AlgorithmTask.objects.filter(pk=task.pk).update(status=TaskStatus.RUNNING)
    store_log(task, [("stdout", ["0", "1", "2"])])
    layer = get_channel_layer()
    group = events.log_group(task.pk)

    async def on_reader(work) -> None:  # the test's own writes, on the thread whose connection is closed
        await asyncio.get_running_loop().run_in_executor(reader, work)

    async def publish(from_line: int, *runs: tuple[str, str]) -> None:
        await layer.group_send(group, events.LogBatchStored(task.pk, from_line, runs).encode())

    async def follow():
        got = []
        stream = batches(alice, task, from_line=0)
        got.append(await anext(stream))  # caught up: lines 0..2, the subscription listens now
        await on_reader(lambda: append(task.pk, "stdout", ["3"]))
        await publish(1, ("stdout", "1\n2\n3"))  # overlaps what was sent: only line 3 is new
        got.append(await anext(stream))
        # Lines 4..6 stored, their batch lost; the next one starts past the next line: a gap
        await on_reader(lambda: append(task.pk, "stderr", ["4", "5"]))
        await on_reader(lambda: append(task.pk, "stdout", ["6"]))
        await publish(6, ("stdout", "6"))
        got.append(await anext(stream))
        await on_reader(lambda: AlgorithmTask.objects.filter(pk=task.pk).update(status=TaskStatus.SUCCEEDED))
        await layer.group_send(group, events.TaskChanged(task.pk).encode())
        got += [batch async for batch in stream]
        return got

    got = asyncio.run(follow())
    assert [(b["fromLine"], b["runs"], b["done"]) for b in got] == [
        (0, [{"stream": "STDOUT", "text": "0\n1\n2"}], False),
        (3, [{"stream": "STDOUT", "text": "3"}], False),
        (4, [{"stream": "STDERR", "text": "4\n5"}, {"stream": "STDOUT", "text": "6"}], False),
        (7, [], True),
    ]
    for batch in got:
        check_batch(batch)


def live(from_line: int, *runs: tuple[str, str]) -> dict:
    return events.LogBatchStored(task_id=1, from_line=from_line, runs=runs).encode()


def test_take_live_cuts_dedups_and_joins_runs_of_one_stream():
    messages = [
        live(0, ("stdout", "a\nb")),  # already sent
        live(2, ("stdout", "c\nd"), ("stderr", "e")),  # cut inside its first run
        live(5, ("stderr", "f")),  # joins the run before it
    ]
    assert _take_live(messages, next_line=3) == ([("stdout", "d"), ("stderr", "e\nf")], False, False)


def test_take_live_stops_at_a_gap_and_looks_at_the_row_on_a_status_change():
    messages = [live(0, ("stdout", "a")), events.TaskChanged(1).encode(), live(5, ("stdout", "x"))]
    assert _take_live(messages, next_line=0) == ([("stdout", "a")], True, True)
    assert _take_live([live(0, ("stdout", "a"))], next_line=1) == ([], False, False)
    assert _take_live([], next_line=0) == ([], False, True)  # a quiet spell
