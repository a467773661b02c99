"""Live task updates and logs over websockets.

Each subscription gets its own channel on the layer (``new_channel``) and joins its groups *before*
reading the stored state, so nothing published in between is lost; lines are de-duplicated by index.
Owning the channel per subscription also sidesteps strawberry-django issue 942 (several subscriptions
to one group on one socket, where ending one silenced the others). The layer delivers at most once,
so the durable log closes any gap: a batch that starts past the next expected line is answered from
the database, and a quiet spell or a status change makes the subscription look at the task's row.

The database is read on a thread pool (``thread_sensitive=False``): these reads are independent, and
the default would queue every subscription of the server behind one thread - a hundred viewers of one
task all looking at once waited seconds (docs/benchmarks.md, B3).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import random
from collections.abc import AsyncGenerator

import strawberry
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.core.exceptions import PermissionDenied
from strawberry import relay

from oasis.tasks import events, logs
from oasis.tasks.models import AlgorithmTask, LogStream
from schema.context import Info, require_user
from schema.ids import decode_id

from .types import AlgorithmTaskType, LogLine

#: How long a subscription waits for a message before it looks at the database itself; each wait is
#: drawn up to half again longer, so the viewers of one task do not all ask at the same moment.
IDLE_CHECK_S = 2.0
REPLAY_PAGE = 1000

_db_read = functools.partial(database_sync_to_async, thread_sensitive=False)


def _idle_wait() -> float:
    return IDLE_CHECK_S * random.uniform(1.0, 1.5)  # noqa: S311 - spreading load, not a secret


@strawberry.type
class LogBatch:
    task_id: strawberry.ID
    from_line: int
    lines: list[LogLine]
    done: bool


class _Inbox:
    """A subscription's channel on the layer, read without ever cancelling a receive midway.

    Cancelling ``receive`` is not harmless: channels-redis's pub/sub layer then forgets the channel, and
    whatever arrives before the next receive is dropped, so every quiet spell cost a gap and a catch-up
    from the database. A receive that outlasts a wait is kept for the next one.
    """

    def __init__(self, layer, channel: str):
        self.layer = layer
        self.channel = channel
        self._receiving: asyncio.Future | None = None

    async def get(self, timeout: float | None = None) -> dict | None:
        """The next message, or None after ``timeout`` seconds without one."""
        if self._receiving is None:
            self._receiving = asyncio.ensure_future(self.layer.receive(self.channel))
        done, _ = await asyncio.wait({self._receiving}, timeout=timeout)
        if not done:
            return None
        received, self._receiving = self._receiving, None
        return received.result()

    def close(self) -> None:
        if self._receiving is not None:
            self._receiving.cancel()  # now the layer may forget the channel


@contextlib.asynccontextmanager
async def _listening(groups: list[str]):
    layer = get_channel_layer()
    # The default prefix: channels-redis's core layer reads every channel of a process from one Redis
    # key per prefix, and the consumer's own receive holds that read, so a channel under another
    # prefix would never be read.
    inbox = _Inbox(layer, await layer.new_channel())
    for group in groups:
        await layer.group_add(group, inbox.channel)
    try:
        yield inbox
    finally:
        inbox.close()
        for group in groups:
            with contextlib.suppress(Exception):
                await layer.group_discard(group, inbox.channel)


@_db_read
def _visible_task(user, task_id: int) -> AlgorithmTask | None:
    return (
        AlgorithmTask.objects.visible_to(user)
        .select_related("algorithm__image", "input_dataset", "output_dataset", "owner")
        .filter(pk=task_id)
        .first()
    )


@_db_read
def _task_state(task_id: int) -> tuple[bool, int] | None:
    row = AlgorithmTask.objects.filter(pk=task_id).values_list("status", "log_line_count").first()
    if row is None:
        return None
    status, count = row
    return status in ("SUCCEEDED", "FAILED", "CANCELLED"), count


@_db_read
def _read(task_id: int, from_line: int, limit: int) -> list[LogLine]:
    return [
        LogLine(index=x.index, stream=LogStream(x.stream), text=x.text)
        for x in logs.read_lines(task_id, from_line=from_line, limit=limit)
    ]


def _fresh_lines(runs: list, start: int, next_line: int) -> list[LogLine]:
    """The lines from index ``next_line`` on of a live batch (runs of ``[stream, text]`` from ``start``)."""
    fresh: list[LogLine] = []
    index = start
    for stream, text in runs:
        texts = text.split("\n")
        if index + len(texts) > next_line:
            kind = LogStream(stream)
            skip = max(0, next_line - index)
            fresh += [LogLine(index=index + k, stream=kind, text=t) for k, t in enumerate(texts[skip:], skip)]
        index += len(texts)
    return fresh


def _task_id(value) -> int:
    try:
        return decode_id(value, type_name="AlgorithmTask", field="taskId")
    except Exception as exc:
        raise PermissionDenied("Task not found.") from exc


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Changes of one task (the first message is its current state), or of every task you may see."
    )
    async def task_updates(
        self, info: Info, task_id: strawberry.ID | None = None
    ) -> AsyncGenerator[AlgorithmTaskType, None]:
        user = require_user(info)
        if task_id is not None:
            pk = _task_id(task_id)
            if await _visible_task(user, pk) is None:
                raise PermissionDenied("Task not found.")
            groups = [events.task_group(pk)]
        else:
            pk = None
            groups = [events.ALL_TASKS_GROUP if user.is_staff else events.user_group(user.pk)]
        async with _listening(groups) as inbox:
            if pk is not None:
                task = await _visible_task(user, pk)
                if task is None:
                    return
                yield task
                if task.is_finished:
                    return
            while True:
                message = await inbox.get()
                if message.get("type") != "task.changed":
                    continue
                task = await _visible_task(user, int(message["task_id"]))
                if task is None:
                    continue
                yield task
                if pk is not None and task.is_finished:
                    return

    @strawberry.subscription(
        description="A task's log: stored lines from fromLine, then new lines live; the last batch has done: true."
    )
    async def task_logs(
        self, info: Info, task_id: strawberry.ID, from_line: int = 0
    ) -> AsyncGenerator[LogBatch, None]:
        user = require_user(info)
        pk = _task_id(task_id)
        if await _visible_task(user, pk) is None:
            raise PermissionDenied("Task not found.")
        gid = strawberry.ID(relay.to_base64("AlgorithmTask", pk))
        next_line = max(0, from_line)

        async def catch_up() -> AsyncGenerator[LogBatch, None]:
            nonlocal next_line
            while True:
                lines = await _read(pk, next_line, REPLAY_PAGE)
                if not lines:
                    return
                batch = LogBatch(task_id=gid, from_line=next_line, lines=lines, done=False)
                next_line = lines[-1].index + 1
                yield batch
                if len(lines) < REPLAY_PAGE:
                    return

        async with _listening([events.log_group(pk)]) as inbox:
            while True:
                # Catch up from the database, then see whether the task is over and fully sent.
                pending: LogBatch | None = None
                async for batch in catch_up():
                    if pending is not None:
                        yield pending
                    pending = batch
                state = await _task_state(pk)
                finished = state is None or (state[0] and next_line >= state[1])
                if pending is not None:
                    pending.done = finished
                    yield pending
                elif finished:
                    yield LogBatch(task_id=gid, from_line=next_line, lines=[], done=True)
                if finished:
                    return
                # Follow live batches. A gap sends us back above; so does a status change or a quiet
                # spell, but only when the task's row (one query) shows lines we have not sent, or the
                # end of the task.
                while True:
                    message = await inbox.get(_idle_wait())
                    if message is not None and message.get("type") == "task.log":
                        start = int(message["from_line"])
                        if start > next_line:
                            break  # a batch was lost between us and the worker: read it from the log
                        fresh = _fresh_lines(message["runs"], start, next_line)
                        if fresh:
                            yield LogBatch(task_id=gid, from_line=next_line, lines=fresh, done=False)
                            next_line = fresh[-1].index + 1
                        continue
                    state = await _task_state(pk)
                    if state is None or state[0] or state[1] > next_line:
                        break
