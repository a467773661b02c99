"""Live events about tasks: one function per event kind, each sent to the channel layer.

Groups: ``task.<id>`` (one task's status), ``task.<id>.logs`` (its log batches), ``tasks.user.<id>``
(every task of a user, for lists) and ``tasks.all`` (every task, for staff). Messages carry ids and
small payloads; subscribers read current state from the database, which is the source of truth.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import publisher


def task_group(task_id: int) -> str:
    return f"task.{task_id}"


def log_group(task_id: int) -> str:
    return f"task.{task_id}.logs"


def user_group(user_id: int) -> str:
    return f"tasks.user.{user_id}"


ALL_TASKS_GROUP = "tasks.all"


def task_changed(task_id: int, owner_id: int) -> None:
    """A task's status, timestamps, exit code, reason or output changed."""
    message = {"type": "task.changed", "task_id": task_id}
    publisher.send(task_group(task_id), message)
    publisher.send(log_group(task_id), message)  # log followers learn the task finished
    publisher.send(user_group(owner_id), message)
    publisher.send(ALL_TASKS_GROUP, message)


def log_batch(task_id: int, from_line: int, runs: Sequence[tuple[str, str]]) -> None:
    """A stored batch of log lines, indexes consecutive from ``from_line``, as runs of one stream:
    ``(stream, text)`` where ``text`` holds the run's lines joined by newlines (a line never holds one).

    One string per run, not a list per line: msgpack packs it in one go for Redis, and the in-memory
    layer, which deep-copies a message for every subscriber, copies it for free.
    """
    publisher.send(
        log_group(task_id),
        {"type": "task.log", "task_id": task_id, "from_line": from_line, "runs": [list(x) for x in runs]},
    )
