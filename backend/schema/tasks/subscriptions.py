"""Live task updates and logs over websockets.

Each subscription gets its own inbox from the process's fan-out (``fanout.py``: one layer channel per
group and process) and joins its groups *before* reading the stored state, so nothing published in
between is lost; lines are de-duplicated by index. An inbox per subscription also sidesteps
strawberry-django issue 942 (several subscriptions to one group on one socket, where ending one
silenced the others). The layer delivers at most once, so the durable log closes any gap: a batch that
starts past the next expected line is answered from the database, and a quiet spell or a status change
makes the subscription look at the task's row; so does a quiet spell of ``taskUpdates(taskId)``. A subscriber that fell behind (a busy server) sends what
waits in its inbox as one batch, so being behind costs fewer messages, not more.

The database is read on threads that keep their connections (``schema/reads.py``): a hundred viewers
looking at a task's row together when its status changed waited for a hundred new PostgreSQL
connections, and their lines with them.
"""

from __future__ import annotations

import random
from collections.abc import AsyncGenerator

import strawberry
from django.core.exceptions import PermissionDenied
from strawberry import relay

from oasis.tasks import events, logs
from oasis.tasks.models import FINISHED_STATUSES, AlgorithmTask, LogStream
from schema.context import Info, require_user
from schema.ids import decode_id
from schema.reads import db_read

from .fanout import listening
from .types import AlgorithmTaskType, LogLine

#: How long a subscription waits for a message before it looks at the database itself; each wait is
#: drawn up to half again longer, so the viewers of one task do not all ask at the same moment.
IDLE_CHECK_S = 2.0
REPLAY_PAGE = 1000


def _idle_wait() -> float:
    return IDLE_CHECK_S * random.uniform(1.0, 1.5)  # noqa: S311 - spreading load, not a secret


@strawberry.type(description="Consecutive lines of one stream.")
class LogRun:
    stream: LogStream
    text: str = strawberry.field(
        description='The lines joined with "\\n" (a run has at least one line; split on "\\n" to get them back).'
    )


def _lines_of_batch(root: LogBatch) -> list[LogLine]:
    return [LogLine.of(x) for x in logs.lines_of_runs(root.stored_runs, start=root.from_line)]


@strawberry.type(description="Consecutive lines of a task's log, from line fromLine on.")
class LogBatch:
    """Holds the runs as they were stored or published (cut to what the subscriber has not seen); the
    GraphQL runs are made of them one for one, and lines only for a client that asks for them."""

    task_id: strawberry.ID
    from_line: int
    lines: list[LogLine] = strawberry.field(
        resolver=_lines_of_batch, description="One object per line (index = fromLine + position)."
    )
    done: bool = strawberry.field(description="The task is over and this is the log's last batch.")
    stored_runs: strawberry.Private[list[logs.Run]]

    @strawberry.field(
        description="The same lines as runs of one stream: line fromLine + i is the i-th line of the runs "
        "in order. A few objects per batch instead of one per line: cheaper to serve and to parse, which "
        "matters for a busy log with many viewers (the dashboard reads these)."
    )
    def runs(self) -> list[LogRun]:
        return [LogRun(stream=LogStream(stream), text=text) for stream, text in self.stored_runs]


@db_read
def _visible_task(user, task_id: int) -> AlgorithmTask | None:
    return (
        AlgorithmTask.objects.visible_to(user)
        .select_related("algorithm__image", "input_dataset", "output_dataset", "owner")
        .filter(pk=task_id)
        .first()
    )


@db_read
def _task_state(task_id: int) -> tuple[bool, int] | None:
    row = AlgorithmTask.objects.filter(pk=task_id).values_list("status", "log_line_count").first()
    if row is None:
        return None
    status, count = row
    return status in FINISHED_STATUSES, count


@db_read
def _read(task_id: int, from_line: int, limit: int) -> list[logs.Run]:
    return logs.read_runs(task_id, from_line=from_line, limit=limit)


def _seen(task: AlgorithmTask) -> tuple:
    """What a ``taskUpdates`` viewer has seen of a task: a re-read that differs is sent."""
    return (
        task.status,
        task.started_at,
        task.finished_at,
        task.exit_code,
        task.failure_reason,
        task.output_dataset_id,
    )


def _take_live(messages: list[dict], next_line: int) -> tuple[list[logs.Run], bool, bool]:
    """What a log subscription at ``next_line`` takes from the messages waiting in its inbox:
    ``(fresh runs from line next_line on, a batch was missed, look at the task's row)``. No messages
    means a quiet spell (look); anything but a log batch is a status change (look)."""
    fresh: list[logs.Run] = []
    look = not messages
    gap = False
    for message in messages:
        event = events.decode(message)
        if not isinstance(event, events.LogBatchStored):
            look = True
            continue
        if event.from_line > next_line:
            gap = True
            break
        runs = logs.cut_runs(event.runs, start=event.from_line, from_line=next_line)
        fresh += runs
        next_line += logs.line_count(runs)
    return logs.merge_runs(fresh), gap, look


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
        async with listening(groups) as inbox:
            last_seen = None
            if pk is not None:
                task = await _visible_task(user, pk)
                if task is None:
                    return
                yield task
                if task.is_finished:
                    return
                last_seen = _seen(task)
            while True:
                # One task: a quiet spell makes it look at the row, so a change whose event was lost (the
                # layer delivers at most once, e.g. across a Redis restart) still reaches the viewer.
                message = await inbox.get(_idle_wait() if pk is not None else None)
                if message is None:
                    task = await _visible_task(user, pk)
                    if task is None:
                        return
                    if _seen(task) != last_seen:
                        last_seen = _seen(task)
                        yield task
                        if task.is_finished:
                            return
                    continue
                messages = [message, *inbox.pending()]
                # Several changes of one task waiting: its row is read once, as it is now.
                decoded = (events.decode(m) for m in messages)
                changed = dict.fromkeys(e.task_id for e in decoded if isinstance(e, events.TaskChanged))
                for changed_pk in changed:
                    task = await _visible_task(user, changed_pk)
                    if task is None:
                        continue
                    if pk is not None:
                        if _seen(task) == last_seen:
                            continue  # a quiet-spell re-read already sent this state
                        last_seen = _seen(task)
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
                runs = await _read(pk, next_line, REPLAY_PAGE)
                if not runs:
                    return
                batch = LogBatch(task_id=gid, from_line=next_line, stored_runs=runs, done=False)
                count = logs.line_count(runs)
                next_line += count
                yield batch
                if count < REPLAY_PAGE:
                    return

        async with listening([events.log_group(pk)]) as inbox:
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
                    yield LogBatch(task_id=gid, from_line=next_line, stored_runs=[], done=True)
                if finished:
                    return
                # Follow live batches. A gap sends us back above; so does a status change or a quiet
                # spell, but only when the task's row (one query) shows lines we have not sent, or the
                # end of the task.
                while True:
                    message = await inbox.get(_idle_wait())
                    messages = [] if message is None else [message, *inbox.pending()]
                    fresh, gap, look = _take_live(messages, next_line)
                    if fresh:
                        yield LogBatch(task_id=gid, from_line=next_line, stored_runs=fresh, done=False)
                        next_line += logs.line_count(fresh)
                    if gap:
                        break  # a batch was lost between us and the worker: read it from the log
                    if not look:
                        continue
                    state = await _task_state(pk)
                    if state is None or state[0] or state[1] > next_line:
                        break
